/**
 * Reading stored plans as binary COPY (documentStore's storedStateReader), on PostgreSQL and through embedded PGlite's
 * wire protocol: the same snapshot and log tail, byte for byte, as the query path, read after read on one connection
 * (the driver's copy stream used to leave its connection unable to read again), and ids that cannot stand as a
 * literal take the query path.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../db/client.js';
import { documentSnapshots, documentUpdates } from '../../db/schema.js';
import { readStoredState, storedStateReader, type StoredState } from '../../server/sync/documentStore.js';
import { BACKENDS } from '../helpers/backends.js';

/** A Yjs update of about `chars` characters typed by a few authors (not compressible to nothing). */
function typedState(chars: number, seed: number): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText('body');
  let x = seed;
  for (let i = 0; i < chars / 8; i++) {
    doc.clientID = 1 + (i % 7) + seed * 10;
    x = (x * 1103515245 + 12345) % 2 ** 31;
    text.insert(x % (text.length + 1), x.toString(36).slice(0, 8));
  }
  return Y.encodeStateAsUpdate(doc);
}

function textLength(update: Uint8Array): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('body').length;
}

const digest = (state: StoredState) => ({
  logPosition: state.logPosition,
  logCount: state.logCount,
  updates: state.updates.map((u) => Buffer.from(u).toString('base64')),
});

describe.each(BACKENDS)('stored plans read as binary COPY on $name', (backend) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    const { databaseUrl: url, dataDir } = await backend.fresh();
    // One connection: a copy that left it unable to read would hang every later statement.
    handle = await openDatabase({ url, dataDir, poolSize: 1 });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reads the same snapshot and log tail as the query, read after read, and the connection still answers', async () => {
    expect(handle.copyOut, 'the installed driver carries the copy mend').toBeDefined();
    const docId = 'doc_copyread000001';
    const snapshot = typedState(600_000, 1);
    expect(snapshot.length).toBeGreaterThan(500_000);
    await handle.db.insert(documentSnapshots).values({ documentId: docId, state: snapshot });
    const log = [typedState(40, 2), typedState(200_000, 3), typedState(8, 4)];
    for (const update of log) await handle.db.insert(documentUpdates).values({ documentId: docId, update });
    await handle.db.insert(documentUpdates).values({ documentId: 'doc_someoneelse0001', update: typedState(40, 5) });

    const viaQuery = digest(await readStoredState(handle.db, docId));
    expect(viaQuery.logCount).toBe(3);
    expect(viaQuery.updates).toEqual([snapshot, ...log].map((u) => Buffer.from(u).toString('base64')));
    const read = storedStateReader(handle.db, handle.copyOut);
    for (let i = 0; i < 3; i++) expect(digest(await read(docId)), `copy read ${i + 1}`).toEqual(viaQuery);
    expect(rowsOf<{ ok: number }>(await handle.db.execute(sql`select 1 as ok`))).toEqual([{ ok: 1 }]);

    // The plan as a client gets it: every character of the snapshot and of the log.
    const fromCopy = new Y.Doc();
    for (const u of (await read(docId)).updates) Y.applyUpdate(fromCopy, u);
    expect(fromCopy.getText('body').length).toBe([snapshot, ...log].reduce((n, u) => n + textLength(u), 0));
  });

  it('rejects a copy that fails as it starts or as it runs, throws nothing elsewhere, and the connection answers the next statement', async () => {
    // Both errors come after PostgreSQL has begun the copy; the first in the same read as its start, before the caller
    // holds the stream (the driver's stream then threw an 'error' nobody listened to, which vitest reports).
    for (const failing of ['select 1 / 0', 'select 1 / (g - 3) from generate_series(1, 5) g']) {
      await expect(handle.copyOut!(`copy (${failing}) to stdout (format binary)`)).rejects.toThrow(/division by zero/);
      expect(rowsOf<{ ok: number }>(await handle.db.execute(sql`select 2 as ok`))).toEqual([{ ok: 2 }]);
    }
  });

  it('reads a plan with nothing stored as empty, and an id with a quote through the query path', async () => {
    const read = storedStateReader(handle.db, handle.copyOut);
    expect(digest(await read('doc_nothingstored01'))).toEqual({ logPosition: 0, logCount: 0, updates: [] });
    const odd = "doc_o'brien; select 1";
    const state = typedState(80, 6);
    await handle.db.insert(documentSnapshots).values({ documentId: odd, state });
    expect(digest(await read(odd)).updates).toEqual([Buffer.from(state).toString('base64')]);
  });
});
