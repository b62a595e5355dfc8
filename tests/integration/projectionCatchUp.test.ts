/**
 * A plan edit stored by a node that was killed before its projection pass (about 0.6 s after the save) left the
 * matrix and the overlaps without it until the plan's next edit, on every node: nothing durable said a pass was owed.
 * A node projects again the plans edited lately a while after it starts (here at once) and when another node goes
 * (tests/multinode/projectionCatchUp.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentUpdates } from '../../db/schema.js';
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
});
