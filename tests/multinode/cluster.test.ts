/**
 * Three Enlace processes on one PostgreSQL and the run's Redis: documents, events, presence and revocation
 * work across nodes as if there were one.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { getBody, insertActivity, readActivities } from '../../shared/planModel.js';
import { Api, createWorld, type World } from '../helpers/api.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startCluster, type Cluster } from '../helpers/nodes.js';
import { awarenessFrame } from '../helpers/yjsFrames.js';
import { closeCode, connectEvents, connectYjs, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

let db: TestDatabase;
let cluster: Cluster;
let world: World;
const clients: YClient[] = [];
const sockets: Array<{ close(): void }> = [];

/** The same user's API on node i. */
const on = (i: number, api: Api): Api => new Api(cluster.node(i).url, api.token);
const yjsOn = (i: number, documentId: string, token: string | undefined): YClient => {
  const c = connectYjs(cluster.node(i).wsUrl, documentId, token);
  clients.push(c);
  return c;
};

/** A raw socket on node i that sends one awareness frame setting `clientId`'s caret colour with a high clock. */
async function rawAwarenessFrom(i: number, documentId: string, token: string, clientId: number, color: string, clock = 9_999): Promise<WebSocket> {
  const socket = new WebSocket(`${cluster.node(i).wsUrl}/yjs/${documentId}?token=${token}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(awarenessFrame(clientId, clock, { user: { color } }));
  return socket;
}

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'));
  cluster = await startCluster(3, { DATABASE_URL: db.url, REDIS_URL: inject('redisUrl') });
  world = await createWorld(cluster.node(0).url);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of sockets) s.close();
  await cluster?.stop();
  await db?.drop();
});

describe('several nodes behave as one', () => {
  it('every node reports Redis ready', async () => {
    for (let i = 0; i < 3; i++) {
      const health = await new Api(cluster.node(i).url).get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', database: 'postgres', redis: 'ready' });
    }
  });

  it('Socket.IO long-polling is refused (no sticky sessions needed): websocket transport only', async () => {
    const res = await fetch(`${cluster.node(0).url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'Transport unknown' });
  });

  it('clients on different nodes co-edit one plan and converge, and the stored state matches', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const caro = await world.user('Caro', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    await world.addMember(ws, ana.api, caro.id, 'member');
    const doc = await world.document(ana.api, ws, 'work_plan');
    const a = yjsOn(0, doc, ana.api.token);
    const b = yjsOn(1, doc, beto.api.token);
    const c = yjsOn(2, doc, caro.api.token);
    await Promise.all([a, b, c].map((x) => waitSynced(x)));
    // The template reached every node from the database.
    expect(getBody(b.doc).length).toBeGreaterThan(0);
    const writers: Array<[YClient, string]> = [[a, 'a'], [b, 'b'], [c, 'c']];
    for (let round = 0; round < 10; round++) {
      for (const [client, tag] of writers) {
        insertActivity(client.doc, { id: `${tag}-${round}`, title: `Actividad ${tag} ${round}`, stateCodes: ['08'] });
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(`Nota ${tag} ${round}`)]);
        getBody(client.doc).push([p]);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const expected = 30;
    await waitFor(() => [a, b, c].every((x) => readActivities(x.doc).length === expected), 10000, 'all activities everywhere');
    // Each note is an update of its own, after its row's: the rows being everywhere does not mean the notes are.
    const notes = (x: YClient) => (getBody(x.doc).toString().match(/Nota [abc] \d/g) ?? []).length;
    await waitFor(() => [a, b, c].every((x) => notes(x) === expected), 10000, 'all notes everywhere');
    const ids = (x: YClient) => readActivities(x.doc).map((r) => r.id);
    expect(ids(b)).toEqual(ids(a));
    expect(ids(c)).toEqual(ids(a));
    expect(getBody(b.doc).toString()).toEqual(getBody(a.doc).toString());
    expect(getBody(c.doc).toString()).toEqual(getBody(a.doc).toString());
    // What is stored (read by a fresh client on another node after the saves) is the converged state.
    const events = await connectEvents(cluster.node(1).url, beto.api.token!, ws);
    sockets.push(events);
    await waitFor(async () => {
      const fresh = connectYjs(cluster.node(2).wsUrl, doc, caro.api.token);
      try {
        await waitSynced(fresh);
        return readActivities(fresh.doc).length === expected;
      } finally {
        fresh.destroy();
      }
    }, 10000, 'stored state');
    // Every node published its writer's edits and received the other two writers' on the bus (GET /metrics).
    for (let i = 0; i < 3; i++) {
      const text = await (await fetch(`${cluster.node(i).url}/metrics`)).text();
      const counter = (name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1]);
      expect(counter('enlace_bus_updates_published_total')).toBeGreaterThan(0);
      expect(counter('enlace_bus_updates_received_total')).toBeGreaterThan(0);
      expect(counter('enlace_bus_publish_errors_total')).toBe(0);
      expect(counter('enlace_bus_late_revocations_total')).toBe(0);
    }
  });

  it('a workspace event created on node 1 reaches a Socket.IO client on node 2 within 1 s', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const listener = await connectEvents(cluster.node(1).url, beto.api.token!, ws);
    sockets.push(listener);
    const seen = recordEvents(listener, ['workspace:updated']);
    const sent = Date.now();
    const r = await on(0, ana.api).patch(`/api/workspaces/${ws}`, { description: 'Coordinación interinstitucional en Chihuahua' });
    expect(r.status).toBe(200);
    await waitFor(() => seen.length > 0, 1000 - (Date.now() - sent) + 50, 'workspace:updated on node 2');
    expect(seen[0].payload).toMatchObject({ workspaceId: ws, workspace: { id: ws, description: 'Coordinación interinstitucional en Chihuahua' } });
  });

  it('presence on node 2 shows a user connected to node 1', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    const atNode2 = await connectEvents(cluster.node(1).url, beto.api.token!, ws);
    sockets.push(atNode2);
    const updates = recordEvents(atNode2, ['presence:updated']);
    const atNode1 = await connectEvents(cluster.node(0).url, ana.api.token!, ws);
    sockets.push(atNode1);
    await atNode1.timeout(5000).emitWithAck('presence:update', { workspaceId: ws, documentId: doc, section: 'actividades', state: 'active' });
    await waitFor(() => updates.some((u) => u.payload.online.some((o: { userId: string; documentId: string | null }) => o.userId === ana.id && o.documentId === doc)), 5000, 'Ana in presence seen on node 2');
    const last = updates[updates.length - 1].payload;
    expect(last.workspaceId).toBe(ws);
    expect(last.online.map((o: { userId: string }) => o.userId).sort()).toEqual([ana.id, beto.id].sort());
    expect(last.online.find((o: { userId: string }) => o.userId === ana.id)).toMatchObject({ name: 'Ana', organizationId: ana.organizationId, documentId: doc, state: 'active' });
    // Leaving on node 1 is seen on node 2 too.
    atNode1.close();
    await waitFor(() => {
      const latest = updates[updates.length - 1].payload;
      return latest.online.every((o: { userId: string }) => o.userId !== ana.id);
    }, 5000, 'Ana gone from presence on node 2');
  });

  it('awareness (cursors) crosses nodes', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    const a = yjsOn(0, doc, ana.api.token);
    const b = yjsOn(2, doc, beto.api.token);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#0a7' });
    await waitFor(() => [...b.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Ana'), 5000, 'Ana’s cursor on node 3');
  });

  it('nobody on another node can take over a caret, but its owner reconnecting there can', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const olga = await world.user('Olga', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, olga.id, 'observer');
    const doc = await world.document(ana.api, ws, 'blank');
    const a = yjsOn(0, doc, ana.api.token);
    const viewerThere = yjsOn(2, doc, olga.api.token);
    await Promise.all([waitSynced(a), waitSynced(viewerThere)]);
    // The caret's colour marks whose frame was taken (names are the server's to set: each connection's own).
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: 'Ana real' });
    const nameAt = (c: YClient) => (c.provider.awareness.getStates().get(a.doc.clientID)?.user as { color?: string } | undefined)?.color;
    await waitFor(() => nameAt(viewerThere) === 'Ana real', 5000, 'Ana’s caret on node 3');

    // Olga, on node 3, forges Ana's caret with a higher clock: dropped there as it would be on Ana's node.
    const forged = await rawAwarenessFrom(2, doc, olga.api.token!, a.doc.clientID, 'Suplantada');
    await new Promise((r) => setTimeout(r, 500));
    expect(nameAt(viewerThere)).toBe('Ana real');
    expect(nameAt(a)).toBe('Ana real');
    forged.close();

    // Ana herself, reconnected through node 3 with the same client id, may move it.
    const again = await rawAwarenessFrom(2, doc, ana.api.token!, a.doc.clientID, 'Ana de nuevo', 99_999);
    await waitFor(() => nameAt(viewerThere) === 'Ana de nuevo', 5000, 'Ana’s own takeover on node 3');
    again.close();
  });

  it('one person’s carets from another node, echoed back by their tab there, keep that tab connected', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const olga = await world.user('Olga', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, olga.id, 'observer');
    const doc = await world.document(ana.api, ws, 'blank');
    const tabs = Array.from({ length: 9 }, () => yjsOn(0, doc, ana.api.token));
    // Olga watches on node 3 without a caret of her own, so node 3 holds Ana's carets and nobody else's.
    const watcher = yjsOn(2, doc, olga.api.token);
    watcher.provider.awareness.setLocalState(null);
    await Promise.all([...tabs, watcher].map((c) => waitSynced(c)));
    const colorAt = (c: YClient, t: YClient) => (c.provider.awareness.getStates().get(t.doc.clientID)?.user as { color?: string } | undefined)?.color;
    tabs.forEach((t, i) => t.provider.awareness.setLocalStateField('user', { name: 'Ana', color: `tab ${i}` }));
    await waitFor(() => tabs.every((t, i) => colorAt(watcher, t) === `tab ${i}`), 5000, 'Ana’s nine carets on node 3');

    // Ana's tenth tab opens on node 3: it is sent all nine and, as stock clients do, sends them all back.
    const there = yjsOn(2, doc, ana.api.token);
    const closes: number[] = [];
    there.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    await waitSynced(there);
    await waitFor(() => tabs.every((t, i) => colorAt(there, t) === `tab ${i}`), 5000, 'the nine carets in the tab on node 3');
    tabs.forEach((t, i) => t.provider.awareness.setLocalStateField('user', { name: 'Ana', color: `moved ${i}` }));
    await waitFor(() => tabs.every((t, i) => colorAt(there, t) === `moved ${i}` && colorAt(watcher, t) === `moved ${i}`), 5000, 'the moved carets on node 3');
    expect(closes).toEqual([]);
    expect(there.provider.wsconnected).toBe(true);
  });

  it('removing a member on node 1 closes their plan socket on node 2 (4403) and sends access:revoked within 1 s', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws, 'blank');
    const b = yjsOn(1, doc, beto.api.token);
    await waitSynced(b);
    b.provider.shouldConnect = false; // a revoked client must not reconnect in this test
    const events = await connectEvents(cluster.node(1).url, beto.api.token!, ws);
    sockets.push(events);
    const revoked = recordEvents(events, ['access:revoked']);
    const closed = closeCode(b.provider.ws as unknown as import('ws').WebSocket, 5000);
    const sent = Date.now();
    const r = await on(0, ana.api).delete(`/api/workspaces/${ws}/members/${beto.id}`);
    expect(r.status).toBe(204);
    expect(await closed).toBe(4403);
    await waitFor(() => revoked.length > 0, Math.max(50, 1000 - (Date.now() - sent)), 'access:revoked on node 2');
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(revoked[0].payload).toMatchObject({ workspaceId: ws });
    // And the removed member can no longer open the plan on any node.
    for (let i = 0; i < 3; i++) {
      const again = connectYjs(cluster.node(i).wsUrl, doc, beto.api.token, { reconnect: false });
      expect(await closeCode(again.provider.ws as unknown as import('ws').WebSocket, 5000)).toBe(4403);
      again.destroy();
    }
  });
});
