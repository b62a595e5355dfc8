/**
 * Faults in a multi-node deployment, each on its own Redis (stopped and started by the test) and database:
 * a node killed mid-edit, and Redis restarted mid-session.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { Api, createWorld, PASSWORD } from '../helpers/api.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startBalancer, startCluster, waitHealth, type Balancer, type Cluster } from '../helpers/nodes.js';
import { connectEvents, connectYjs, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';
import { startRedis, type RedisServer } from '../setup/services.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(nodes: number, env: Record<string, string> = {}): Promise<{ cluster: Cluster; redis: RedisServer; db: TestDatabase }> {
  const redis = await startRedis();
  cleanups.push(() => redis.dispose());
  const db = await createTestDatabase(inject('databaseUrl'));
  cleanups.push(() => db.drop());
  const starting = startCluster(nodes, { DATABASE_URL: db.url, REDIS_URL: redis.url, ...env });
  // Registered before it resolves, so a test that times out while nodes boot still stops them.
  cleanups.push(async () => (await starting.catch(() => undefined))?.stop());
  const cluster = await starting;
  return { cluster, redis, db };
}

function track<T extends YClient | { close(): unknown }>(x: T): T {
  cleanups.push(() => void ('close' in x ? x.close() : x.destroy()));
  return x;
}

/** This client's own clock as stored per a `document:saved` state vector. */
function storedClock(doc: Y.Doc, stateVectorBase64: string): number {
  return Y.decodeStateVector(new Uint8Array(Buffer.from(stateVectorBase64, 'base64'))).get(doc.clientID) ?? 0;
}

/** The activities a fresh client reads from node `url` (what is stored, as that node sees it). */
async function storedIds(wsUrl: string, documentId: string, token: string): Promise<string[]> {
  const fresh = connectYjs(wsUrl, documentId, token);
  try {
    await waitSynced(fresh);
    return readActivities(fresh.doc).map((a) => a.id);
  } finally {
    fresh.destroy();
  }
}

/** Records a plan socket's close code as it happens; no deadline of its own, so it outlives any outage. */
function closeOf(client: YClient): { code?: number } {
  client.provider.shouldConnect = false; // a revoked client must not reconnect in this test
  const seen: { code?: number } = {};
  (client.provider.ws as unknown as import('ws').WebSocket).on('close', (code: number) => (seen.code = code));
  return seen;
}

/** The counters a node reports on GET /metrics, by name. */
async function metrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]));
}

/** Booting several processes that each compile the server is slow on a small, busy machine. */
const SLOW = 180_000;
const ids = (c: YClient) => readActivities(c.doc).map((a) => a.id);

describe('faults across nodes', () => {
  it('kill -9 of a node mid-edit: its clients reconnect to another node and nothing saved is lost', async () => {
    const { cluster } = await setUp(3);
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    // The balancer first sends everything to node 0, then to whichever nodes are alive.
    let route = [cluster.node(0).port];
    const balancer: Balancer = await startBalancer(() => route);
    cleanups.push(() => balancer.close());
    const a = track(connectYjs(balancer.wsUrl, doc, ana.api.token));
    await waitSynced(a);
    route = [1, 2].map((i) => cluster.node(i).port);
    const b = track(connectYjs(cluster.node(1).wsUrl, doc, beto.api.token));
    await waitSynced(b);
    const events = track(await connectEvents(cluster.node(1).url, ana.api.token!, ws));
    const saved = recordEvents(events, ['document:saved']);
    const marks: Array<{ id: string; clock: number }> = [];
    let n = 0;
    const edit = () => {
      const id = `k${n++}`;
      insertActivity(a.doc, { id, title: `Actividad ${id}` });
      marks.push({ id, clock: Y.decodeStateVector(Y.encodeStateVector(a.doc)).get(a.doc.clientID) ?? 0 });
    };
    const typing = setInterval(edit, 15);
    cleanups.push(() => clearInterval(typing));
    await waitFor(() => n >= 40 && saved.length > 0, 10000, 'some saved edits');
    const savedBeforeKill = () => {
      const clock = Math.max(0, ...saved.map((e) => storedClock(a.doc, e.payload.stateVector)));
      return marks.filter((m) => m.clock <= clock).map((m) => m.id);
    };
    const ledger = savedBeforeKill();
    expect(ledger.length).toBeGreaterThan(0);
    await cluster.kill(0);
    // Still typing while disconnected; the provider reconnects through the balancer to node 1 or 2.
    await waitFor(() => !a.provider.wsconnected, 5000, 'disconnected');
    await waitFor(() => a.provider.wsconnected && a.provider.synced, 15000, 'reconnected elsewhere');
    await new Promise((r) => setTimeout(r, 200));
    clearInterval(typing);
    const total = n;
    await waitFor(() => ids(a).length === total && ids(b).length === total, 10000, 'a and b converge');
    expect(ids(b)).toEqual(ids(a));
    // Saved before the crash: present. Everything else: resent by the client and now stored too.
    const stored = await storedIds(cluster.node(2).wsUrl, doc, ana.api.token!);
    for (const id of ledger) expect(stored).toContain(id);
    await waitFor(async () => (await storedIds(cluster.node(2).wsUrl, doc, ana.api.token!)).length === total, 10000, 'all stored');
    // The killed node comes back and serves the same plan.
    const back = await cluster.restart(0);
    expect((await storedIds(back.wsUrl, doc, beto.api.token!)).sort()).toEqual([...ids(a)].sort());
  }, SLOW);

  it('kill -9 of a node: its people’s carets and presence leave the other nodes within seconds, not after the 30 s timeouts', async () => {
    const { cluster } = await setUp(2);
    const world = await createWorld(cluster.node(1).url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    const a = track(connectYjs(cluster.node(0).wsUrl, doc, ana.api.token));
    const b = track(connectYjs(cluster.node(1).wsUrl, doc, beto.api.token));
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.provider.shouldConnect = false; // Ana's client stays away: only the server side can clear her caret
    a.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'Ana’s caret on node 2');
    // Ana's page is online through node 1, Beto's through node 2.
    const anaEvents = track(await connectEvents(cluster.node(0).url, ana.api.token!));
    await anaEvents.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws });
    anaEvents.emit('presence:update', { workspaceId: ws, documentId: doc, state: 'active' });
    const betoEvents = track(await connectEvents(cluster.node(1).url, beto.api.token!));
    const presence = recordEvents(betoEvents, ['presence:updated']);
    await betoEvents.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws });
    const online = (p: { online: Array<{ userId: string }> }) => p.online.map((o) => o.userId).sort();
    await waitFor(() => presence.some((p) => online(p.payload).includes(ana.id)), 5000, 'Ana online on node 2');
    const seenBeforeKill = presence.length;
    await cluster.kill(0);
    // Presence entries live 30 s without a heartbeat; the dead node's are left out as soon as its liveness channel goes.
    await waitFor(() => presence.slice(seenBeforeKill).some((p) => online(p.payload).join() === beto.id), 8000, 'Ana offline on node 2').catch((err: Error) => {
      throw new Error(`${err.message}; seen: ${JSON.stringify(presence.map((p) => online(p.payload)))}`);
    });
    // Well before the 30 s after which Yjs itself would drop a state nobody renews.
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 8000, 'Ana’s caret gone from node 2');
    // A newcomer on node 2 is not shown the ghost either.
    const c = track(connectYjs(cluster.node(1).wsUrl, doc, beto.api.token));
    await waitSynced(c);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
    // A page joining the group on node 2 now is not shown Ana online either.
    const later = track(await connectEvents(cluster.node(1).url, beto.api.token!));
    const laterPresence = recordEvents(later, ['presence:updated']);
    await later.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws });
    await waitFor(() => laterPresence.length > 0, 5000, 'presence on join');
    expect(online(laterPresence[laterPresence.length - 1].payload)).toEqual([beto.id]);
  }, SLOW);

  it('Redis restarted mid-session: editing continues, nodes reconcile, presence recovers, no update lost', async () => {
    const { cluster, redis } = await setUp(2);
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    await world.addMember(ws, ana.api, carla.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    const a = track(connectYjs(cluster.node(0).wsUrl, doc, ana.api.token));
    const b = track(connectYjs(cluster.node(1).wsUrl, doc, beto.api.token));
    // Carla, on node 2, is removed by a facilitator on node 1 while Redis is down.
    const c = track(connectYjs(cluster.node(1).wsUrl, doc, carla.api.token));
    await Promise.all([waitSynced(a), waitSynced(b), waitSynced(c)]);
    const carlaClose = closeOf(c);
    const carlaEvents = track(await connectEvents(cluster.node(1).url, carla.api.token!, ws));
    const carlaSeen = recordEvents(carlaEvents, ['access:revoked', 'workspace:updated']);
    const betoEvents = track(await connectEvents(cluster.node(1).url, beto.api.token!));
    const presence = recordEvents(betoEvents, ['presence:updated']);
    await betoEvents.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws });
    const anaEvents = track(await connectEvents(cluster.node(0).url, ana.api.token!));
    const anaSaved = recordEvents(anaEvents, ['document:saved']);
    await anaEvents.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws });
    const online = (p: { online: Array<{ userId: string }> }) => p.online.map((o) => o.userId).sort();
    await waitFor(() => presence.some((p) => online(p.payload).includes(ana.id)), 5000, 'Ana online on node 2');
    for (let i = 0; i < 5; i++) insertActivity(a.doc, { id: `antes-a${i}`, title: 'antes' });
    await waitFor(() => ids(b).length === 5, 5000, 'before the outage');

    await redis.stop({ signal: 'SIGKILL' });
    for (const node of cluster.nodes) await waitHealth(node!.url, (s, body, degraded) => s === 503 && degraded === 'redis' && JSON.stringify(body) === '{"status":"degraded","database":"postgres","redis":"disabled"}', 10000);
    // Editing keeps working on each node, and each node still stores its clients' edits.
    for (let i = 0; i < 20; i++) {
      insertActivity(a.doc, { id: `durante-a${i}`, title: 'durante A' });
      insertActivity(b.doc, { id: `durante-b${i}`, title: 'durante B' });
    }
    expect((await new Api(cluster.node(0).url, ana.api.token).delete(`/api/workspaces/${ws}/members/${carla.id}`)).status).toBe(204);
    await waitFor(() => anaSaved.some((e) => storedClock(a.doc, e.payload.stateVector) === (Y.decodeStateVector(Y.encodeStateVector(a.doc)).get(a.doc.clientID) ?? 0)), 10000, 'saved while Redis is down');
    expect(presence.some((p) => p.payload.degraded === true)).toBe(true);

    await redis.start();
    for (const node of cluster.nodes) await waitHealth(node!.url, (s, body) => s === 200 && body.redis === 'ready', 15000);
    for (let i = 0; i < 5; i++) insertActivity(b.doc, { id: `despues-b${i}`, title: 'después' });
    await waitFor(() => ids(a).length === 50 && ids(b).length === 50, 15000, 'nodes reconcile');
    expect([...ids(b)].sort()).toEqual([...ids(a)].sort());
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
    // The removal made during the outage holds on node 2 (checked against the database there, whatever became of the
    // late control message): plan socket closed, access:revoked, and no later events of the group.
    await waitFor(() => carlaClose.code !== undefined, 20000, 'Carla’s plan socket closed on node 2');
    expect(carlaClose.code).toBe(4403);
    await waitFor(() => carlaSeen.some((e) => e.event === 'access:revoked'), 20000, 'access:revoked for Carla');
    expect(carlaSeen.find((e) => e.event === 'access:revoked')?.payload).toMatchObject({ workspaceId: ws });
    const betoSeen = recordEvents(betoEvents, ['workspace:updated']);
    expect((await new Api(cluster.node(0).url, ana.api.token).patch(`/api/workspaces/${ws}`, { description: 'después del corte' })).status).toBe(200);
    await waitFor(() => betoSeen.length > 0, 5000, 'workspace:updated for Beto');
    await new Promise((r) => setTimeout(r, 300));
    expect(carlaSeen.filter((e) => e.event === 'workspace:updated')).toEqual([]);
    expect(carlaEvents.connected).toBe(true);
    const recovered = () => {
      const last = presence[presence.length - 1]?.payload;
      return last?.degraded === false && online(last).join() === [ana.id, beto.id].sort().join();
    };
    await waitFor(recovered, 15000, 'presence recovered on node 2').catch((err: Error) => {
      throw new Error(`${err.message}; seen: ${JSON.stringify(presence.map((p) => [p.payload.degraded, online(p.payload)]))}`);
    });
    // Nothing was lost: a fresh client on either node reads the same 50 activities from storage.
    for (const node of cluster.nodes) {
      await waitFor(async () => (await storedIds(node!.wsUrl, doc, beto.api.token!)).length === 50, 10000, 'stored');
      expect((await storedIds(node!.wsUrl, doc, beto.api.token!)).sort()).toEqual([...ids(a)].sort());
    }
    expect((await new Api(cluster.node(1).url).get('/api/health')).body).toMatchObject({ status: 'ok', redis: 'ready' });
    // The outage and the catch-up show on /metrics. Each node re-checks access within a second or so of its recovery,
    // which a fast run may not have waited for yet.
    for (const node of cluster.nodes) await waitFor(async () => (await metrics(node!.url)).enlace_access_rechecks_total >= 1, 15000, 'an access re-check after the recovery');
    const [m0, m1] = [await metrics(cluster.node(0).url), await metrics(cluster.node(1).url)];
    for (const m of [m0, m1]) {
      expect(m.enlace_bus_recoveries_total).toBeGreaterThanOrEqual(1);
      expect(m.enlace_bus_gaps_total).toBeGreaterThan(0); // loaded plans re-read from PostgreSQL after the outage
      expect(m.enlace_bus_publish_errors_total).toBeGreaterThan(0); // edits stored while Redis was away
    }
    // Node 2 received Ana's edits before the outage on the stream (node 1's later ones may come by the re-read instead).
    expect(m1.enlace_bus_updates_received_total).toBeGreaterThan(0);
    expect(m0.enlace_bus_control_replayed_total).toBeGreaterThanOrEqual(1); // Carla's removal, sent late
    // On node 2 whichever came first revoked Carla: the late control message or the re-check against the database.
    expect(m1.enlace_bus_late_revocations_total + m1.enlace_access_recheck_plan_sockets_closed_total).toBeGreaterThanOrEqual(1);
  }, SLOW);

  it('Redis hung (paused, connections open): nodes run degraded, a removal still cuts on the other node, sign-in and joins answer', async () => {
    const { cluster, redis } = await setUp(2);
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    await world.addMember(ws, ana.api, carla.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    const a = track(connectYjs(cluster.node(0).wsUrl, doc, ana.api.token));
    const b = track(connectYjs(cluster.node(1).wsUrl, doc, beto.api.token));
    const c = track(connectYjs(cluster.node(1).wsUrl, doc, carla.api.token));
    await Promise.all([waitSynced(a), waitSynced(b), waitSynced(c)]);
    const carlaClose = closeOf(c);
    const carlaEvents = track(await connectEvents(cluster.node(1).url, carla.api.token!, ws));
    const carlaSeen = recordEvents(carlaEvents, ['access:revoked']);
    insertActivity(a.doc, { id: 'antes', title: 'antes' });
    await waitFor(() => ids(b).length === 1, 5000, 'before the pause');

    redis.pause();
    try {
      // Nothing errors while Redis is frozen: the nodes notice from unanswered pings.
      for (const node of cluster.nodes) await waitHealth(node!.url, (s, body, degraded) => s === 503 && degraded === 'redis' && body.redis === 'disabled', 15000);
      // Carla is removed on node 1; node 2 hears nothing over Redis and still closes her plan socket and events.
      expect((await new Api(cluster.node(0).url, ana.api.token).delete(`/api/workspaces/${ws}/members/${carla.id}`)).status).toBe(204);
      await waitFor(() => carlaClose.code !== undefined, 10000, 'Carla’s plan socket closed on node 2 while Redis hangs');
      expect(carlaClose.code).toBe(4403);
      await waitFor(() => carlaSeen.some((e) => e.event === 'access:revoked'), 10000, 'access:revoked on node 2 while Redis hangs');
      // Sign-in (right and wrong) and joining a group answer while Redis is still frozen.
      const anon = new Api(cluster.node(1).url);
      const good = await anon.post('/api/auth/login', { email: beto.email, password: PASSWORD });
      expect(good.status).toBe(200);
      const bad = await anon.post('/api/auth/login', { email: beto.email, password: 'not the password' });
      expect(bad.status).toBe(401);
      const betoEvents = track(await connectEvents(cluster.node(1).url, good.body.token));
      expect(await betoEvents.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws })).toMatchObject({ ok: true });
      // Each node keeps storing its own clients' edits.
      insertActivity(b.doc, { id: 'durante', title: 'durante' });
      await waitFor(async () => (await storedIds(cluster.node(1).wsUrl, doc, beto.api.token!)).includes('durante'), 10000, 'stored on node 2');
    } finally {
      redis.resume();
    }
    for (const node of cluster.nodes) await waitHealth(node!.url, (s, body) => s === 200 && body.redis === 'ready', 15000);
    insertActivity(a.doc, { id: 'despues', title: 'después' });
    await waitFor(() => ids(a).length === 3 && ids(b).length === 3, 15000, 'nodes reconcile after the pause');
    expect([...ids(b)].sort()).toEqual([...ids(a)].sort());
  }, SLOW);

  it('a removal made just as Redis hangs cuts on the other node before the hang is certain (an overdue ping quickens the re-check)', async () => {
    // Silence counts as a hang only after 10 minutes here: nothing but the overdue ping can explain a quick cut.
    const { cluster, redis } = await setUp(2, { REDIS_STALL_MS: '600000' });
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const carla = await world.user('Carla', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, carla.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    const c = track(connectYjs(cluster.node(1).wsUrl, doc, carla.api.token));
    await waitSynced(c);
    const carlaClose = closeOf(c);

    redis.pause();
    try {
      expect((await new Api(cluster.node(0).url, ana.api.token).delete(`/api/workspaces/${ws}/members/${carla.id}`)).status).toBe(204);
      await waitFor(() => carlaClose.code !== undefined, 10000, 'Carla’s plan socket closed on node 2 while Redis hangs');
      expect(carlaClose.code).toBe(4403);
      // Neither node counts Redis as hung yet.
      for (const node of cluster.nodes) expect((await fetch(`${node!.url}/api/health`).then((r) => r.json())) as unknown).toMatchObject({ redis: 'ready' });
      const m1 = await metrics(cluster.node(1).url);
      expect(m1.enlace_access_recheck_plan_sockets_closed_total).toBe(1);
    } finally {
      redis.resume();
    }
  }, SLOW);

  it('a node started while Redis is down joins in when it comes: other nodes’ Socket.IO events reach its clients', async () => {
    const { cluster, redis } = await setUp(2);
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');

    await redis.stop({ signal: 'SIGKILL' });
    await cluster.restart(1, { waitForRedis: false });
    // Past the node's wait for Redis at boot (5 s): it runs degraded, its subscriptions made while Redis is away.
    await waitHealth(cluster.node(1).url, (s, b, degraded) => s === 503 && degraded === 'redis' && b.redis === 'disabled', 20000);
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();
    for (const node of cluster.nodes) await waitHealth(node!.url, (s, b, degraded) => s === 200 && b.redis === 'ready' && degraded === null, 15000);

    // Before the fix the node's Socket.IO subscriber, subscribed while never connected, read no reply again: its
    // clients got nothing published on other nodes (and a member removed there kept receiving the group's events).
    const betoEvents = track(await connectEvents(cluster.node(1).url, beto.api.token!));
    const seen = recordEvents(betoEvents, ['decision:created', 'document:saved', 'access:revoked']);
    await betoEvents.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws });
    const created = await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Tras el arranque sin Redis' });
    expect(created.status).toBe(201);
    await waitFor(() => seen.some((e) => e.event === 'decision:created' && e.payload.decision?.id === created.body.decision.id), 10000, 'decision:created from node 0 on node 1');
    const a = track(connectYjs(cluster.node(0).wsUrl, doc, ana.api.token));
    await waitSynced(a);
    insertActivity(a.doc, { id: 'tras-arranque', title: 'Guardada en el nodo 0' });
    await waitFor(() => seen.some((e) => e.event === 'document:saved' && e.payload.documentId === doc), 10000, 'document:saved from node 0 on node 1');
    expect((await ana.api.delete(`/api/workspaces/${ws}/members/${beto.id}`)).status).toBe(204);
    await waitFor(() => seen.some((e) => e.event === 'access:revoked'), 5000, 'access:revoked from node 0 on node 1');
    expect(seen.find((e) => e.event === 'access:revoked')?.payload).toMatchObject({ workspaceId: ws });
  }, SLOW);
});
