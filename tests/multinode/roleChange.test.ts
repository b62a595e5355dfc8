/**
 * A role change made on one node takes effect at once on an open plan socket held by another node: the other node
 * re-reads the role from the shared database when the control message arrives, and no client reconnects.
 */
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { Api, createWorld } from '../helpers/api.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startCluster, type Cluster } from '../helpers/nodes.js';
import { demoteAndPromote } from '../helpers/roleChange.js';

let db: TestDatabase;
let cluster: Cluster;

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'));
  cluster = await startCluster(2, { DATABASE_URL: db.url, REDIS_URL: inject('redisUrl') });
});

afterAll(async () => {
  await cluster?.stop();
  await db?.drop();
});

describe('role changes across nodes', () => {
  it('member on node 2, demoted and promoted on node 1: edits dropped, then stored again, without reconnecting', async () => {
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const workspaceId = await world.workspace(ana.api, 'Mesa de lavado de dinero');
    await world.addMember(workspaceId, ana.api, beto.id, 'member');
    const documentId = await world.document(ana.api, workspaceId, 'blank');
    const [node1, node2] = [cluster.node(0), cluster.node(1)];
    await demoteAndPromote({
      facilitator: new Api(node1.url, ana.api.token),
      workspaceId,
      documentId,
      member: { id: beto.id, token: beto.api.token!, node: node2 },
      facilitatorSockets: { token: ana.api.token!, node: node1 },
    });
  });
});
