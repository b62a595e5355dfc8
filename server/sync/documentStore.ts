/**
 * Reading and folding a document's durable state: the compacted snapshot plus the update-log tail.
 * Compaction reads only from the database (never from memory), so it cannot store a failed load,
 * and it refuses to replace non-empty state with an empty one.
 */
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MalformedCopy, parseBinaryCopy, type CopyOut } from '../../db/binaryCopy.js';
import { rowsOf, type Database, type Executor } from '../../db/client.js';
import { documentContributions, documentSnapshots, documentUpdates } from '../../db/schema.js';
import { foldStoredState, type FoldInput, type FoldOutput } from './stateFold.js';

function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string' && v.startsWith('\\x')) return new Uint8Array(Buffer.from(v.slice(2), 'hex'));
  throw new Error('unexpected bytea value');
}

/**
 * Whether stored bytes say they hold nothing (no structs, no deletions) yet go on: a corrupted value that Yjs
 * would read as an empty update, ignoring the rest. Loaded as empty, the next fold would store the plan's later
 * edits over it for good; such a plan is refused instead (nothing stored over it). Reads two numbers, no decoding.
 */
export function readsAsEmptyButIsNot(bytes: Uint8Array): boolean {
  if (bytes.length <= 2) return false;
  try {
    const decoder = decoding.createDecoder(bytes);
    return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 0;
  } catch (err) {
    void err; // too short to hold even that: Yjs itself refuses it on load
    return false;
  }
}

/** Thrown when a document's stored state cannot be what was stored (see readsAsEmptyButIsNot). */
export class UnreadableStoredState extends Error {}

function checked(documentId: string, bytes: Uint8Array, what: string): Uint8Array {
  if (readsAsEmptyButIsNot(bytes)) throw new UnreadableStoredState(`stored ${what} of ${documentId} is unreadable (${bytes.length} bytes that read as empty); refusing to load or fold it`);
  return bytes;
}

export interface StoredState {
  /** Snapshot first, then log entries in id order. */
  updates: Uint8Array[];
  /** Highest log id read (0 when none). */
  logPosition: number;
  logCount: number;
}

/** Reads a document's stored state (snapshot, then the log tail). */
export type StoredStateReader = (documentId: string) => Promise<StoredState>;

interface StoredRow {
  k: number;
  id: number;
  data: Uint8Array;
}

/** Snapshot and log rows, checked, as a stored state. */
function storedStateOf(documentId: string, rows: StoredRow[]): StoredState {
  let logPosition = 0;
  let logCount = 0;
  const updates = rows.map((r) => {
    if (r.k === 1) {
      logCount++;
      logPosition = Math.max(logPosition, r.id);
    }
    return checked(documentId, r.data, r.k === 1 ? `update ${r.id}` : 'snapshot');
  });
  return { updates, logPosition, logCount };
}

/** One statement for snapshot and log tail, so a concurrent compaction cannot slip between them. */
const storedRowsQuery = (documentId: SQL | string) => sql`
    select 0 as k, 0::bigint as id, state as data from document_snapshots where document_id = ${documentId}
    union all
    select 1 as k, id, update as data from document_updates where document_id = ${documentId}
    order by k, id`;

/** Reads snapshot and log tail in one statement. */
export async function readStoredState(db: Executor, documentId: string): Promise<StoredState> {
  const rows = rowsOf<{ k: number; id: string | number; data: unknown }>(await db.execute(storedRowsQuery(documentId)));
  return storedStateOf(
    documentId,
    rows.map((r) => ({ k: Number(r.k), id: Number(r.id), data: toBytes(r.data) })),
  );
}

const dialect = new PgDialect();

/** Ids that may stand in a statement as a literal (ours are `doc_` and 16 of [0-9a-z]); others take the query path. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The same read as one binary COPY when the database offers it (both do; PGlite through its wire): the bytes arrive
 * as stored instead of as hex text. COPY takes no parameters, so the id is a literal, and only a plain one (PLAIN_ID)
 * is read this way.
 */
export function storedStateReader(db: Executor, copyOut: CopyOut | undefined): StoredStateReader {
  if (!copyOut) return (documentId) => readStoredState(db, documentId);
  return async (documentId) => {
    if (!PLAIN_ID.test(documentId)) return readStoredState(db, documentId);
    const query = dialect.sqlToQuery(storedRowsQuery(sql.raw(`'${documentId}'`)));
    const rows = parseBinaryCopy(await copyOut(`copy (${query.sql}) to stdout (format binary)`));
    return storedStateOf(
      documentId,
      rows.map(([k, id, data]) => {
        if (!k || !id || !data) throw new MalformedCopy('a stored row without its key, id or bytes');
        return { k: new DataView(k.buffer, k.byteOffset, 4).getInt32(0), id: Number(new DataView(id.buffer, id.byteOffset, 8).getBigInt64(0)), data };
      }),
    );
  };
}

/**
 * Builds a Y.Doc from stored state. Naming the document (`guid`) spares Yjs drawing a random one: 31 calls to the
 * crypto RNG, ~0.17 ms, per plan loaded.
 */
export function docFromState(state: StoredState, guid?: string): Y.Doc {
  const doc = new Y.Doc(guid ? { guid } : {});
  doc.transact(() => {
    for (const u of state.updates) Y.applyUpdate(doc, u);
  }, 'load');
  return doc;
}

/** Writes a new document's first state (its template) as its snapshot. */
export async function writeInitialState(tx: Executor, documentId: string, state: Uint8Array): Promise<void> {
  await tx.insert(documentSnapshots).values({ documentId, state }).onConflictDoNothing();
}

/** Number of log entries waiting to be folded. */
export async function logLength(db: Executor, documentId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
  return Number(row?.n ?? 0);
}

const EMPTY_UPDATE_BYTES = 2; // Y.encodeStateAsUpdate(new Y.Doc()) is [0, 0]

/**
 * Folds the log into the snapshot. The fold's CPU work (`fold`: in this thread by default; in the server, a worker
 * thread for large plans) runs outside any transaction, on what was read: the snapshot, then every log entry. The write then locks the
 * snapshot row and goes ahead only if the snapshot is still the one folded (another node's fold may have replaced it
 * and deleted entries this one never read); it writes the merged state and deletes exactly the entries read.
 * Returns the entries folded (0 when there were none or another fold came first); `onFolded` hears the bytes read and
 * the bytes of the snapshot written in their place.
 */
export async function compactDocument(
  db: Database,
  documentId: string,
  fold: (input: FoldInput) => Promise<FoldOutput> = foldStoredState,
  onFolded?: (bytes: { read: number; written: number }) => void,
): Promise<number> {
  const readSnapshot = async () => (await db.select({ state: documentSnapshots.state }).from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId)))[0];
  let snapshot = await readSnapshot();
  if (!snapshot) {
    // A document always gets a snapshot at creation; make one if an old row is missing (a deleted plan has no log left).
    await db.insert(documentSnapshots).values({ documentId, state: Y.encodeStateAsUpdate(new Y.Doc()) }).onConflictDoNothing();
    snapshot = await readSnapshot();
    if (!snapshot) return 0;
  }
  const log = await db
    .select({ id: documentUpdates.id, update: documentUpdates.update, userId: documentUpdates.userId })
    .from(documentUpdates)
    .where(eq(documentUpdates.documentId, documentId))
    .orderBy(documentUpdates.id);
  if (!log.length) return 0;
  checked(documentId, snapshot.state, 'snapshot');
  for (const row of log) checked(documentId, row.update, `update ${row.id}`);
  const { merged, snapshotMd5, writers } = await fold({ snapshot: snapshot.state, updates: log.map((r) => r.update), authors: log.map((r) => r.userId) });
  const inputBytes = snapshot.state.byteLength + log.reduce((n, r) => n + r.update.byteLength, 0);
  if (merged.byteLength <= EMPTY_UPDATE_BYTES && inputBytes > EMPTY_UPDATE_BYTES * (log.length + 1)) {
    throw new Error(`refusing to compact ${documentId}: merged state is empty but the inputs were not`);
  }
  const folded = await db.transaction(async (tx) => {
    const locked = rowsOf(await tx.execute(sql`select md5(state) as digest from document_snapshots where document_id = ${documentId} for update`));
    // Replaced meanwhile (or the plan deleted): this fold is stale, the next one folds what is left.
    if ((locked[0] as { digest?: string } | undefined)?.digest !== snapshotMd5) return 0;
    await tx.update(documentSnapshots).set({ state: merged, updatedAt: new Date() }).where(eq(documentSnapshots.documentId, documentId));
    // Keep attribution of the folded range: one row per contributor, with the Yjs clients they wrote with and what
    // they deleted (null from a fold that did not say), so their own edits stay theirs in "since your last visit".
    const written = new Map((writers ?? []).map((w) => [w.userId, w]));
    const byUser = new Map<string, { min: number; max: number; n: number }>();
    for (const r of log) {
      if (!r.userId) continue;
      const c = byUser.get(r.userId) ?? { min: r.id, max: r.id, n: 0 };
      c.min = Math.min(c.min, r.id);
      c.max = Math.max(c.max, r.id);
      c.n++;
      byUser.set(r.userId, c);
    }
    if (byUser.size) {
      await tx.insert(documentContributions).values(
        [...byUser].map(([userId, c]) => ({
          documentId,
          userId,
          minLogId: c.min,
          maxLogId: c.max,
          updates: c.n,
          clients: written.get(userId)?.clients ?? null,
          deletes: written.get(userId)?.deletes ?? null,
        })),
      );
    }
    // Exactly the entries read (an entry committed meanwhile, even with a lower id, stays for the next fold), named
    // in one text parameter: a parameter per id made every fold a new statement for the driver to build and describe.
    const ids = log.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 50_000) {
      const list = ids.slice(i, i + 50_000).join(',');
      await tx.delete(documentUpdates).where(and(eq(documentUpdates.documentId, documentId), sql`${documentUpdates.id} = any(string_to_array(${list}, ',')::bigint[])`));
    }
    return ids.length;
  });
  // Told once committed: what the plan's live copy counts as stored shrinks to what a fold would read next.
  if (folded) onFolded?.({ read: inputBytes, written: merged.byteLength });
  return folded;
}
