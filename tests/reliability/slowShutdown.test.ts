/**
 * A shutdown that waits on the database (its flush blocked by a table lock) while a client reconnects at once,
 * as every stock provider does after 1012. The reconnect is refused with 503 and its socket closed, instead of
 * lingering and holding the HTTP server's close past the process's 10 s (a CI run failed that way), and
 * everything the client typed is stored once the database answers.
 */
import { connect } from 'node:net';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { upgradeAttempt } from '../helpers/rawUpgrade.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

// A test that fails midway must not leave its server running, nor its lock held.
let running: ServerProcess | undefined;
let locker: postgres.Sql | undefined;
afterEach(async () => {
  await running?.kill();
  await locker?.end({ timeout: 1 });
  running = undefined;
  locker = undefined;
});

describe('shutdown while the database is slow', () => {
  it('refuses reconnects with 503, closes them, and still stores everything', { timeout: 120_000 }, async () => {
    const { url } = await createTestDatabase(inject('databaseUrl'));
    let proc = (running = await startServerProcess({ DATABASE_URL: url }));
    const world = await createWorld(proc.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    const client = connectYjs(proc.wsUrl, doc, ana.api.token, { reconnect: false });
    await waitSynced(client);

    // Hold the update log's table: every INSERT waits, so the shutdown's flush waits too.
    locker = postgres(url, { max: 2, onnotice: () => undefined });
    const reserved = await locker.reserve();
    await reserved`begin`;
    await reserved`lock table document_updates in access exclusive mode`;
    for (let i = 0; i < 20; i++) insertActivity(client.doc, { id: `s${i}`, title: `Actividad ${i}` });
    const db = locker;
    const waiting = () => db`select count(*)::int as n from pg_locks where not granted and relation = 'document_updates'::regclass and database = (select oid from pg_database where datname = current_database())`;
    await waitFor(async () => (await waiting())[0].n > 0, 10000, 'the log INSERT waiting on the lock');

    const exited = proc.kill('SIGTERM');
    // The server is still listening while it flushes; a reconnect now must be answered, not left hanging.
    await new Promise((r) => setTimeout(r, 300));
    const attempt = await upgradeAttempt(proc.port, `/yjs/${doc}?token=${ana.api.token}`, 5000);
    expect(attempt.response).toMatch(/^HTTP\/1\.1 503 /);
    expect(attempt.closed).toBe(true);

    await reserved`commit`;
    reserved.release();
    // Exit code 0: it finished before its own 10 s limit (which exits 1).
    expect(await exited, proc.output()).toBe(0);
    client.destroy();

    proc = running = await startServerProcess({ DATABASE_URL: url }, proc.port);
    const check = connectYjs(proc.wsUrl, doc, ana.api.token);
    await waitSynced(check);
    expect(readActivities(check.doc).map((a) => a.id)).toEqual(Array.from({ length: 20 }, (_, i) => `s${i}`));
    check.destroy();
  });
});

describe('shutdown with a connection that never finishes its request', () => {
  it('drops it soon after the flush instead of waiting for its timeout', { timeout: 60_000 }, async () => {
    const { url } = await createTestDatabase(inject('databaseUrl'));
    const proc = (running = await startServerProcess({ DATABASE_URL: url }));
    // Half a request head: Node counts the connection as busy, so closing the HTTP server waits for it.
    const slow = connect(proc.port, '127.0.0.1');
    slow.on('error', () => undefined);
    await new Promise((r) => slow.once('connect', r));
    slow.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${proc.port}\r\n`);
    const dropped = new Promise<void>((r) => slow.once('close', () => r()));
    await new Promise((r) => setTimeout(r, 200));
    // Exit code 0: it finished before its own 10 s limit (which exits 1), and it was the shutdown that dropped the
    // connection (3 s after the flush), not the silent-connection timeout (10 s after it opened).
    expect(await proc.kill('SIGTERM'), proc.output()).toBe(0);
    await dropped;
    expect(proc.output()).toContain('connections still open at shutdown were destroyed');
  });

  it('folds small plans at a clean stop and leaves one too big to fold in time to a later fold, its log intact', { timeout: 300_000 }, async () => {
    const { url } = await createTestDatabase(inject('databaseUrl'));
    let proc = (running = await startServerProcess({ DATABASE_URL: url }));
    const world = await createWorld(proc.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const small = await world.document(ana.api, ws, 'blank');
    const big = await world.document(ana.api, ws, 'blank');
    const a = connectYjs(proc.wsUrl, small, ana.api.token, { reconnect: false });
    const b = connectYjs(proc.wsUrl, big, ana.api.token, { reconnect: false });
    await Promise.all([waitSynced(a), waitSynced(b)]);
    for (let i = 0; i < 5; i++) insertActivity(a.doc, { id: `s${i}`, title: `Pequeña ${i}` });
    // 30 MB in 300 updates: folding it takes several seconds here, more than the stop's 2 s for folds.
    const text = b.doc.getText('pegado');
    const chunk = 'abcdefghij'.repeat(10_000);
    for (let i = 0; i < 300; i++) {
      text.insert(text.length, chunk);
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 20));
    }
    const sql = (locker = postgres(url, { max: 1, onnotice: () => undefined }));
    const logRows = async (doc: string) => Number((await sql<Array<{ n: string }>>`select count(*) as n from document_updates where document_id = ${doc}`)[0].n);
    // Generous: 30 MB through PostgreSQL while another test file shares the two cores. Should it still fail, the
    // counts, the sockets and the server's log say why.
    await waitFor(async () => (await logRows(big)) === 300 && (await logRows(small)) === 5, 120_000, 'all stored').catch(async (err: unknown) => {
      throw new Error(`${String(err)}: big ${await logRows(big)}/300, small ${await logRows(small)}/5, sockets open ${a.provider.wsconnected}/${b.provider.wsconnected}\n${proc.output().slice(-4000)}`);
    });
    expect(await proc.kill('SIGTERM'), proc.output()).toBe(0);
    a.destroy();
    b.destroy();
    expect(await logRows(small)).toBe(0);
    expect(await logRows(big)).toBe(300);
    proc = running = await startServerProcess({ DATABASE_URL: url }, proc.port);
    const check = connectYjs(proc.wsUrl, big, ana.api.token, { reconnect: false });
    await waitSynced(check, 60_000);
    expect(check.doc.getText('pegado').length).toBe(300 * chunk.length);
    check.destroy();
  });
});
