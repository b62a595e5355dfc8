/**
 * The plan's `restoreMarks` map is the server's: each restore writes its marker there, and a client that returns with
 * edits made before it received a restore has them folded into that restore's backup. A member's stock client could
 * write the map like any root; its frame is now refused (4400), only its own connection closes, and the plan and the
 * other clients are unharmed. A client relaying a marker the server made but this node lacks (got from another node,
 * or kept from a node that stopped before storing it) is not locked out: the marker is left out, its edits applied.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { getActivities, insertActivity, readActivities } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { createTestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { updateFrame } from '../helpers/yjsFrames.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const MARKS = 'restoreMarks';

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  for (const s of servers.splice(0)) await s.close();
});

/** A stock client on `server`, synced. */
async function synced(server: TestServer, docId: string, token: string | undefined, doc?: Y.Doc): Promise<YClient> {
  const c = connectYjs(server.wsUrl, docId, token, { doc });
  clients.push(c);
  await waitSynced(c);
  return c;
}

/** The close codes a stock client meets from now on. */
function closesOf(c: YClient): number[] {
  const codes: number[] = [];
  c.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/** The plan's restore markers as a client that connects now reads them. */
async function markersOn(server: TestServer, docId: string, token: string | undefined): Promise<Record<string, unknown>> {
  const reader = await synced(server, docId, token);
  return reader.doc.getMap(MARKS).toJSON();
}

/** Ana (facilitator) and Mario (member) on a plan on `server`, each with a synced stock client. */
async function planWithMember(server: TestServer) {
  const world = await createWorld(server.url);
  const ana = await world.user('Ana', 'SSPC');
  const mario = await world.user('Mario', 'FGR');
  const ws = await world.workspace(ana.api);
  await world.addMember(ws, ana.api, mario.id, 'member');
  const docId = await world.document(ana.api, ws);
  const a = await synced(server, docId, ana.api.token);
  const m = await synced(server, docId, mario.api.token);
  return { ana, mario, docId, a, m };
}

/** Restores a fresh named version of the plan (after a row added since), so the plan holds one marker. */
async function restoreOnce(api: Api, docId: string, writer: YClient): Promise<string> {
  const named = await api.post(`/api/documents/${docId}/versions`, { name: 'V1' });
  expect(named.status).toBe(201);
  insertActivity(writer.doc, { id: 'act-posterior', title: 'Después de V1' });
  await waitFor(async () => JSON.stringify((await api.get(`/api/documents/${docId}/export?format=json`)).body.activities ?? []).includes('act-posterior'), 5000, 'the row stored');
  const restored = await api.post(`/api/versions/${named.body.version.id}/restore`);
  expect(restored.status).toBe(200);
  return restored.body.backupVersion.id as string;
}

describe.each(BACKENDS)('the restore markers are the server’s, on $name', (backend) => {
  it('closes a member’s connection that writes a marker (4400); the plan and the others are unharmed', async () => {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const { ana, mario, docId, a, m } = await planWithMember(server);
    // Mario has written before: the marker is in his own client id, after his edit.
    insertActivity(m.doc, { id: 'act-mario', title: 'Fila de Mario' });
    await waitFor(() => readActivities(a.doc).some((r) => r.id === 'act-mario'), 5000, 'Mario’s row reaches Ana');
    const closes = closesOf(m);
    m.doc.getMap(MARKS).set('ver_forjada', Date.now());
    await waitFor(() => closes.includes(4400), 5000, 'the writer closed with 4400');
    m.provider.disconnect();

    // A fresh stock client whose very first write is a marker looks like one relaying the server's: left out. Its
    // next write shows the id was its own: refused.
    const fresh = await synced(server, docId, mario.api.token);
    const freshCloses = closesOf(fresh);
    fresh.doc.getMap(MARKS).set('ver_forjada_2', Date.now());
    insertActivity(fresh.doc, { id: 'act-tras-marca', title: 'Después de la marca' });
    await waitFor(() => freshCloses.includes(4400), 5000, 'the fresh writer closed with 4400');
    fresh.provider.disconnect();

    // Ana stays connected and keeps editing; the plan never took a marker, nor the row sent after one.
    insertActivity(a.doc, { id: 'act-despues', title: 'Sigue la edición' });
    const reader = await synced(server, docId, ana.api.token);
    await waitFor(() => readActivities(reader.doc).some((r) => r.id === 'act-despues'), 5000, 'Ana’s edit reaches a new reader');
    expect(a.provider.wsconnected).toBe(true);
    expect(reader.doc.getMap(MARKS).toJSON()).toEqual({});
    expect(readActivities(reader.doc).map((r) => r.id)).toEqual(['act-mario', 'act-despues']);
  });

  it('closes a member’s connection that overwrites a restore’s marker, found by its neighbour though it names no root', async () => {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const { ana, docId, a, m } = await planWithMember(server);
    const backupId = await restoreOnce(ana.api, docId, a);
    await waitFor(() => m.doc.getMap(MARKS).has(backupId), 5000, 'the marker reaches Mario');
    const landedAt = m.doc.getMap(MARKS).get(backupId);
    const closes = closesOf(m);
    // A later value of the key: Yjs writes it next to the marker, without the root's name.
    m.doc.getMap(MARKS).set(backupId, 0);
    await waitFor(() => closes.includes(4400), 5000, 'the writer closed with 4400');
    m.provider.disconnect();
    expect(await markersOn(server, docId, ana.api.token)).toEqual({ [backupId]: landedAt });
    expect(a.provider.wsconnected).toBe(true);
  });

  it('takes a client’s whole copy sent back as one update, the restore’s marker in it, and its edits after', async () => {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const { ana, mario, docId, a, m } = await planWithMember(server);
    const backupId = await restoreOnce(ana.api, docId, a);
    await waitFor(() => m.doc.getMap(MARKS).has(backupId), 5000, 'the marker reaches Mario');
    // Mario reloads the page: its cached copy goes into the page's empty doc after the socket opened, so the client
    // sends the whole copy, the server's marker included, as one update; then a row he adds.
    const page = new Y.Doc();
    const sent: Uint8Array[] = [];
    page.on('update', (u: Uint8Array) => sent.push(u));
    Y.applyUpdate(page, Y.encodeStateAsUpdate(m.doc));
    insertActivity(page, { id: 'act-recarga', title: 'Fila tras recargar' });
    const raw = new WebSocket(`${server.wsUrl}/yjs/${docId}?token=${mario.api.token}`);
    const closes: number[] = [];
    raw.on('close', (code) => closes.push(code));
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    for (const u of sent) raw.send(updateFrame(u));
    await waitFor(() => readActivities(a.doc).some((r) => r.id === 'act-recarga'), 5000, 'the row added after the copy reaches Ana');
    expect(closes).toEqual([]);
    raw.close();
    expect(await markersOn(server, docId, ana.api.token)).toEqual({ [backupId]: m.doc.getMap(MARKS).get(backupId) });
  });

  it('takes the edits of a client relaying a marker this node lacks, leaving the marker out; and words that name the map', async () => {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const { ana, docId, a, m } = await planWithMember(server);
    // Mario was offline with a restore's marker the server does not hold (as a node that stopped before storing it
    // would leave it: a client id of its own from clock 0), and a row he added meanwhile.
    m.provider.disconnect();
    const marker = new Y.Doc();
    marker.getMap(MARKS).set('ver_de_otro_nodo', Date.now());
    Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(marker));
    insertActivity(m.doc, { id: 'act-offline', title: 'Fila escrita sin conexión: restoreMarks' });
    const closes = closesOf(m);
    m.provider.connect();
    await waitSynced(m);
    await waitFor(() => readActivities(a.doc).some((r) => r.id === 'act-offline'), 5000, 'Mario’s row reaches Ana');
    // Its next edit goes through too.
    getActivities(m.doc).get(0).set('title', 'Otra vez: restoreMarks');
    await waitFor(() => readActivities(a.doc)[0]?.title === 'Otra vez: restoreMarks', 5000, 'Mario’s edit reaches Ana');
    expect(closes).toEqual([]);
    expect(await markersOn(server, docId, ana.api.token)).toEqual({});
    // That marker's client id writing anything more was Mario's own doing: refused.
    marker.getMap(MARKS).set('ver_otra', Date.now());
    Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(marker));
    await waitFor(() => closes.includes(4400), 5000, 'closed with 4400');
    m.provider.disconnect();
    expect(await markersOn(server, docId, ana.api.token)).toEqual({});
  });
});

describe('restore markers across nodes (PostgreSQL and Redis)', () => {
  it('a restore made on one node reaches the other, and its clients go on editing and reconnecting there', async () => {
    const db = await createTestDatabase(inject('databaseUrl'));
    const shared = { databaseUrl: db.url, redisUrl: inject('redisUrl') };
    servers.push(await startTestServer(shared), await startTestServer(shared));
    const { ana, mario, docId, a } = await planWithMember(servers[0]);
    let b = await synced(servers[1], docId, mario.api.token);
    const closes = [closesOf(b)];
    const backupId = await restoreOnce(ana.api, docId, a);
    await waitFor(() => b.doc.getMap(MARKS).has(backupId) && readActivities(b.doc).length === 0, 10_000, 'the restore reaches node 2’s client');
    insertActivity(b.doc, { id: 'act-nodo-2', title: 'Tras la restauración' });
    await waitFor(() => readActivities(a.doc).some((r) => r.id === 'act-nodo-2'), 10_000, 'the edit reaches node 1');
    // Back on either node with the marker in its copy, it syncs as any client.
    for (const [i, server] of [servers[0], servers[1]].entries()) {
      b.provider.destroy();
      b = await synced(server, docId, mario.api.token, b.doc);
      closes.push(closesOf(b));
      insertActivity(b.doc, { id: `act-vuelta-${i}`, title: 'De vuelta' });
      await waitFor(() => readActivities(a.doc).some((r) => r.id === `act-vuelta-${i}`), 10_000, 'the edit after coming back reaches node 1');
    }
    expect(closes.flat()).toEqual([]);
    expect(await markersOn(servers[1], docId, ana.api.token)).toEqual(await markersOn(servers[0], docId, ana.api.token));
  });
});
