/**
 * Two Enlace processes on one PostgreSQL and the run's Redis: a node killed (kill -9) right after storing an activity,
 * before its projection pass, leaves that pass owed; the node that stays runs it once it sees the other gone, so the
 * matrix shows the stored activity without waiting for the plan's next edit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, createWorld, type World } from '../helpers/api.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { addActivity, pollUntil, tipActivity } from '../helpers/matrix.js';
import { startCluster, type Cluster } from '../helpers/nodes.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

type MatrixBody = { activities: Array<{ activityId: string }> };

let db: TestDatabase;
let cluster: Cluster;
let world: World;
let startedAt = 0;
const clients: YClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'));
  startedAt = Date.now();
  cluster = await startCluster(2, { DATABASE_URL: db.url, REDIS_URL: inject('redisUrl') });
  world = await createWorld(cluster.node(1).url);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await cluster?.stop();
  await db?.drop();
});

describe('a projection pass owed by a node killed after a save', () => {
  it('is run by the node that stays, once it sees the other gone', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const documentId = await world.document(ana.api, await world.workspace(ana.api));
    const writer = connectYjs(cluster.node(0).wsUrl, documentId, ana.api.token);
    clients.push(writer);
    await waitSynced(writer);
    // The sweep each node makes 15 s after it starts is over: what follows is the one made when a node goes.
    await new Promise((r) => setTimeout(r, Math.max(0, startedAt + 17_000 - Date.now())));
    const activity = tipActivity(world.orgs.SSPC.id, { title: 'Operativo conjunto en la frontera' });
    addActivity(writer, activity);
    // Stored (the export reads the database), then node one is killed at once: its pass was due ~0.6 s after the save.
    const stay = new Api(cluster.node(1).url, ana.api.token);
    await waitFor(async () => JSON.stringify((await stay.get(`/api/documents/${documentId}/export?format=json`)).body.activities ?? []).includes(activity.id), 10_000, 'the activity stored');
    await cluster.kill(0);
    writer.destroy();
    const body = await pollUntil<MatrixBody>(stay, '/api/matrix', (m) => m.activities.some((a) => a.activityId === activity.id), 10_000);
    expect(body.activities.filter((a) => a.activityId === activity.id)).toHaveLength(1);
  });
});
