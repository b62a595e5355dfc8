import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { closeCode, connectEvents, connectYjs, coveredBy, recordEvents, waitFor, waitSynced } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('durable saves survive kill -9 on $name', (backend) => {
  let proc: ServerProcess | undefined;
  afterEach(async () => {
    await proc?.kill();
    proc = undefined;
  });

  it('nothing reported saved is lost across several kill -9 rounds', { timeout: 240_000 }, async () => {
    const db = await backend.fresh();
    const env: Record<string, string> = db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : { DATA_DIR: db.dataDir! };
    proc = await startServerProcess(env);
    const port = proc.port;
    const world = await createWorld(proc.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    const ledger: string[] = [];
    for (let round = 0; round < 4; round++) {
      const client = connectYjs(proc.wsUrl, doc, ana.api.token);
      await waitSynced(client);
      expect(readActivities(client.doc).map((a) => a.id)).toEqual(ledger);
      const events = await connectEvents(proc.url, ana.api.token!, ws);
      const saved = recordEvents(events, ['document:saved']);
      for (let i = 0; i < 25; i++) insertActivity(client.doc, { id: `r${round}-${i}`, title: `Ronda ${round} actividad ${i}` });
      await waitFor(() => saved.some((e) => coveredBy(client.doc, e.payload.stateVector)), 10000, 'saved');
      ledger.push(...Array.from({ length: 25 }, (_, i) => `r${round}-${i}`));
      // Unacknowledged edits right before the crash may or may not survive; acknowledged ones must.
      insertActivity(client.doc, { id: `unacked-${round}`, title: 'quizá' });
      await proc.kill('SIGKILL');
      events.close();
      client.destroy();
      proc = await startServerProcess(env, port);
      const check = connectYjs(proc.wsUrl, doc, ana.api.token);
      await waitSynced(check);
      const ids = readActivities(check.doc).map((a) => a.id);
      for (const id of ledger) expect(ids).toContain(id);
      // Keep the ledger in the document's order, including any unacked row that did survive.
      ledger.splice(0, ledger.length, ...ids);
      check.destroy();
    }
  });

  it('a restore answered 200 is stored: kill -9 right after the answer keeps it', { timeout: 180_000 }, async () => {
    const db = await backend.fresh();
    const env: Record<string, string> = db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : { DATA_DIR: db.dataDir! };
    proc = await startServerProcess(env);
    const port = proc.port;
    const world = await createWorld(proc.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    const ids = async () => {
      const check = connectYjs(proc!.wsUrl, doc, ana.api.token);
      await waitSynced(check);
      const found = readActivities(check.doc).map((a) => a.id);
      check.destroy();
      return found;
    };
    for (let round = 0; round < 2; round++) {
      // The plan as signed off, then a later row; no client stays connected to resend anything after the crash.
      const client = connectYjs(proc.wsUrl, doc, ana.api.token);
      await waitSynced(client);
      const events = await connectEvents(proc.url, ana.api.token!, ws);
      const saved = recordEvents(events, ['document:saved']);
      insertActivity(client.doc, { id: `firmada-${round}`, title: 'Actividad firmada' });
      await waitFor(() => saved.some((e) => coveredBy(client.doc, e.payload.stateVector)), 10000, 'saved');
      const version = await ana.api.post(`/api/documents/${doc}/versions`, { name: `Firma ${round}` });
      expect(version.status).toBe(201);
      const signed = readActivities(client.doc).map((a) => a.id);
      insertActivity(client.doc, { id: `posterior-${round}`, title: 'Actividad posterior' });
      await waitFor(() => saved.some((e) => coveredBy(client.doc, e.payload.stateVector)), 10000, 'later row saved');
      client.destroy();
      events.close();
      expect(await ids()).toEqual([...signed, `posterior-${round}`]);

      const restored = await ana.api.post(`/api/versions/${version.body.version.id}/restore`);
      expect(restored.status).toBe(200);
      await proc.kill('SIGKILL');
      proc = await startServerProcess(env, port);
      expect(await ids(), `round ${round}`).toEqual(signed);
    }
  });

  it('SIGTERM flushes the log and closes sockets with 1012', { timeout: 120_000 }, async () => {
    const db = await backend.fresh();
    const env: Record<string, string> = db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : { DATA_DIR: db.dataDir! };
    proc = await startServerProcess(env);
    const world = await createWorld(proc.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    const client = connectYjs(proc.wsUrl, doc, ana.api.token);
    await waitSynced(client);
    for (let i = 0; i < 50; i++) insertActivity(client.doc, { id: `t${i}`, title: `Actividad ${i}` });
    const localState = Y.encodeStateVector(client.doc);
    // A page's events socket with the stock client's own reconnection: a restart must not end it for good.
    const page = io(proc.url, { auth: { token: ana.api.token }, transports: ['websocket'], reconnectionDelayMax: 500 });
    const reasons: string[] = [];
    let connects = 0;
    page.on('connect', () => connects++);
    page.on('disconnect', (reason) => reasons.push(reason));
    await waitFor(() => connects === 1, 5000, 'events socket connected');
    await new Promise((r) => setTimeout(r, 50));
    const closed = closeCode(client.provider.ws as unknown as import('ws').WebSocket, 10000);
    const started = Date.now();
    const code = await proc.kill('SIGTERM');
    expect(code, proc.output()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10000);
    expect(await closed).toBe(1012);
    client.destroy();
    proc = await startServerProcess(env, proc.port);
    // "io server disconnect" would have ended it: the stock client reconnects only after a transport close.
    await waitFor(() => connects === 2, 15000, `events socket reconnected (disconnect reasons: ${reasons.join(', ')})`);
    expect(reasons).toEqual(['transport close']);
    page.close();
    const check = connectYjs(proc.wsUrl, doc, ana.api.token);
    await waitSynced(check);
    expect(readActivities(check.doc).map((a) => a.id)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
    expect(localState.length).toBeGreaterThan(0);
    check.destroy();
    expect((await new Api(proc.url).get('/api/health')).body.status).toBe('ok');
  });
});
