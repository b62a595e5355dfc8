/**
 * On embedded PGlite a projection pass runs in short transactions. PGlite has one connection, and a pass held it
 * in one transaction: every save on the node waited behind it (8–9 s behind a pasted plan of 20,000 activities).
 * These tests show a save landing while a large pass is still under way, and a pass cut short being finished after
 * a restart.
 */
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { overlaps, projectionPending } from '../../db/schema.js';
import { insertActivity } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';
import type { YClient } from '../helpers/yjsClient.js';

type OverlapsBody = { overlaps: Array<{ a: { activityId?: string }; b: { activityId?: string } }> };

describe('projection passes on embedded PGlite', () => {
  const servers: TestServer[] = [];
  const clients: YClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    for (const s of servers.splice(0)) await s.close();
  });

  // The pass over 4,000 rows took 39–54 s in fresh-clone runs: more than the default timeout leaves room for.
  it('stores another plan’s save while a large pass is still under way', { timeout: 180_000 }, async () => {
    const server = await startTestServer({ dataDir: tempDir() });
    servers.push(server);
    const world = await createWorld(server.url);
    const g = await twoGroups(world);
    const planA = await openPlan(server, g.facA.api, g.docA);
    clients.push(planA);
    const db = server.services.database.db;
    const listed = async () => (await db.select({ n: count() }).from(projectionPending).where(eq(projectionPending.documentId, g.docA)))[0].n;

    // 4,000 activities of six agencies in one area, state and year: a long pass (every pair overlaps).
    planA.doc.transact(() => {
      for (let i = 0; i < 4000; i++) insertActivity(planA.doc, tipActivity(`org-${i % 6}`, { id: `crowd-${i}`, title: `Tema ${i} ${['registro', 'enlace', 'auditoría'][i % 3]}` }));
    });
    await expect.poll(listed, { timeout: 30_000, interval: 5 }).toBe(1);

    // A save of plan B, through the hub: it resolves once the update is stored.
    await server.services.hub.change(g.docB, g.facB.id, (doc) => insertActivity(doc, tipActivity(world.orgs['MUN-JUAREZ'].id, { id: 'b-1' })));
    expect(await listed()).toBe(1); // A's pass has not finished: B's save did not wait for it

    await server.services.projection.idle();
    expect(await listed()).toBe(0);
    const [flags] = await db.select({ n: count() }).from(overlaps);
    expect(flags.n).toBeGreaterThan(0);
  });

  it('finishes a pass cut short after a restart: the plan’s overlaps are written and it is no longer listed', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    servers.push(first);
    const world = await createWorld(first.url);
    const g = await twoGroups(world);
    const planA = await openPlan(first, g.facA.api, g.docA);
    const planB = await openPlan(first, g.facB.api, g.docB);
    clients.push(planA, planB);
    const a = tipActivity(world.orgs['FGE-CHIH'].id);
    const b = tipActivity(world.orgs['MUN-JUAREZ'].id);
    addActivity(planA, a);
    addActivity(planB, b);
    await pollUntil<OverlapsBody>(g.liaison.api, '/api/overlaps', (x) => x.overlaps.length === 1);
    await first.services.projection.idle();

    // As a crash would leave it: A's rows written, its overlaps not, A still listed.
    const db = first.services.database.db;
    await db.delete(overlaps);
    await db.insert(projectionPending).values({ documentId: g.docA });
    clients.splice(0).forEach((c) => c.destroy());
    await first.close();
    servers.splice(0);

    const second = await startTestServer({ dataDir });
    servers.push(second);
    const liaison = new Api(second.url, g.liaison.api.token); // the same session, on the restarted server's port
    const body = await pollUntil<OverlapsBody>(liaison, '/api/overlaps', (x) => x.overlaps.length === 1, 20_000);
    expect([body.overlaps[0].a.activityId, body.overlaps[0].b.activityId].sort()).toEqual([a.id, b.id].sort());
    await second.services.projection.idle();
    const [still] = await second.services.database.db.select({ n: count() }).from(projectionPending);
    expect(still.n).toBe(0);
  });
});
