/**
 * A meeting's attendance is a set of organizations: the same ones again, in another order or repeated (a form that
 * sorts differently, a second click), are answered with the meeting as it is, with no audit entry and no
 * `meeting:updated`; a real change is recorded once, without repeats, in the order the facilitator gave.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

interface MeetingBody {
  meeting: { id: string; attendance: string[]; currentItem: number | null };
}
interface AuditEvent {
  target: { id: string };
  changes: { attendance?: string[] } | null;
}

describe.each(BACKENDS)('meeting attendance as a set on $name', (backend) => {
  const h = useServerWorld(backend);

  it('the same organizations in another order or repeated are not recorded again; a real change is, once', async () => {
    const fac = await h.world.user('Fátima Asistencia', 'UNODC');
    const ws = await h.world.workspace(fac.api, 'Mesa de asistencia');
    const { UNODC, SSPC, FGR } = h.world.orgs;
    const created = await fac.api.post<MeetingBody>(`/api/workspaces/${ws}/meetings`, { title: 'Sesión', startsAt: '2027-02-01T16:00:00Z', agenda: [{ title: 'Apertura' }, { title: 'Cierre' }] });
    const meetingId = created.body.meeting.id;
    expect((await fac.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    const attendance = (organizationIds: string[]) => fac.api.put<MeetingBody>(`/api/meetings/${meetingId}/attendance`, { organizationIds });
    const recorded = async () => {
      const trail = await fac.api.get<{ events: AuditEvent[] }>(`/api/workspaces/${ws}/audit?action=meeting.attendance&limit=500`);
      expect(trail.status).toBe(200);
      return trail.body.events.filter((e) => e.target.id === meetingId);
    };

    const first = await attendance([SSPC.id, UNODC.id]);
    expect([first.status, first.body.meeting.attendance]).toEqual([200, [SSPC.id, UNODC.id]]);
    expect(await recorded()).toHaveLength(1);

    const events = await connectEvents(h.server.url, fac.api.token!, ws);
    const heard = recordEvents(events, ['meeting:updated']);
    try {
      for (const same of [[UNODC.id, SSPC.id], [SSPC.id, UNODC.id, SSPC.id], [UNODC.id, UNODC.id, SSPC.id]]) {
        const again = await attendance(same);
        // Answered with the meeting as stored, in the order first given.
        expect([again.status, again.body.meeting.attendance], JSON.stringify(same)).toEqual([200, [SSPC.id, UNODC.id]]);
      }
      expect(await recorded()).toHaveLength(1);
      // A later change's event comes after any the repeats would have sent: only it is heard.
      const moved = await fac.api.put<MeetingBody>(`/api/meetings/${meetingId}/current-item`, { index: 1 });
      expect(moved.status).toBe(200);
      await waitFor(() => heard.length > 0, 5000, 'meeting:updated of the item change');
      expect(heard.map((e) => (e.payload as MeetingBody).meeting.currentItem)).toEqual([1]);

      // A real change (one more organization, given first, repeated) is recorded once, deduplicated, in the order given.
      const changed = await attendance([FGR.id, UNODC.id, FGR.id, SSPC.id]);
      expect([changed.status, changed.body.meeting.attendance]).toEqual([200, [FGR.id, UNODC.id, SSPC.id]]);
      const trail = await recorded();
      expect(trail).toHaveLength(2);
      expect(trail[0].changes).toEqual({ attendance: [FGR.id, UNODC.id, SSPC.id] });
      await waitFor(() => heard.length > 1, 5000, 'meeting:updated of the attendance change');
      expect(heard.map((e) => (e.payload as MeetingBody).meeting.attendance)).toEqual([[SSPC.id, UNODC.id], [FGR.id, UNODC.id, SSPC.id]]);
      expect((await fac.api.get<MeetingBody>(`/api/meetings/${meetingId}`)).body.meeting.attendance).toEqual([FGR.id, UNODC.id, SSPC.id]);
    } finally {
      events.disconnect();
    }
  });
});
