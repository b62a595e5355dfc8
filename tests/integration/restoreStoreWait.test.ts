/**
 * A restore whose change the database takes longer to store than the answer waits (`restoreStoreWaitMs`, 15 s by
 * default) is answered 503, but it has happened: the change is live in the plan, on every screen, and is stored once
 * the database answers. So everything a restore does after landing still happens then: its backup is brought up to the
 * instant it landed and takes in the keystrokes that were in flight, records the restore's marker, and the group hears
 * `version:created` and `version:restored`. (It used to stop at the 503: a backup without those, and no events.)
 *
 * PostgreSQL only: the database is held up by a lock taken on a connection of the test's own, which PGlite (one
 * connection, in the server's process) does not have.
 */
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { readPlanContent } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { plain, textContaining } from '../helpers/comments.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, coveredBy, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

type Version = { id: string; name: string; kind: string };

describe('a restore answered before the database stored it, on postgres', () => {
  let server: TestServer | undefined;
  let sql: postgres.Sql | undefined;
  let unlock: (() => void) | undefined;
  const clients: YClient[] = [];
  const sockets: Array<{ disconnect(): void }> = [];
  afterEach(async () => {
    unlock?.();
    clients.splice(0).forEach((c) => c.destroy());
    sockets.splice(0).forEach((s) => s.disconnect());
    await server?.close();
    await sql?.end();
    server = undefined;
    sql = undefined;
  });

  /** Holds every write to the update log (reads go on) until the returned function is called. */
  async function holdUpdateLog(url: string): Promise<() => Promise<void>> {
    sql = postgres(url, { max: 1, onnotice: () => undefined });
    let locked!: () => void;
    const taken = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (unlock = resolve));
    const held = sql.begin(async (tx) => {
      await tx`lock table document_updates in exclusive mode`;
      locked();
      await released;
    });
    await taken;
    return async () => {
      unlock?.();
      await held;
    };
  }

  it('still stores the backup’s full record and tells the group once the database answers', async () => {
    const db = await createTestDatabase();
    server = await startTestServer({ databaseUrl: db.url, limits: { restoreStoreWaitMs: 1000 } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, ws);
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    const b = connectYjs(server.wsUrl, docId, beto.api.token);
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const events = await connectEvents(server.url, beto.api.token!, ws);
    sockets.push(events);
    const seen = recordEvents(events, ['document:saved', 'version:created', 'version:restored']);
    const saved = () => waitFor(() => seen.some((e) => e.event === 'document:saved' && e.payload.documentId === docId && coveredBy(a.doc, e.payload.stateVector)), 20_000, 'saved');

    const named = await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Acordada' });
    expect(named.status).toBe(201);
    const v1 = named.body.version as Version;
    const agreed = (await ana.api.get(`/api/versions/${v1.id}`)).body.content;
    // Rewritten past recognition: the restore replaces this paragraph rather than editing it in place.
    const text = textContaining(b.doc, 'objetivos comunes');
    text.insert(plain(text).length, ' reescrito'.repeat(40));
    await waitFor(() => plain(textContaining(a.doc, 'objetivos comunes')).endsWith(' reescrito'), 5000, 'the rewrite reaches Ana');
    await saved();

    // Beto's keystroke is in flight as the restore lands; the database takes no write to the log meanwhile.
    b.provider.disconnect();
    const typing = textContaining(b.doc, 'objetivos comunes');
    typing.insert(plain(typing).length, ' en-vuelo');
    const release = await holdUpdateLog(db.url);
    const restored = await ana.api.post(`/api/versions/${v1.id}/restore`);
    expect([restored.status, restored.body.error?.code]).toEqual([503, 'unavailable']);
    // It happened: the plan shows the version on every screen, and Beto's keystroke arrives after it landed.
    await waitFor(() => JSON.stringify(readPlanContent(a.doc)) === JSON.stringify(agreed), 5000, 'the restore reaches Ana');
    b.provider.connect();
    await waitSynced(b);
    await waitFor(() => JSON.stringify(readPlanContent(b.doc)) === JSON.stringify(agreed), 5000, 'the restore reaches Beto');
    const versions = (await ana.api.get(`/api/documents/${docId}/versions`)).body.versions as Version[];
    const backup = versions.find((v) => v.name === 'Antes de restaurar «Acordada»');
    expect(backup).toMatchObject({ kind: 'auto' });
    expect(seen.filter((e) => e.event === 'version:restored')).toEqual([]);

    await release();
    await saved();
    // The group hears of the restore and its backup, as after any restore.
    await waitFor(() => seen.some((e) => e.event === 'version:created' && e.payload.version.id === backup!.id), 10_000, 'version:created for the backup');
    await waitFor(() => seen.some((e) => e.event === 'version:restored' && e.payload.versionId === v1.id && e.payload.backupVersionId === backup!.id), 10_000, 'version:restored');
    // The backup undoes the restore with the keystroke that was in flight (hidden in the plan, inside the deleted paragraph).
    const backupText = async () => JSON.stringify((await ana.api.get(`/api/versions/${backup!.id}`)).body.content);
    await waitFor(async () => (await backupText()).includes('reescrito en-vuelo'), 10_000, 'the in-flight words in the backup');
    expect((await ana.api.post(`/api/versions/${backup!.id}/restore`)).status).toBe(200);
    await waitFor(() => plain(textContaining(a.doc, 'objetivos comunes')).endsWith('reescrito en-vuelo'), 5000, 'the undo reaches Ana');
  });
});
