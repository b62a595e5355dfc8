import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditEvents, notifications } from '../../db/schema.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { addActivity, editActivity, FRESH_MS, openPlan, pollUntil, removeActivity, tipActivity, twoGroups } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor, type YClient } from '../helpers/yjsClient.js';

type Side = { documentId?: string; activityId?: string; hidden?: boolean; label?: string; title?: string };
type Overlap = { id: string; a: Side; b: Side; reasons: string[]; score: number; status: string; resolution?: string; note?: string };
type OverlapsBody = { overlaps: Overlap[] };
const sideIds = (o: Overlap) => [o.a.activityId, o.b.activityId].sort();

describe.each(BACKENDS)('overlap flags on $name', (backend) => {
  let server: TestServer | undefined;
  const clients: YClient[] = [];
  const sockets: Array<{ close(): void }> = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    clients.splice(0).forEach((c) => c.destroy());
    await server?.close();
    server = undefined;
  });

  async function setup() {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const g = await twoGroups(world);
    const planA = await openPlan(server, g.facA.api, g.docA);
    const planB = await openPlan(server, g.facB.api, g.docB);
    clients.push(planA, planB);
    return { world, ...g, planA, planB, chih: world.orgs['FGE-CHIH'].id, juarez: world.orgs['MUN-JUAREZ'].id };
  }

  it('flags a true overlap between two groups within 2 s, with the right reasons, both sides visible to a member of both', async () => {
    const { liaison, planA, planB, chih, juarez, docA, docB } = await setup();
    const a = tipActivity(chih);
    const b = tipActivity(juarez, { title: 'Capacitación de fiscales sobre trata de personas', stateCodes: [], municipalityCodes: ['08037'], startDate: '2027-05-01', endDate: '2027-09-30' });
    addActivity(planA, a);
    addActivity(planB, b);
    const body = await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps', (x) => x.overlaps.length === 1);
    const [o] = body.overlaps;
    expect(sideIds(o)).toEqual([a.id, b.id].sort());
    expect(o.reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap', 'similar_title', 'same_target']);
    expect(o.status).toBe('open');
    expect(o.score).toBeGreaterThan(0.8);
    const sides = [o.a, o.b];
    expect(sides.map((s) => s.documentId).sort()).toEqual([docA, docB].sort());
    expect(sides.find((s) => s.activityId === a.id)?.title).toBe(a.title);
    // The matrix table's marks: each side once, for someone in both groups.
    const marks = (await liaison.api.get<{ activities: Array<{ documentId: string; activityId: string; open: number }> }>('/api/overlaps/marks')).body.activities;
    expect(marks.sort((x, y) => x.documentId.localeCompare(y.documentId))).toEqual(
      [
        { documentId: docA, activityId: a.id, open: 1 },
        { documentId: docB, activityId: b.id, open: 1 },
      ].sort((x, y) => x.documentId.localeCompare(y.documentId)),
    );
  });

  it('pages the list by score: following nextCursor gives every overlap once, in the order of one big page; a made-up cursor is a 400', async () => {
    const { liaison, planA, planB, chih, juarez } = await setup();
    // 4 × 3 activities of one area, place and time on the two sides: 12 overlaps across the groups, and 6 + 3 within
    // each plan (one lead, titles alike). All 21 are waited for: a list read while passes still ran was paged after.
    for (let i = 0; i < 4; i++) addActivity(planA, tipActivity(chih, { title: `Capacitación a fiscales ${i}` }));
    for (let i = 0; i < 3; i++) addActivity(planB, tipActivity(juarez, { title: `Capacitación a fiscales ${i}` }));
    const all = await pollUntil<OverlapsBody & { nextCursor: string | null }>(liaison.api, '/api/overlaps?limit=1000', (x) => x.overlaps.length === 21);
    expect(all.nextCursor).toBeNull();
    const scores = all.overlaps.map((o) => o.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { overlaps: Overlap[]; nextCursor: string | null } } = await liaison.api.get(`/api/overlaps?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.overlaps.length).toBeLessThanOrEqual(5);
      paged.push(...(res.body.overlaps as Overlap[]).map((o) => o.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(paged).toEqual(all.overlaps.map((o) => o.id));
    expect(pages).toBe(Math.ceil(all.overlaps.length / 5));
    const bad = await liaison.api.get('/api/overlaps?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('does not flag disjoint places, disjoint dates, the same lead organization with another title or another mandate area; drops the flag when an edit separates them', async () => {
    const { liaison, planA, planB, chih, juarez } = await setup();
    const base = tipActivity(chih);
    addActivity(planA, base);
    addActivity(planB, tipActivity(juarez, { stateCodes: ['09'] }));
    addActivity(planB, tipActivity(juarez, { municipalityCodes: ['02004'], stateCodes: [] }));
    addActivity(planB, tipActivity(juarez, { startDate: '2028-01-01', endDate: '2028-12-31' }));
    addActivity(planB, tipActivity(chih, { title: 'Mesa de seguimiento de carpetas de investigación', target: '' }));
    addActivity(planB, tipActivity(juarez, { mandateArea: 'money_laundering' }));
    addActivity(planB, tipActivity(juarez, { status: 'cancelled' }));
    await pollUntil(liaison.api, '/api/matrix', (x: { activities: unknown[] }) => x.activities.length === 7);
    expect((await liaison.api.get<OverlapsBody>('/api/overlaps?status=all')).body.overlaps).toEqual([]);

    // One more activity overlaps both Chihuahua activities led by FGE (but those two never overlap each other).
    const moving = tipActivity(juarez, { title: 'Otra actividad distinta' });
    addActivity(planB, moving);
    const flagged = await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps', (x) => x.overlaps.length === 2);
    expect(flagged.overlaps.every((o) => sideIds(o).includes(moving.id))).toBe(true);
    expect(flagged.overlaps.some((o) => sideIds(o).includes(base.id))).toBe(true);
    expect(flagged.overlaps[0].reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap', 'same_target']);

    editActivity(planB, moving.id, { stateCodes: ['31'] });
    await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps?status=all', (x) => x.overlaps.length === 0);
  });

  it('flags one organization’s activity planned in two working groups when the titles match', async () => {
    const { liaison, planA, planB, chih } = await setup();
    const a = tipActivity(chih);
    const b = tipActivity(chih, { title: 'Capacitacion de fiscales en trata de personas', target: '' });
    addActivity(planA, a);
    addActivity(planB, b);
    const body = await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps', (x) => x.overlaps.length === 1);
    expect(sideIds(body.overlaps[0]).sort()).toEqual([a.id, b.id].sort());
    expect(body.overlaps[0].reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap', 'similar_title']);
  });

  it('flags similar Spanish titles written with and without accents (similar_title)', async () => {
    const { liaison, planA, planB, chih, juarez } = await setup();
    addActivity(planA, tipActivity(chih, { title: 'Capacitación sobre atención a víctimas de trata', target: '' }));
    addActivity(planB, tipActivity(juarez, { title: 'CAPACITACION EN ATENCION A VICTIMAS DE TRATA', target: '' }));
    const body = await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps', (x) => x.overlaps.length === 1);
    expect(body.overlaps[0].reasons).toContain('similar_title');
    expect(body.overlaps[0].reasons).not.toContain('same_target');
  });

  it('persists and audits a resolution by a member of either side; observers 403, others 404; stays resolved after edits', async () => {
    const { world, liaison, facA, facB, wsA, wsB, planA, planB, chih, juarez } = await setup();
    const observer = await world.user('Omar Observador', 'SSPC');
    await world.addMember(wsA, facA.api, observer.id, 'observer');
    const stranger = await world.user('Sara Sin Mesa', 'FGR');
    const a = tipActivity(chih);
    addActivity(planA, a);
    addActivity(planB, tipActivity(juarez));
    const [o] = (await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps', (x) => x.overlaps.length === 1)).overlaps;

    const eventsB = await connectEvents(server!.url, facB.api.token!, wsB);
    sockets.push(eventsB);
    const seenB = recordEvents(eventsB, ['overlap:updated']);
    // B does not share overlaps: the observer of A cannot see a B side, so it does not exist for them.
    expect((await observer.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'coordinate' })).status).toBe(404);
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    expect((await observer.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'coordinate' })).status).toBe(403);
    expect((await stranger.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'coordinate' })).status).toBe(404);
    // A does not share yet, so for B's facilitator the overlap does not exist.
    expect((await facB.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'coordinate' })).status).toBe(404);
    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    expect((await facB.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'duplicate' })).status).toBe(400);
    expect((await facB.api.post('/api/overlaps/ovl_nope/resolve', { resolution: 'merge' })).status).toBe(404);

    const res = await facB.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'co_lead', note: 'FGE lidera, municipio apoya' });
    expect(res.status).toBe(200);
    expect(res.body.overlap).toMatchObject({ id: o.id, status: 'resolved', resolution: 'co_lead', note: 'FGE lidera, municipio apoya' });
    await waitFor(() => seenB.length === 1, 5000, 'overlap:updated');
    expect(seenB[0].payload).toMatchObject({ workspaceId: wsB, overlap: { id: o.id, status: 'resolved' } });
    // The same resolution and note again, by the same person or another, changes nothing: answered as it stands (who
    // resolved it when kept), not recorded or announced again.
    const again = await facB.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'co_lead', note: ' FGE lidera, municipio apoya ' });
    expect([again.status, again.body.overlap]).toEqual([200, res.body.overlap]);
    expect((await facA.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'co_lead', note: 'FGE lidera, municipio apoya' })).body.overlap).toMatchObject({ resolvedAt: res.body.overlap.resolvedAt });
    await new Promise((r) => setTimeout(r, 300));
    expect(seenB).toHaveLength(1);
    const trail = async (ws: string) => ((await (ws === wsA ? facA : facB).api.get(`/api/workspaces/${ws}/audit?action=overlap.resolved`)).body.events as Array<{ changes: { resolution: unknown } }>).map((e) => e.changes.resolution);
    expect([await trail(wsA), await trail(wsB)]).toEqual([[{ from: null, to: 'co_lead' }], [{ from: null, to: 'co_lead' }]]);

    expect((await liaison.api.get<OverlapsBody>('/api/overlaps')).body.overlaps).toEqual([]);
    const resolved = (await liaison.api.get<OverlapsBody>('/api/overlaps?status=resolved')).body.overlaps;
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ resolution: 'co_lead', note: 'FGE lidera, municipio apoya' });

    const auditB = await facB.api.get(`/api/workspaces/${wsB}/audit`);
    const entry = auditB.body.events.find((e: { action: string }) => e.action === 'overlap.resolved');
    expect(entry).toMatchObject({ target: { type: 'overlap', id: o.id }, changes: { resolution: { from: null, to: 'co_lead' } } });
    const { db } = server!.services.database;
    const all = await db.select().from(auditEvents).where(eq(auditEvents.action, 'overlap.resolved'));
    expect(all.every((e) => e.actorId === facB.id)).toBe(true);

    // Editing the activity re-detects the pair but keeps the human decision.
    editActivity(planA, a.id, { description: 'Taller de cinco días', target: '' });
    await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps?status=all', (x) => x.overlaps.length === 1 && !x.overlaps[0].reasons.includes('same_target'));
    expect((await liaison.api.get<OverlapsBody>('/api/overlaps?status=all')).body.overlaps[0]).toMatchObject({ id: o.id, status: 'resolved', resolution: 'co_lead' });

    // Its activity deleted, the resolved flag names nothing: not listed, not shown, not resolved again. The row
    // brought back (as a restored version would), the resolution stands.
    removeActivity(planA, a.id);
    await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps?status=all', (x) => x.overlaps.length === 0, FRESH_MS, 'the flag of a deleted activity left out');
    expect((await liaison.api.get(`/api/overlaps/${o.id}`)).status).toBe(404);
    expect((await facB.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'merge' })).status).toBe(404);
    addActivity(planA, a);
    const back = await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps?status=all', (x) => x.overlaps.length === 1);
    expect(back.overlaps[0]).toMatchObject({ id: o.id, status: 'resolved', resolution: 'co_lead' });
    // Resolved again another way: a change, recorded and announced as one.
    expect((await facA.api.post(`/api/overlaps/${o.id}/resolve`, { resolution: 'merge' })).body.overlap).toMatchObject({ status: 'resolved', resolution: 'merge' });
    expect(await trail(wsB)).toEqual([{ from: 'co_lead', to: 'merge' }, { from: null, to: 'co_lead' }]);
    await waitFor(() => seenB.some((e) => e.payload.overlap?.resolution === 'merge'), 5000, 'overlap:updated with the merge');
  });

  it('reads one overlap by id (what an overlap notification links to), resolved too; says who resolved it only to people of that person’s group', async () => {
    const { world, liaison, facA, facB, focalA, wsA, wsB, planA, planB, chih, juarez } = await setup();
    const stranger = await world.user('Sara Sin Mesa', 'FGR');
    addActivity(planA, tipActivity(chih));
    addActivity(planB, tipActivity(juarez));
    const [listed] = (await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps', (x) => x.overlaps.length === 1)).overlaps;
    const one = await liaison.api.get(`/api/overlaps/${listed.id}`);
    expect(one.status).toBe(200);
    expect(one.body.overlap).toEqual(listed);
    // Not theirs to see: a person in no group, and A's focal point while B does not share overlaps; an unknown id alike.
    expect((await stranger.api.get(`/api/overlaps/${listed.id}`)).status).toBe(404);
    expect((await focalA.api.get(`/api/overlaps/${listed.id}`)).status).toBe(404);
    expect((await liaison.api.get('/api/overlaps/ovl_nope')).status).toBe(404);

    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const resolved = await facB.api.post(`/api/overlaps/${listed.id}/resolve`, { resolution: 'coordinate', note: 'Calendario común' });
    expect(resolved.status).toBe(200);
    const facBName = (await facB.api.get('/api/me')).body.user.name as string;
    expect(resolved.body.overlap.resolvedBy).toEqual({ userId: facB.id, name: facBName });
    // Resolved, it has left the open list, yet its link still reads it, with who resolved it (the liaison is in B too).
    expect((await liaison.api.get<OverlapsBody>('/api/overlaps')).body.overlaps).toEqual([]);
    const byLiaison = (await liaison.api.get(`/api/overlaps/${listed.id}`)).body.overlap;
    expect(byLiaison).toMatchObject({ id: listed.id, status: 'resolved', resolution: 'coordinate', note: 'Calendario común', resolvedBy: { userId: facB.id, name: facBName } });
    expect(byLiaison.resolvedAt).toEqual(expect.any(String));
    expect((await liaison.api.get<OverlapsBody>('/api/overlaps?status=resolved')).body.overlaps).toEqual([byLiaison]);
    // A's focal point sees B's side hidden, and when it was resolved but not by whom: B's facilitator is not in A.
    const byFocalA = (await focalA.api.get(`/api/overlaps/${listed.id}`)).body.overlap;
    expect(byFocalA).toMatchObject({ status: 'resolved', resolution: 'coordinate', resolvedAt: byLiaison.resolvedAt });
    expect(byFocalA.resolvedBy).toBeUndefined();
    expect(JSON.stringify(byFocalA)).not.toContain(facB.id);
  });

  it('never gives a one-group user another group’s activity: matrix, overlaps, CSV, events and notifications', async () => {
    const { liaison, facB, focalA, focalB, wsA, wsB, docB, planA, planB, chih, juarez } = await setup();
    const secretTitle = 'Operativo reservado en Ciudad Juárez';
    const eventsA = await connectEvents(server!.url, focalA.api.token!, wsA);
    const eventsB = await connectEvents(server!.url, focalB.api.token!, wsB);
    sockets.push(eventsA, eventsB);
    const seenA = recordEvents(eventsA, ['overlap:flagged', 'notification:created']);
    const seenB = recordEvents(eventsB, ['overlap:flagged', 'notification:created']);

    // 1. B does not share: A's people learn nothing at all.
    const a1 = tipActivity(chih);
    const b1 = tipActivity(juarez, { title: secretTitle });
    addActivity(planA, a1);
    addActivity(planB, b1);
    await pollUntil<OverlapsBody>(liaison.api, '/api/overlaps', (x) => x.overlaps.length === 1);
    expect((await focalA.api.get<OverlapsBody>('/api/overlaps?status=all')).body.overlaps).toEqual([]);
    // Nor is A's own row marked: the mark would tell of B's activity.
    expect((await focalA.api.get('/api/overlaps/marks')).body).toEqual({ activities: [] });

    // 2. B shares (A does not): A sees a hidden B side; B sees nothing, as A does not share.
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const a2 = tipActivity(chih, { stateCodes: ['19'], title: 'Campaña de prevención en Monterrey', target: '' });
    const b2 = tipActivity(juarez, { stateCodes: ['19'], title: 'Campaña de prevención en Monterrey secreta', target: '' });
    addActivity(planA, a2);
    addActivity(planB, b2);
    // Now that B shares, A's people also see the first overlap, with B's side hidden.
    const mine = await pollUntil<OverlapsBody>(focalA.api, '/api/overlaps', (x) => x.overlaps.length === 2);
    const o2 = mine.overlaps.find((o) => sideIds(o).includes(a2.id))!;
    expect(mine.overlaps.every((o) => o.a.hidden || o.b.hidden)).toBe(true);
    const [own, other] = o2.a.activityId === a2.id ? [o2.a, o2.b] : [o2.b, o2.a];
    expect(own).toMatchObject({ activityId: a2.id, title: a2.title });
    expect(other).toEqual({ hidden: true, label: 'an activity in another working group' });
    expect((await focalB.api.get<OverlapsBody>('/api/overlaps?status=all')).body.overlaps).toEqual([]);
    await waitFor(() => seenA.some((e) => e.event === 'overlap:flagged') && seenA.some((e) => e.event === 'notification:created'), FRESH_MS, 'events to A');
    expect(seenA.filter((e) => e.event === 'overlap:flagged')).toHaveLength(1);
    expect(seenB.filter((e) => e.event === 'overlap:flagged')).toHaveLength(0);
    expect(seenB.filter((e) => e.event === 'notification:created')).toHaveLength(0);

    const { db } = server!.services.database;
    const toA = await db.select().from(notifications).where(and(eq(notifications.userId, focalA.id), eq(notifications.kind, 'overlap')));
    expect(toA).toHaveLength(1);
    // Named by A's own activity, so two notices can be told apart; nothing of B's side (checked below).
    expect(toA[0]).toMatchObject({ workspaceId: wsA, target: { type: 'overlap', overlapId: o2.id, documentId: own.documentId, activityId: a2.id, title: a2.title } });
    expect(await db.select().from(notifications).where(eq(notifications.userId, focalB.id))).toEqual([]);

    const matrix = await focalA.api.get('/api/matrix');
    const csv = await focalA.api.get<string>('/api/matrix.csv');
    const overlapsAll = await focalA.api.get('/api/overlaps?status=all');
    // A's two rows are marked now (B shares); B's hidden sides are not listed.
    const marks = await focalA.api.get<{ activities: Array<{ activityId: string; open: number }> }>('/api/overlaps/marks');
    expect(marks.body.activities.map((m) => [m.activityId, m.open]).sort()).toEqual([[a1.id, 1], [a2.id, 1]].sort());
    expect((await focalB.api.get('/api/overlaps/marks')).body).toEqual({ activities: [] });
    const everything = JSON.stringify([matrix.body, csv.body, overlapsAll.body, marks.body, seenA, toA]);
    for (const secret of [secretTitle, b1.id, b2.id, b2.title, docB, wsB]) expect(everything).not.toContain(secret);
  });

  it('notifies the lead organization’s focal point on each side when both may see it', async () => {
    const { world, facA, facB, focalA, focalB, wsA, wsB, planA, planB, chih, juarez } = await setup();
    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const events = await connectEvents(server!.url, focalB.api.token!);
    sockets.push(events);
    const seen = recordEvents(events, ['notification:created']);
    addActivity(planA, tipActivity(chih));
    addActivity(planB, tipActivity(juarez, { partnerOrganizationIds: [world.orgs.SSPC.id] }));
    await waitFor(() => seen.length === 1, FRESH_MS, 'notification to B focal point');
    expect(seen[0].payload).toMatchObject({ workspaceId: wsB, notification: { kind: 'overlap', workspaceId: wsB } });
    const { db } = server!.services.database;
    const rows = await db.select().from(notifications).where(eq(notifications.kind, 'overlap'));
    expect(rows.map((r) => r.userId).sort()).toEqual([focalA.id, focalB.id].sort());

    // Two more activities of A overlap B's one: A's focal point hears of each new activity of hers, B's focal point
    // has not read the first notice about his activity yet, so he is not told again (the matrix lists every flag).
    const overlapCount = async () => (await focalB.api.get('/api/overlaps')).body.overlaps.length as number;
    addActivity(planA, tipActivity(chih, { title: 'Capacitación a fiscales en trata, segundo grupo' }));
    addActivity(planA, tipActivity(chih, { title: 'Capacitación a fiscales en trata, tercer grupo' }));
    await waitFor(async () => (await overlapCount()) >= 3, FRESH_MS * 2, 'three overlaps');
    const perUser = async () => (await db.select().from(notifications).where(eq(notifications.kind, 'overlap'))).map((r) => r.userId);
    await waitFor(async () => (await perUser()).filter((u) => u === focalA.id).length === 3, FRESH_MS, 'A told of each of her activities');
    expect((await perUser()).filter((u) => u === focalB.id)).toHaveLength(1);
    expect(seen).toHaveLength(1);
    // Once read, the next flag about his activity tells him again.
    expect((await focalB.api.post('/api/notifications/read', { all: true })).status).toBe(200);
    addActivity(planA, tipActivity(chih, { title: 'Capacitación a fiscales en trata, cuarto grupo' }));
    await waitFor(() => seen.length === 2, FRESH_MS * 2, 'B told again after reading');
  });

  it('marks an overlap notice read once its activity has no open overlap left, and tells the reader’s pages', async () => {
    const { facA, facB, focalB, wsA, wsB, planA, planB, chih, juarez } = await setup();
    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const events = await connectEvents(server!.url, focalB.api.token!);
    sockets.push(events);
    const seen = recordEvents(events, ['notification:created', 'notification:read']);
    addActivity(planB, tipActivity(juarez));
    addActivity(planA, tipActivity(chih));
    addActivity(planA, tipActivity(chih, { title: 'Capacitación a fiscales en trata, segundo grupo' }));
    const mine = async () => ((await facB.api.get('/api/overlaps')).body as OverlapsBody).overlaps;
    await waitFor(async () => (await mine()).length === 2, FRESH_MS * 2, 'two overlaps on B’s activity');
    await waitFor(() => seen.some((e) => e.event === 'notification:created'), FRESH_MS, 'B told');
    const notice = seen.find((e) => e.event === 'notification:created')!.payload.notification.id as string;
    const unread = async () => ((await focalB.api.get('/api/notifications?unread=true')).body.notifications as Array<{ id: string }>).map((n) => n.id);
    expect(await unread()).toEqual([notice]);

    // One of the two resolved: his activity still has an open overlap, so the notice still waits.
    const [first, second] = await mine();
    expect((await facA.api.post(`/api/overlaps/${first!.id}/resolve`, { resolution: 'coordinate' })).status).toBe(200);
    expect(await unread()).toEqual([notice]);
    // The last one resolved: nothing waits on it any more.
    expect((await facB.api.post(`/api/overlaps/${second!.id}/resolve`, { resolution: 'not_duplicate' })).status).toBe(200);
    expect(await unread()).toEqual([]);
    await waitFor(() => seen.some((e) => e.event === 'notification:read'), 5000, 'notification:read');
    expect(seen.find((e) => e.event === 'notification:read')!.payload).toEqual({ workspaceId: wsB, ids: [notice] });
  });

  it('settles the overlap notice of someone who left the group without telling them: they hear nothing more of it', async () => {
    const { facA, facB, focalA, focalB, wsA, wsB, planA, planB, chih, juarez } = await setup();
    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const leaving = await connectEvents(server!.url, focalB.api.token!, wsB);
    const staying = await connectEvents(server!.url, focalA.api.token!, wsA);
    sockets.push(leaving, staying);
    const heardByLeaving = recordEvents(leaving, ['notification:created', 'notification:read', 'access:revoked']);
    const heardByStaying = recordEvents(staying, ['notification:created', 'notification:read']);
    addActivity(planB, tipActivity(juarez));
    addActivity(planA, tipActivity(chih));
    await waitFor(() => heardByLeaving.some((e) => e.event === 'notification:created') && heardByStaying.some((e) => e.event === 'notification:created'), FRESH_MS * 2, 'both focal points told');
    const [flag] = ((await facB.api.get('/api/overlaps')).body as OverlapsBody).overlaps;

    // B's focal point leaves the group, then the flag is resolved: the notice they were given is settled like
    // everyone's, but their sockets heard the last of the group with access:revoked.
    expect((await facB.api.delete(`/api/workspaces/${wsB}/members/${focalB.id}`)).status).toBe(204);
    await waitFor(() => heardByLeaving.some((e) => e.event === 'access:revoked'), 1000, 'access:revoked');
    const before = heardByLeaving.length;
    expect((await facB.api.post(`/api/overlaps/${flag!.id}/resolve`, { resolution: 'coordinate' })).status).toBe(200);
    // Positive control: the member still in group A hears their notice settled.
    await waitFor(() => heardByStaying.some((e) => e.event === 'notification:read'), 5000, 'notification:read to A');
    await new Promise((r) => setTimeout(r, 200));
    expect(heardByLeaving.slice(before)).toEqual([]);
    const { db } = server!.services.database;
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, focalB.id), eq(notifications.kind, 'overlap')));
    expect(notice?.readAt).not.toBeNull();
  });

  it('tells the other group when an edit there ends or changes a flag, and settles the notices about it', async () => {
    const { facA, facB, focalB, wsA, wsB, planA, planB, chih, juarez } = await setup();
    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const events = await connectEvents(server!.url, focalB.api.token!, wsB);
    sockets.push(events);
    const seen = recordEvents(events, ['notification:created', 'notification:read', 'overlap:updated', 'overlap:removed']);
    const b = tipActivity(juarez);
    addActivity(planB, b);
    const a = tipActivity(chih);
    addActivity(planA, a);
    const mine = async () => ((await focalB.api.get('/api/overlaps')).body as OverlapsBody).overlaps;
    await waitFor(async () => (await mine()).length === 1, FRESH_MS * 2, 'the flag');
    await waitFor(() => seen.some((e) => e.event === 'notification:created'), FRESH_MS, 'B told');
    const [flag] = await mine();

    // A's title changes: the pair still overlaps, rescored, and B's room hears the new score (A's side hidden from it).
    editActivity(planA, a.id, { title: 'Campaña en radio sobre trata de personas' });
    await waitFor(() => seen.some((e) => e.event === 'overlap:updated'), FRESH_MS * 2, 'overlap:updated in B');
    const updated = seen.find((e) => e.event === 'overlap:updated')!.payload;
    expect(updated.workspaceId).toBe(wsB);
    expect(updated.overlap.id).toBe(flag!.id);
    expect(updated.overlap.score).toBeLessThan(flag!.score);
    expect(JSON.stringify(updated.overlap)).not.toContain('Campaña');

    // A moves it to another state: the flag goes, B's room hears so, and B's notice about it is settled.
    editActivity(planA, a.id, { stateCodes: ['14'] });
    await waitFor(() => seen.some((e) => e.event === 'overlap:removed'), FRESH_MS * 2, 'overlap:removed in B');
    expect(seen.find((e) => e.event === 'overlap:removed')!.payload).toEqual({ workspaceId: wsB, overlapId: flag!.id });
    expect(await mine()).toEqual([]);
    await waitFor(() => seen.some((e) => e.event === 'notification:read'), 5000, 'notification:read');
    expect(((await focalB.api.get('/api/notifications?unread=true')).body.notifications as unknown[]).length).toBe(0);
  });
});
