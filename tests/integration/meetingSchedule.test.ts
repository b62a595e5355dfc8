/**
 * Correcting a meeting (PATCH /api/meetings/:id: title, start, agenda) and calling off a scheduled one
 * (POST /api/meetings/:id/cancel): who may, what each answers once the meeting is live, closed or cancelled,
 * what the audit trail keeps and what everyone in the group is told.
 */
import { describe, expect, it } from 'vitest';
import type { Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

interface AuditEvent {
  action: string;
  target: { type: string; id: string };
  changes: Record<string, unknown>;
}

/** The audit entries about one meeting, oldest first. */
async function auditOf(fac: Api, ws: string, meetingId: string): Promise<AuditEvent[]> {
  const res = await fac.get<{ events: AuditEvent[] }>(`/api/workspaces/${ws}/audit?limit=500`);
  expect(res.status).toBe(200);
  return res.body.events.filter((e) => e.target.type === 'meeting' && e.target.id === meetingId).reverse();
}

const AGENDA = [{ title: 'Apertura', minutes: 5 }, { title: 'Seguimiento de acuerdos', minutes: 20 }, { title: 'Asuntos generales' }];

describe.each(BACKENDS)('correcting and cancelling meetings on $name', (backend) => {
  const h = useServerWorld(backend);

  /** A facilitator, a member focal point and a member of another group, with a fresh working group. */
  async function cast(name: string) {
    const { world } = h;
    const fac = await world.user(`Fátima ${name}`, 'UNODC');
    const focal = await world.user(`Fernando ${name}`, 'SSPC');
    const outsider = await world.user(`Xavier ${name}`, 'FGE-CHIH');
    const ws = await world.workspace(fac.api, `Mesa ${name}`);
    await world.addMember(ws, fac.api, focal.id, 'member', true);
    // The outsider belongs to a group of their own: a member of Enlace, not of this group.
    await world.workspace(outsider.api, `Otra mesa ${name}`);
    const schedule = async (title: string, startsAt = '2027-02-01T16:00:00Z', agenda: Array<{ title: string; minutes?: number }> = AGENDA) => {
      const res = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title, startsAt, agenda });
      expect(res.status).toBe(201);
      return res.body.meeting as { id: string };
    };
    return { fac, focal, outsider, ws, schedule };
  }

  it('corrects each field for facilitators only, records real changes once, and tells the group', async () => {
    const { fac, focal, outsider, ws, schedule } = await cast('correcciones');
    const m = await schedule('Sesión ordinaria');
    const events = await connectEvents(h.server.url, focal.api.token!, ws);
    const seen = recordEvents(events, ['meeting:updated']);

    const titled = await fac.api.patch(`/api/meetings/${m.id}`, { title: 'Sesión ordinaria de febrero' });
    expect(titled.status).toBe(200);
    expect(titled.body.meeting).toMatchObject({ id: m.id, title: 'Sesión ordinaria de febrero', startsAt: '2027-02-01T16:00:00.000Z', status: 'scheduled', agenda: AGENDA });
    await waitFor(() => seen.some((e) => e.payload.meeting?.title === 'Sesión ordinaria de febrero'), 5000, 'meeting:updated with the new title');
    expect(seen.find((e) => e.payload.meeting?.title === 'Sesión ordinaria de febrero')!.payload.workspaceId).toBe(ws);

    // Any offset is taken and stored as the instant it names.
    const moved = await fac.api.patch(`/api/meetings/${m.id}`, { startsAt: '2027-02-03T10:30-06:00' });
    expect(moved.status).toBe(200);
    expect(moved.body.meeting).toMatchObject({ title: 'Sesión ordinaria de febrero', startsAt: '2027-02-03T16:30:00.000Z' });

    const agenda = [{ title: 'Apertura', minutes: 10 }, { title: 'Protocolo de atención a víctimas', minutes: 30 }];
    const reworked = await fac.api.patch(`/api/meetings/${m.id}`, { agenda });
    expect(reworked.status).toBe(200);
    expect(reworked.body.meeting.agenda).toEqual(agenda);
    expect((await focal.api.get(`/api/meetings/${m.id}`)).body.meeting).toMatchObject({ title: 'Sesión ordinaria de febrero', startsAt: '2027-02-03T16:30:00.000Z', agenda });

    const trail = await auditOf(fac.api, ws, m.id);
    expect(trail.map((e) => e.action)).toEqual(['meeting.created', 'meeting.updated', 'meeting.updated', 'meeting.updated']);
    expect(trail[1].changes).toEqual({ title: { from: 'Sesión ordinaria', to: 'Sesión ordinaria de febrero' } });
    expect(trail[2].changes).toEqual({ startsAt: { from: '2027-02-01T16:00:00.000Z', to: '2027-02-03T16:30:00.000Z' } });
    expect(trail[3].changes).toEqual({ agenda: { from: AGENDA, to: agenda } });

    // The form sent back as it was (the same instant written another way): answered, not recorded, not told.
    const told = seen.length;
    const same = await fac.api.patch(`/api/meetings/${m.id}`, { title: 'Sesión ordinaria de febrero', startsAt: '2027-02-03T16:30Z', agenda });
    expect(same.status).toBe(200);
    expect(same.body.meeting).toMatchObject({ title: 'Sesión ordinaria de febrero', startsAt: '2027-02-03T16:30:00.000Z', agenda });
    expect(await auditOf(fac.api, ws, m.id)).toHaveLength(4);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toHaveLength(told);

    // Nothing to change, or something malformed: 400 naming the field.
    const empty = await fac.api.patch(`/api/meetings/${m.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_failed');
    const badDate = await fac.api.patch(`/api/meetings/${m.id}`, { startsAt: '2027-02-03T10:30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details[0].path).toBe('startsAt');
    expect((await fac.api.patch(`/api/meetings/${m.id}`, { title: '   ' })).status).toBe(400);
    expect((await fac.api.patch(`/api/meetings/${m.id}`, { agenda: [{ title: 'Largo', minutes: 601 }] })).status).toBe(400);

    // A member may not correct it; someone of another group does not learn it exists.
    const asMember = await focal.api.patch(`/api/meetings/${m.id}`, { title: 'Mía' });
    expect(asMember.status).toBe(403);
    expect((await outsider.api.patch(`/api/meetings/${m.id}`, { title: 'Ajena' })).status).toBe(404);
    expect((await fac.api.patch('/api/meetings/mtg_nonexistent', { title: 'Nada' })).status).toBe(404);
    expect((await fac.api.get(`/api/meetings/${m.id}`)).body.meeting.title).toBe('Sesión ordinaria de febrero');
    expect(await auditOf(fac.api, ws, m.id)).toHaveLength(4);
    events.close();
  });

  it('lets a live meeting’s agenda change only while the item under way stays on it, and refuses a closed one', async () => {
    const { fac, ws, schedule } = await cast('en curso');
    const m = await schedule('Sesión en curso');
    expect((await fac.api.post(`/api/meetings/${m.id}/start`)).status).toBe(200);
    expect((await fac.api.put(`/api/meetings/${m.id}/current-item`, { index: 2 })).status).toBe(200);

    const shorter = await fac.api.patch(`/api/meetings/${m.id}`, { agenda: AGENDA.slice(0, 2) });
    expect(shorter.status).toBe(400);
    expect(shorter.body.error.code).toBe('validation_failed');
    expect(shorter.body.error.details).toEqual([
      { path: 'agenda', issue: 'current_item_removed', message: 'Item 3 («Asuntos generales») is under way: keep at least 3 agenda items, or move the meeting to an earlier item first' },
    ]);
    expect((await fac.api.patch(`/api/meetings/${m.id}`, { agenda: [] })).status).toBe(400);
    // Under way, the start is fixed: a new one is refused, the one it has is accepted as no change.
    const moved = await fac.api.patch(`/api/meetings/${m.id}`, { startsAt: '2027-03-01T16:00:00Z', title: 'No se guarda' });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({ code: 'conflict', reason: 'meeting_started', message: 'The meeting is under way: its start can no longer change' });
    expect((await fac.api.get(`/api/meetings/${m.id}`)).body.meeting).toMatchObject({ title: 'Sesión en curso', startsAt: '2027-02-01T16:00:00.000Z' });
    expect((await fac.api.patch(`/api/meetings/${m.id}`, { startsAt: '2027-02-01T16:00:00Z' })).status).toBe(200);

    // Renamed and lengthened: the meeting stays on the same item, its clock untouched.
    const before = (await fac.api.get(`/api/meetings/${m.id}`)).body.meeting;
    const longer = [...AGENDA.slice(0, 2), { title: 'Asuntos generales y cierre', minutes: 15 }, { title: 'Próxima sesión' }];
    const ok = await fac.api.patch(`/api/meetings/${m.id}`, { agenda: longer, title: 'Sesión en curso (ampliada)' });
    expect(ok.status).toBe(200);
    expect(ok.body.meeting).toMatchObject({ status: 'live', currentItem: 2, currentItemStartedAt: before.currentItemStartedAt, agenda: longer, title: 'Sesión en curso (ampliada)' });

    // An item picked before the start that the new agenda drops is no longer picked.
    const early = await schedule('Sesión siguiente');
    expect((await fac.api.put(`/api/meetings/${early.id}/current-item`, { index: 2 })).status).toBe(200);
    const trimmed = await fac.api.patch(`/api/meetings/${early.id}`, { agenda: AGENDA.slice(0, 1) });
    expect(trimmed.status).toBe(200);
    expect(trimmed.body.meeting).toMatchObject({ status: 'scheduled', currentItem: null, agenda: AGENDA.slice(0, 1) });

    expect((await fac.api.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    const closed = await fac.api.patch(`/api/meetings/${m.id}`, { title: 'Demasiado tarde' });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({ code: 'conflict', reason: 'meeting_closed' });
    expect((await fac.api.get(`/api/meetings/${m.id}`)).body.meeting.title).toBe('Sesión en curso (ampliada)');
    expect((await auditOf(fac.api, ws, m.id)).map((e) => e.action)).toEqual(['meeting.created', 'meeting.started', 'meeting.item_changed', 'meeting.updated', 'meeting.closed']);
  });

  it('cancels a scheduled meeting once: audited, told live, then nothing more happens in it and the home pages forget it', async () => {
    const { fac, focal, outsider, ws, schedule } = await cast('cancelada');
    const plan = await h.world.document(fac.api, ws);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const later = new Date(Date.now() + 48 * 3600 * 1000).toISOString();
    const m = await schedule('Sesión que no será', tomorrow);
    const next = await schedule('Sesión reprogramada', later);
    const upcoming = async () => (await focal.api.get(`/api/workspaces/${ws}/dashboard`)).body.upcomingMeeting;
    expect((await upcoming()).id).toBe(m.id);

    const events = await connectEvents(h.server.url, focal.api.token!, ws);
    const seen = recordEvents(events, ['meeting:updated', 'version:created']);
    expect((await focal.api.post(`/api/meetings/${m.id}/cancel`)).status).toBe(403);
    expect((await outsider.api.post(`/api/meetings/${m.id}/cancel`)).status).toBe(404);

    const cancelled = await fac.api.post(`/api/meetings/${m.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.meeting).toMatchObject({ id: m.id, status: 'cancelled', title: 'Sesión que no será', minutes: null, closedAt: null });
    await waitFor(() => seen.some((e) => e.event === 'meeting:updated' && e.payload.meeting?.status === 'cancelled'), 5000, 'meeting:updated for the cancel');
    expect(seen.find((e) => e.payload.meeting?.status === 'cancelled')!.payload).toMatchObject({ workspaceId: ws, meeting: { id: m.id, status: 'cancelled' } });
    const trail = await auditOf(fac.api, ws, m.id);
    expect(trail.map((e) => e.action)).toEqual(['meeting.created', 'meeting.cancelled']);
    expect(trail[1].changes).toEqual({ status: { from: 'scheduled', to: 'cancelled' } });

    // A second cancel finds it done: same answer, no second entry.
    const again = await fac.api.post(`/api/meetings/${m.id}/cancel`);
    expect(again.status).toBe(200);
    expect(again.body.meeting.status).toBe('cancelled');
    expect(await auditOf(fac.api, ws, m.id)).toHaveLength(2);

    // Nothing can happen in it any more.
    const refusals = [
      await fac.api.post(`/api/meetings/${m.id}/start`),
      await fac.api.put(`/api/meetings/${m.id}/current-item`, { index: 0 }),
      await fac.api.put(`/api/meetings/${m.id}/attendance`, { organizationIds: [h.world.orgs.UNODC.id] }),
      await fac.api.post(`/api/meetings/${m.id}/close`),
      await fac.api.patch(`/api/meetings/${m.id}`, { title: 'Revivida' }),
      await focal.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Acuerdo sin reunión', meetingId: m.id }),
      await focal.api.get(`/api/meetings/${m.id}/minutes?format=md`),
    ];
    expect(refusals.map((r) => [r.status, r.body?.error?.reason])).toEqual(Array(7).fill([409, 'meeting_cancelled']));
    expect(refusals[6].body.error.message).toBe('The meeting was cancelled, so it has no minutes');
    expect(refusals[5].body.error.message).toMatch(/record the decision without a meeting/);
    expect(await auditOf(fac.api, ws, m.id)).toHaveLength(2);
    expect((await focal.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions).toEqual([]);
    // No plan version was taken, as a close would have.
    expect((await fac.api.get(`/api/documents/${plan}/versions`)).body.versions.filter((v: { kind: string }) => v.kind === 'meeting')).toEqual([]);
    expect(seen.filter((e) => e.event === 'version:created')).toEqual([]);

    // Listed as cancelled; the home pages move on to the next real meeting.
    const listed = (await focal.api.get(`/api/workspaces/${ws}/meetings`)).body.meetings.map((x: { id: string; status: string }) => [x.id, x.status]);
    expect(listed).toEqual([
      [m.id, 'cancelled'],
      [next.id, 'scheduled'],
    ]);
    expect((await upcoming()).id).toBe(next.id);
    expect((await fac.api.post(`/api/meetings/${next.id}/cancel`)).status).toBe(200);
    expect(await upcoming()).toBeNull();
    const attention = (await focal.api.get('/api/me/attention')).body.workspaces.find((w: { workspaceId: string }) => w.workspaceId === ws);
    expect(attention.liveMeeting).toBeNull();
    events.close();
  });

  it('refuses to cancel a live meeting (it is closed instead) or a closed one', async () => {
    const { fac, ws, schedule } = await cast('no cancelable');
    const m = await schedule('Sesión iniciada');
    expect((await fac.api.post(`/api/meetings/${m.id}/start`)).status).toBe(200);
    const live = await fac.api.post(`/api/meetings/${m.id}/cancel`);
    expect(live.status).toBe(409);
    expect(live.body.error).toMatchObject({ code: 'conflict', reason: 'meeting_live', message: 'The meeting is under way: close it instead, which freezes its minutes' });
    expect((await fac.api.get(`/api/meetings/${m.id}`)).body.meeting.status).toBe('live');
    expect((await fac.api.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    const closed = await fac.api.post(`/api/meetings/${m.id}/cancel`);
    expect(closed.status).toBe(409);
    expect(closed.body.error.reason).toBe('meeting_closed');
    expect((await fac.api.get(`/api/meetings/${m.id}`)).body.meeting.status).toBe('closed');
    expect((await auditOf(fac.api, ws, m.id)).map((e) => e.action)).toEqual(['meeting.created', 'meeting.started', 'meeting.closed']);
  });
});
