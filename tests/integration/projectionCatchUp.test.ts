/**
 * A plan edit stored by a node that was killed before its projection pass (about 0.6 s after the save) left the
 * matrix and the overlaps without it until the plan's next edit, on every node: nothing durable said a pass was owed.
 * A node projects again the plans edited lately a while after it starts (here at once) and when another node goes
 * (tests/multinode/projectionCatchUp.test.ts).
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documents, documentUpdates } from '../../db/schema.js';
import { ProjectionCatchUp, WINDOW_AT_START_MS } from '../../server/matrix/projectionCatchUp.js';
import { insertActivity } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { pollUntil, tipActivity } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

type MatrixBody = { activities: Array<{ activityId: string; documentId: string }> };

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe.each(BACKENDS)('passes owed by a node that stopped, on $name', (backend) => {
  it('projects on start a plan edit stored without its pass', async () => {
    const db = await backend.fresh();
    const first = await startTestServer(db);
    servers.push(first);
    const world = await createWorld(first.url);
    const ana = await world.user('Ana', 'SSPC');
    const documentId = await world.document(ana.api, await world.workspace(ana.api));
    // An edit projected as usual first: the projection is not empty, so a start does not rebuild it all anyway.
    const writer = connectYjs(first.wsUrl, documentId, ana.api.token);
    await waitSynced(writer);
    const projected = tipActivity(world.orgs.SSPC.id, { title: 'Taller regional' });
    insertActivity(writer.doc, projected);
    await pollUntil<MatrixBody>(ana.api, '/api/matrix', (m) => m.activities.some((a) => a.activityId === projected.id), 10_000);
    writer.destroy();
    // What a node killed right after storing an edit leaves: the update in the log, and no projection pass.
    const edit = new Y.Doc();
    const activity = tipActivity(world.orgs.SSPC.id, { title: 'Operativo conjunto en la frontera' });
    insertActivity(edit, activity);
    await first.services.database.db.insert(documentUpdates).values({ documentId, update: Y.encodeStateAsUpdate(edit), userId: null });
    await first.close();
    servers.length = 0;

    const next = await startTestServer({ ...db, limits: { projectionCatchUpAfterStartMs: 0 } });
    servers.push(next);
    const body = await pollUntil<MatrixBody>(new Api(next.url, ana.api.token), '/api/matrix', (m) => m.activities.some((a) => a.activityId === activity.id), 10_000);
    expect(body.activities.find((a) => a.activityId === activity.id)).toMatchObject({ documentId });
  });

  it('leaves the "updated" date of a plan a sweep finds current; an edit still dates it', async () => {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const documentId = await world.document(ana.api, await world.workspace(ana.api));
    const writer = connectYjs(server.wsUrl, documentId, ana.api.token);
    try {
      await waitSynced(writer);
      const first = tipActivity(world.orgs.SSPC.id, { title: 'Taller regional' });
      insertActivity(writer.doc, first);
      await pollUntil<MatrixBody>(ana.api, '/api/matrix', (m) => m.activities.some((a) => a.activityId === first.id), 10_000);
      await server.services.projection.idle();
      const db = server.services.database.db;
      const dated = async () => (await db.select({ at: documents.updatedAt }).from(documents).where(eq(documents.id, documentId)))[0].at.toISOString();
      const january = '2026-01-05T18:00:00.000Z';
      await db.update(documents).set({ updatedAt: new Date(january) }).where(eq(documents.id, documentId));

      // The sweep a node makes after it starts: the plan was edited minutes ago, and its rows are current. Dated
      // anyway, every plan edited before a restart read "updated just now".
      await new ProjectionCatchUp(db, server.services.projection).sweep(WINDOW_AT_START_MS);
      expect(await dated()).toBe(january);

      insertActivity(writer.doc, tipActivity(world.orgs.SSPC.id, { title: 'Operativo conjunto' }));
      await expect.poll(dated, { timeout: 10_000 }).not.toBe(january);
      expect(await dated()).toMatch(new RegExp(`^${new Date().getUTCFullYear()}-`));
    } finally {
      writer.destroy();
    }
  });
});
