/**
 * Database faults on a private PostgreSQL (never the shared one): stopped for 10 s mid-edit, hanging behind a
 * frozen proxy, and down while a client opens an unloaded document. Editing goes on in memory, nothing is
 * claimed saved that is not, health says degraded at once, and everything is stored once the database is back.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '../../db/client.js';
import type { Limits } from '../../shared/constants.js';
import { readPlanContent } from '../../shared/planModel.js';
import { compactDocument, docFromState, readStoredState } from '../../server/sync/documentStore.js';
import { Api, createWorld } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { closeCode, connectEvents, connectYjs, coveredBy, rawSocket, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';
import { startPostgres, type PostgresServer } from '../setup/services.js';
import { marksIn, seeded, writeMark } from './support/ledger.js';
import { startProxy, type FreezableProxy } from './support/tcpProxy.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the database itself holds for a document (read on a connection of its own). */
async function stored(url: string, documentId: string): Promise<{ doc: Y.Doc; rows: number; snapshot: string }> {
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const db = drizzle(client) as unknown as Database;
    const state = await readStoredState(db, documentId);
    const [snap] = await client<Array<{ state: Buffer }>>`select state from document_snapshots where document_id = ${documentId}`;
    return { doc: docFromState(state), rows: state.logCount, snapshot: snap ? Buffer.from(snap.state).toString('hex') : '' };
  } finally {
    await client.end();
  }
}

async function health(url: string): Promise<{ status: number; body: Record<string, unknown>; degraded: string | null; ms: number }> {
  const started = Date.now();
  const res = await new Api(url).get('/api/health');
  return { status: res.status, body: res.body, degraded: res.headers.get('x-health-degraded'), ms: Date.now() - started };
}

/** The writer's own clock now: a later edit of this client is covered only by a vector above it. */
const clockOf = (doc: Y.Doc) => Y.getState(doc.store, doc.clientID);
const storedClock = (sv: string, doc: Y.Doc) => Y.decodeStateVector(new Uint8Array(Buffer.from(sv, 'base64'))).get(doc.clientID) ?? 0;

describe('database faults on a private PostgreSQL', () => {
  let pg: PostgresServer;
  let server: TestServer | undefined;
  let proxy: FreezableProxy | undefined;
  const clients: YClient[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    proxy?.thaw();
    await server?.close();
    await proxy?.close();
    server = undefined;
    proxy = undefined;
    await pg.start(); // in case a test failed while it was down
  });
  afterAll(async () => {
    await pg?.dispose();
  });

  /** A world with two writers on one plan, both synced, and the plan's saved events recorded with the phase. */
  async function twoWriters(databaseUrl: string, limits?: Partial<Limits>) {
    server = await startTestServer({ databaseUrl, limits });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const wsId = await world.workspace(ana.api);
    await world.addMember(wsId, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, wsId, 'work_plan');
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    const b = connectYjs(server.wsUrl, docId, beto.api.token);
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const events = await connectEvents(server.url, ana.api.token!, wsId);
    const state = { phase: 'up' as 'up' | 'down' | 'back' };
    const saves: Array<{ phase: string; sv: string }> = [];
    events.on('document:saved', (p: { documentId: string; stateVector: string }) => {
      if (p.documentId === docId) saves.push({ phase: state.phase, sv: p.stateVector });
    });
    return { world, ana, docId, a, b, events, saves, state };
  }

  it('keeps editing in memory through a 10 s outage, claims nothing saved meanwhile, and stores it all after', async () => {
    const db = await createTestDatabase(pg.url);
    const { ana, docId, a, b, events, saves, state } = await twoWriters(db.url);
    const rnd = seeded(10);
    for (let i = 0; i < 5; i++) {
      writeMark(a.doc, `antes-a${i}`, rnd);
      writeMark(b.doc, `antes-b${i}`, rnd);
    }
    await waitFor(() => saves.some((s) => coveredBy(a.doc, s.sv) && coveredBy(b.doc, s.sv)), 10000, 'saved before the outage');

    await pg.stop({ mode: 'immediate' });
    state.phase = 'down';
    const before = { a: clockOf(a.doc), b: clockOf(b.doc) };
    const down = await health(server!.url);
    expect(down.status).toBe(503);
    // The contract's shape exactly; what failed is named in a header.
    expect(down.body).toEqual({ status: 'degraded', database: 'postgres', redis: 'disabled' });
    expect(down.degraded).toBe('database');
    expect(down.ms).toBeLessThan(5000);
    // A request that needs the database says it is unavailable and when to try again, not "internal".
    for (const res of [await ana.api.get('/api/workspaces'), await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Durante la caída' })]) {
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'unavailable' });
      expect(res.headers.get('retry-after')).toBe('5');
    }

    // Ten seconds of editing with the database gone.
    for (let i = 0; i < 20; i++) {
      writeMark(a.doc, `caida-a${i}`, rnd);
      writeMark(b.doc, `caida-b${i}`, rnd);
      await sleep(500);
    }
    await waitFor(() => marksIn(a.doc).has('caida-b19') && marksIn(b.doc).has('caida-a19'), 10000, 'writers converge while down');
    expect([...marksIn(a.doc)].sort()).toEqual([...marksIn(b.doc)].sort());
    const claimedWhileDown = saves.filter((s) => s.phase === 'down' && (storedClock(s.sv, a.doc) > before.a || storedClock(s.sv, b.doc) > before.b));
    expect(claimedWhileDown).toEqual([]);
    expect((await health(server!.url)).status).toBe(503);

    state.phase = 'back';
    await pg.start();
    await waitFor(() => saves.some((s) => s.phase === 'back' && coveredBy(a.doc, s.sv) && coveredBy(b.doc, s.sv)), 30000, 'saved after recovery');
    await waitFor(async () => (await health(server!.url)).status === 200, 15000, 'healthy again');
    const expected = [...marksIn(a.doc)].sort();
    expect(expected).toHaveLength(50);
    expect([...marksIn((await stored(db.url, docId)).doc)].sort()).toEqual(expected);

    // And a fresh client of a restarted server sees every edit.
    events.close();
    clients.splice(0).forEach((c) => c.destroy());
    await server!.close();
    server = await startTestServer({ databaseUrl: db.url });
    const fresh = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(fresh);
    await waitSynced(fresh);
    expect([...marksIn(fresh.doc)].sort()).toEqual(expected);
  });

  it.each([
    { bound: 'updates', limits: { maxUnsavedUpdates: 20 } },
    { bound: 'bytes', limits: { maxUnsavedBytes: 3000 } },
  ])('bounds the $bound waiting for the database: past the limit a writer is closed with 1013, and what it sent is stored once the database is back', async ({ limits }) => {
    const db = await createTestDatabase(pg.url);
    const { docId, a, b, saves, state } = await twoWriters(db.url, limits);
    const closes: number[] = [];
    a.provider.on('connection-close', (event) => event && closes.push(event.code));
    const rnd = seeded(12);
    writeMark(a.doc, 'antes', rnd);
    await waitFor(() => saves.some((s) => coveredBy(a.doc, s.sv)), 10000, 'saved before the outage');

    await pg.stop({ mode: 'immediate' });
    state.phase = 'down';
    for (let i = 0; i < 40; i++) writeMark(a.doc, `caida-${i}`, rnd);
    await waitFor(() => closes.includes(1013), 10000, 'the writer closed with 1013');
    // Only the writer over the limit is closed: the other client stays connected.
    expect(b.provider.wsconnected).toBe(true);
    const log = server!.services.hub.updateLog;
    expect(log.pending).toBeGreaterThan(5);
    // The update that would go past the bound is refused, so what waits stays within it.
    expect(log.pending).toBeLessThanOrEqual(limits.maxUnsavedUpdates ?? Infinity);
    expect(log.pendingBytes).toBeLessThan(limits.maxUnsavedBytes ?? Infinity);

    state.phase = 'back';
    await pg.start();
    // The stock client reconnects by itself and sends what the server has not stored.
    await waitFor(() => saves.some((s) => s.phase === 'back' && coveredBy(a.doc, s.sv)), 30000, 'everything saved after recovery');
    const expected = [...marksIn(a.doc)].sort();
    expect(expected).toContain('caida-39');
    expect([...marksIn((await stored(db.url, docId)).doc)].sort()).toEqual(expected);
  });

  it('exits non-zero when a stop leaves updates the database did not take, and zero after a clean stop', async () => {
    const db = await createTestDatabase(pg.url);
    const node = await startServerProcess({ DATABASE_URL: db.url });
    const world = await createWorld(node.url);
    const ana = await world.user('Ana', 'SSPC');
    const docId = await world.document(ana.api, await world.workspace(ana.api), 'work_plan');
    const a = connectYjs(node.wsUrl, docId, ana.api.token, { reconnect: false });
    clients.push(a);
    await waitSynced(a);
    await pg.stop({ mode: 'immediate' });
    writeMark(a.doc, 'sin-base', seeded(3));
    await sleep(300); // received, then held: the database is down
    // The supervisor learns the stop was not clean (the clients still hold the edit and resend it).
    expect(await node.kill('SIGTERM'), node.output()).toBe(1);
    expect(node.output()).toContain('stopping with updates the database did not take');

    await pg.start();
    const clean = await startServerProcess({ DATABASE_URL: db.url });
    expect(await clean.kill('SIGTERM'), clean.output()).toBe(0);
  });

  it('answers health within seconds while the database hangs, and saves what was edited once it answers again', async () => {
    const db = await createTestDatabase(pg.url);
    proxy = await startProxy({ host: pg.host, port: pg.port });
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const { a, b, saves, state } = await twoWriters(viaProxy.toString());
    const rnd = seeded(11);
    writeMark(a.doc, 'antes', rnd);
    await waitFor(() => saves.some((s) => coveredBy(a.doc, s.sv)), 10000, 'saved before the hang');

    proxy.freeze();
    state.phase = 'down';
    const before = { a: clockOf(a.doc), b: clockOf(b.doc) };
    for (let i = 0; i < 5; i++) {
      writeMark(a.doc, `colgada-a${i}`, rnd);
      writeMark(b.doc, `colgada-b${i}`, rnd);
    }
    const hung = await health(server!.url);
    expect(hung.status).toBe(503);
    expect(hung.body).toEqual({ status: 'degraded', database: 'postgres', redis: 'disabled' });
    expect(hung.degraded).toBe('database');
    expect(hung.ms).toBeLessThan(5000);
    await waitFor(() => marksIn(a.doc).has('colgada-b4') && marksIn(b.doc).has('colgada-a4'), 10000, 'writers converge while hung');
    await sleep(1000);
    expect(saves.filter((s) => s.phase === 'down' && (storedClock(s.sv, a.doc) > before.a || storedClock(s.sv, b.doc) > before.b))).toEqual([]);

    state.phase = 'back';
    proxy.thaw();
    await waitFor(() => saves.some((s) => s.phase === 'back' && coveredBy(a.doc, s.sv) && coveredBy(b.doc, s.sv)), 30000, 'saved after the hang');
    await waitFor(async () => (await health(server!.url)).status === 200, 15000, 'healthy again');
  });

  /**
   * A plan on a fresh database whose writer set ten marks, saw them saved and left; resolves once the plan is
   * unloaded (what the next client opens comes from the database). `lastState`: the writer's whole state.
   */
  async function unloadedPlanWithMarks(seed: number) {
    const db = await createTestDatabase(pg.url);
    server = await startTestServer({ databaseUrl: db.url, limits: { unloadAfterMs: 200 } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const wsId = await world.workspace(ana.api);
    const docId = await world.document(ana.api, wsId, 'work_plan');
    const events = await connectEvents(server.url, ana.api.token!, wsId);
    const saved = recordEvents(events, ['document:saved']);
    const writer = connectYjs(server.wsUrl, docId, ana.api.token);
    await waitSynced(writer);
    const rnd = seeded(seed);
    for (let i = 0; i < 10; i++) writeMark(writer.doc, `fila-${i}`, rnd);
    await waitFor(() => saved.some((e) => coveredBy(writer.doc, e.payload.stateVector)), 10000, 'saved');
    const expected = [...marksIn(writer.doc)].sort();
    const lastState = Y.encodeStateAsUpdate(writer.doc);
    writer.destroy();
    events.close();
    const hub = server.services.hub;
    await waitFor(() => !hub.documents.has(docId), 10000, 'plan unloaded');
    return { db, ana, docId, expected, hub, lastState, live: server };
  }

  it('refuses to open an unloaded plan while the database is down (1011) and writes nothing', async () => {
    const { db, ana, docId, expected, hub, live } = await unloadedPlanWithMarks(12);
    const beforeOutage = await stored(db.url, docId);

    await pg.stop({ mode: 'immediate' });
    for (let i = 0; i < 3; i++) {
      const sock = rawSocket(`${live.wsUrl}/yjs/${docId}?token=${ana.api.token}`);
      expect(await closeCode(sock, 10000)).toBe(1011);
    }
    expect(hub.documents.has(docId)).toBe(false);
    expect(hub.updateLog.pending).toBe(0);

    await pg.start();
    const after = await stored(db.url, docId);
    expect(after.rows).toBe(beforeOutage.rows);
    expect(after.snapshot).toBe(beforeOutage.snapshot);
    await waitFor(async () => (await health(live.url)).status === 200, 15000, 'healthy again');
    const check = connectYjs(live.wsUrl, docId, ana.api.token);
    clients.push(check);
    await waitSynced(check);
    expect([...marksIn(check.doc)].sort()).toEqual(expected);
    expect(readPlanContent(check.doc)).toEqual(readPlanContent(beforeOutage.doc));
  });

  it('refuses a plan whose stored snapshot reads as empty but is not (corrupted), stores nothing over it, and opens it once repaired', async () => {
    const { db, ana, docId, expected, hub, lastState, live } = await unloadedPlanWithMarks(21);
    const sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    const direct = drizzle(sql) as unknown as Database;
    try {
      await compactDocument(direct, docId);
      // Two zero bytes in front: Yjs would read "nothing, no deletions" and ignore the rest.
      await sql`update document_snapshots set state = decode('0000', 'hex') || state where document_id = ${docId}`;
      const corrupted = (await stored(db.url, docId).catch(() => undefined))?.snapshot;
      expect(corrupted).toBeUndefined(); // the reader itself refuses it
      const [before] = await sql<Array<{ state: Buffer }>>`select state from document_snapshots where document_id = ${docId}`;
      for (let i = 0; i < 3; i++) {
        const sock = rawSocket(`${live.wsUrl}/yjs/${docId}?token=${ana.api.token}`);
        expect(await closeCode(sock, 10000)).toBe(1011);
      }
      expect(hub.documents.has(docId)).toBe(false);
      // A log entry arrives somehow (another node, an old client): folding refuses to store it over the unreadable snapshot.
      await sql`insert into document_updates (document_id, update, user_id) values (${docId}, decode(${Buffer.from(lastState).toString('hex')}, 'hex'), ${ana.id})`;
      await expect(compactDocument(direct, docId)).rejects.toThrow(/unreadable/);
      const [after] = await sql<Array<{ state: Buffer }>>`select state from document_snapshots where document_id = ${docId}`;
      expect(Buffer.from(after.state).equals(Buffer.from(before.state))).toBe(true);
      // Repaired by hand (the two bytes removed): the plan opens with everything that was stored.
      await sql`update document_snapshots set state = substring(state from 3) where document_id = ${docId}`;
    } finally {
      await sql.end();
    }
    const check = connectYjs(live.wsUrl, docId, ana.api.token);
    clients.push(check);
    await waitSynced(check);
    expect([...marksIn(check.doc)].sort()).toEqual(expected);
  });
});
