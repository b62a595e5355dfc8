/**
 * Overlap flags stay bounded when one area, state and year is crowded. Every pair of activities led by different
 * agencies there overlaps: a pasted plan of 2,000 such activities made 1.7 million flags (a gigabyte of memory), and
 * 5,000 ran the node out of memory. Each pass now flags each activity's strongest overlaps, and at most
 * MAX_NEW_FLAGS_PER_PASS new ones, strongest first, so the duplicate planned in another working group is among them.
 */
import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { notifications, overlaps } from '../../db/schema.js';
import { MAX_NEW_FLAGS_PER_ACTIVITY } from '../../server/matrix/overlapDetection.js';
import { MAX_NEW_FLAGS_PER_PASS } from '../../server/matrix/overlapPass.js';
import { insertActivity } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor, type YClient } from '../helpers/yjsClient.js';

const CROWD = 1500;
type Overlap = { a: { activityId?: string }; b: { activityId?: string }; reasons: string[]; score: number };

describe.each(BACKENDS)('a crowded area, state and year on $name', (backend) => {
  let server: TestServer | undefined;
  const clients: YClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await server?.close();
    server = undefined;
  });

  it('flags the strongest overlaps of a pasted plan, at most a bounded number per pass, the duplicate first', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const g = await twoGroups(world);
    const chih = world.orgs['FGE-CHIH'].id;
    const planA = await openPlan(server, g.facA.api, g.docA);
    const planB = await openPlan(server, g.facB.api, g.docB);
    clients.push(planA, planB);

    // Working group B plans one activity; then group A pastes 1,500 activities of six agencies into the same
    // area, state and year, one of them B's activity again.
    const twin = tipActivity(chih, { id: 'twin-b', title: 'Operativo conjunto de vigilancia en la sierra Tarahumara' });
    addActivity(planB, twin);
    await pollUntil(g.facB.api, '/api/matrix', (x) => x.activities?.length === 1);
    const crowd = Array.from({ length: CROWD }, (_, i) =>
      tipActivity(`org-${i % 6}`, { id: `crowd-${i}`, title: `Tema ${i.toString(36)} ${['registro', 'enlace', 'auditoría', 'protocolo'][i % 4]} ${i}`, target: '' }),
    );
    crowd[CROWD - 1] = { ...crowd[CROWD - 1], title: twin.title, leadOrganizationId: 'org-a' };
    planA.doc.transact(() => crowd.forEach((a) => insertActivity(planA.doc, a)));
    await pollUntil(g.facA.api, '/api/matrix', (x) => x.activities?.length === CROWD, 60_000);
    await server.services.projection.idle();

    // About a million pairs overlap; one pass flagged the strongest thousand.
    const db = server.services.database.db;
    const [stored] = await db.select({ n: count() }).from(overlaps);
    expect(stored.n).toBe(MAX_NEW_FLAGS_PER_PASS);
    const [notified] = await db.select({ n: count() }).from(notifications);
    expect(notified.n).toBeLessThanOrEqual(2 * MAX_NEW_FLAGS_PER_PASS);

    // The duplicate across working groups is flagged, with its similar title, and ranks first.
    const list = (await g.liaison.api.get<{ overlaps: Overlap[] }>('/api/overlaps?limit=5')).body.overlaps;
    expect([list[0].a.activityId, list[0].b.activityId].sort()).toEqual([`crowd-${CROWD - 1}`, 'twin-b']);
    expect(list[0].reasons).toContain('similar_title');

    // The next change of one activity flags its own strongest overlaps, and the flags already stored stay.
    planA.doc.transact(() => insertActivity(planA.doc, tipActivity('org-new', { id: 'late', title: 'Registro tardío' })));
    await waitFor(async () => {
      const [after] = await db.select({ n: count() }).from(overlaps);
      return after.n > MAX_NEW_FLAGS_PER_PASS;
    }, 20_000, 'the late activity to be flagged');
    const [after] = await db.select({ n: count() }).from(overlaps);
    expect(after.n).toBeLessThanOrEqual(MAX_NEW_FLAGS_PER_PASS + MAX_NEW_FLAGS_PER_ACTIVITY);
  }, 180_000);
});
