/**
 * A node that dies after storing an update and before publishing it, while another node starts (a restart under a
 * supervisor): the nodes that stay must still re-read what it stored, though the cluster's size never changed.
 */
import postgres from 'postgres';
import { createClient } from 'redis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { startCluster } from '../helpers/nodes.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';
import { startRedis } from '../setup/services.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The server's default key and channel prefix. */
const PREFIX = 'enlace:';

/** A stand-in node as its peers see it in Redis: a subscription to the control channel and to its liveness channel. */
async function standInNode(redisUrl: string, nodeId: string): Promise<ReturnType<typeof createClient>> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined); // destroyed on purpose below
  await client.connect();
  await client.subscribe([`${PREFIX}control`, `${PREFIX}node:${nodeId}`], () => undefined);
  return client;
}

describe('a node swapped for another between two looks', () => {
  it('what the vanished node stored but never published reaches the clients of the node that stays', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.dispose());
    const db = await createTestDatabase(inject('databaseUrl'));
    cleanups.push(() => db.drop());
    const cluster = await startCluster(1, { DATABASE_URL: db.url, REDIS_URL: redis.url });
    cleanups.push(() => cluster.stop());
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    const b = connectYjs(cluster.node(0).wsUrl, doc, ana.api.token);
    cleanups.push(() => b.destroy());
    await waitSynced(b);

    const ghost = await standInNode(redis.url, 'ghost-1');
    // Two looks (one a second) with the stand-in alive.
    await new Promise((r) => setTimeout(r, 2500));
    // It stores an edit (as a node's commit does) and dies before publishing it, as its replacement comes up.
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(b.doc));
    const before = Y.encodeStateVector(theirs);
    insertActivity(theirs, { id: 'guardada-sin-publicar', title: 'Guardada por el nodo que murió' });
    const sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    cleanups.push(() => sql.end());
    await sql`insert into document_updates (document_id, update) values (${doc}, ${Buffer.from(Y.encodeStateAsUpdate(theirs, before))})`;
    const replacement = await Promise.all([ghost.destroy(), standInNode(redis.url, 'ghost-2')]).then(([, r]) => r);
    cleanups.push(() => replacement.quit());

    await waitFor(() => readActivities(b.doc).some((a) => a.id === 'guardada-sin-publicar'), 8000, 'the stored edit re-read on the node that stays');
    expect(readActivities(b.doc).map((a) => a.id)).toEqual(['guardada-sin-publicar']);
  }, 120_000);
});
