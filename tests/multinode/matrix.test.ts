/**
 * The matrix with two Enlace processes on one PostgreSQL and the run's Redis: plans edited on
 * different nodes at the same moment still get every overlap flagged exactly once, and a plan
 * co-edited on both nodes ends with the projection of its converged state.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getActivities } from '../../shared/planModel.js';
import { Api, createWorld, type World } from '../helpers/api.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { addActivity, editActivity, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import { startCluster, type Cluster } from '../helpers/nodes.js';
import { connectYjs, waitSynced, type YClient } from '../helpers/yjsClient.js';

let db: TestDatabase;
let cluster: Cluster;
let world: World;
const clients: YClient[] = [];
/** Generous: two processes on a loaded machine; the 2 s bound is asserted in-process in tests/integration. */
const CLUSTER_MS = 10000;

const on = (i: number, api: Api): Api => new Api(cluster.node(i).url, api.token);
async function planOn(i: number, documentId: string, api: Api): Promise<YClient> {
  const c = connectYjs(cluster.node(i).wsUrl, documentId, api.token);
  clients.push(c);
  await waitSynced(c);
  return c;
}

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'));
  cluster = await startCluster(2, { DATABASE_URL: db.url, REDIS_URL: inject('redisUrl') });
  world = await createWorld(cluster.node(0).url);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await cluster?.stop();
  await db?.drop();
});

describe('the matrix on two nodes', () => {
  it('flags each overlap exactly once when both sides are written on different nodes at the same moment', async () => {
    const { liaison, facA, facB, docA, docB } = await twoGroups(world);
    const planA = await planOn(0, docA, facA.api);
    const planB = await planOn(1, docB, facB.api);
    const states = ['01', '05', '11', '14', '20', '25'];
    const pairs = states.map((s) => [tipActivity(world.orgs['FGE-CHIH'].id, { stateCodes: [s] }), tipActivity(world.orgs['MUN-JUAREZ'].id, { stateCodes: [s] })]);
    for (const [a, b] of pairs) {
      addActivity(planA, a);
      addActivity(planB, b);
    }
    const body = await pollUntil<{ overlaps: Array<{ a: { activityId: string }; b: { activityId: string } }> }>(
      on(1, liaison.api),
      '/api/overlaps',
      (x) => x.overlaps.length >= pairs.length,
      CLUSTER_MS,
    );
    expect(body.overlaps).toHaveLength(pairs.length);
    const found = body.overlaps.map((o) => [o.a.activityId, o.b.activityId].sort().join('|')).sort();
    expect(found).toEqual(pairs.map(([a, b]) => [a.id, b.id].sort().join('|')).sort());
  });

  it('projects the converged state of a plan co-edited on both nodes', async () => {
    const { facA, focalA, docA } = await twoGroups(world);
    const one = await planOn(0, docA, facA.api);
    const two = await planOn(1, docA, focalA.api);
    const act = tipActivity(world.orgs['FGE-CHIH'].id, { title: 'Inicial' });
    addActivity(one, act);
    await pollUntil(on(1, facA.api), '/api/matrix', (x: { activities: unknown[] }) => x.activities.length === 1, CLUSTER_MS);
    for (let i = 0; i < 10; i++) {
      editActivity(one, act.id, { title: `Nodo cero ${i}` });
      editActivity(two, act.id, { title: `Nodo uno ${i}`, status: i % 2 ? 'in_progress' : 'planned' });
    }
    const converged = () => {
      const row = getActivities(one.doc).toArray()[0];
      const other = getActivities(two.doc).toArray()[0];
      return row.get('title') === other.get('title') && row.get('status') === other.get('status') ? { title: row.get('title'), status: row.get('status') } : undefined;
    };
    await pollUntil(on(0, facA.api), '/api/matrix', () => !!converged(), CLUSTER_MS, 'clients converge');
    const want = converged()!;
    for (const node of [0, 1]) {
      await pollUntil(
        on(node, facA.api),
        '/api/matrix',
        (x: { activities: Array<{ title: string; status: string }> }) => x.activities[0]?.title === want.title && x.activities[0]?.status === want.status,
        CLUSTER_MS,
        `matrix on node ${node} shows the converged state`,
      );
    }
  });
});
