/**
 * Signing out on one node ends that session's Socket.IO sockets on every node: each is told `access:revoked` once
 * per working group it joined, with that group's id (every server event names its group), and then disconnected.
 * Sign-in failures are counted across nodes: spreading guesses over the nodes buys no more of them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, createWorld, PASSWORD, type World } from '../helpers/api.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startCluster, type Cluster } from '../helpers/nodes.js';
import { connectEvents, recordEvents } from '../helpers/yjsClient.js';

let db: TestDatabase;
let cluster: Cluster;
let world: World;

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'));
  cluster = await startCluster(2, { DATABASE_URL: db.url, REDIS_URL: inject('redisUrl') });
  world = await createWorld(cluster.node(0).url);
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
  await db?.drop();
});

describe('signing out with sockets on two nodes', () => {
  it('each socket of the session hears access:revoked for each group it joined, then is disconnected; other sessions are untouched', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const ws1 = await world.workspace(ana.api, 'Mesa de trata de personas');
    const ws2 = await world.workspace(ana.api, 'Mesa de lavado de dinero');
    const other = await new Api(cluster.node(0).url).post('/api/auth/login', { email: ana.email, password: PASSWORD });
    expect(other.status).toBe(200);
    // The session's sockets: on node 1 in both groups, on node 0 in one, on node 1 in none; and another session's.
    const far = await connectEvents(cluster.node(1).url, ana.api.token!, ws1);
    await far.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws2 });
    const near = await connectEvents(cluster.node(0).url, ana.api.token!, ws2);
    const idle = await connectEvents(cluster.node(1).url, ana.api.token!);
    const otherSession = await connectEvents(cluster.node(1).url, other.body.token as string, ws1);
    const sockets = [far, near, idle, otherSession];
    try {
      const seen = sockets.map((s) => recordEvents(s, ['access:revoked']));
      const gone = [far, near, idle].map((s) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason))));
      expect((await new Api(cluster.node(0).url, ana.api.token).post('/api/auth/logout')).status).toBe(204);
      expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
      const told = (i: number) => seen[i].map((e) => e.payload as { workspaceId: string | null; reason: string }).sort((a, b) => String(a.workspaceId).localeCompare(String(b.workspaceId)));
      expect(told(0)).toEqual([ws1, ws2].sort().map((workspaceId) => ({ workspaceId, reason: 'signed out', sessionEnded: true })));
      expect(told(1)).toEqual([{ workspaceId: ws2, reason: 'signed out', sessionEnded: true }]);
      expect(told(2)).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(told(3)).toEqual([]);
      expect(otherSession.connected).toBe(true);
    } finally {
      for (const s of sockets) s.close();
    }
  });
});

describe('sign-in failures on two nodes', () => {
  it('count together: ten wrong passwords spread over both nodes lock the account on either, and only for that address', async () => {
    const rosa = await world.user('Rosa', 'FGR');
    const other = await world.user('Otro', 'FGR');
    const login = (i: number, email: string, password: string) => new Api(cluster.node(i).url).post('/api/auth/login', { email, password });
    for (let i = 0; i < 10; i++) {
      const wrong = await login(i % 2, rosa.email, `mal-${i}`);
      expect([i, wrong.status]).toEqual([i, 401]);
    }
    // Each node saw five; alone, neither would refuse yet.
    for (const node of [0, 1]) {
      const locked = await login(node, rosa.email, PASSWORD);
      expect([node, locked.status, locked.body.error.code]).toEqual([node, 429, 'rate_limited']);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    }
    expect((await login(1, other.email, PASSWORD)).status).toBe(200);
  });
});
