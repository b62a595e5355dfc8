/**
 * The update log's multi-row INSERT, sent straight to the driver. Through the query builder, every
 * batch mapped each row, built SQL chunk by chunk and rendered it again: about a tenth of the server's CPU
 * with 400 busy plans. Here the SQL text is built once per batch size and cached; parameters go as they are.
 * Either driver (postgres-js or PGlite) is found on the Drizzle handle; anything else uses the builder.
 * On PGlite the statements are prepared once and run through its wire protocol (see pgliteExecutions).
 */
import type { Database } from '../../db/client.js';
import { wireOf, type PreparedStatement, type WireValue } from '../../db/pgliteWire.js';
import { auditEvents, documentUpdates } from '../../db/schema.js';
import type { LogEntry } from './updateLog.js';

type Row = Record<string, unknown>;

interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): PromiseLike<Row[]>;
  array(values: unknown[], type: number): unknown;
}

const TEXT_OID = 25;
const BYTEA_OID = 17;
/**
 * On PostgreSQL a batch larger than PREPARE_UP_TO_ROWS goes as three arrays, in one statement prepared once: a
 * statement per batch size made the server describe every new one, and with writers flat out (batches of any
 * size) the driver spent 8 % of the node's CPU reading the parameter types back. Rows go in array order, so
 * their ids come back in the batch's order.
 */
const UNNEST_TEXT =
  'insert into "document_updates" ("document_id", "update", "user_id") ' +
  'select d, u, w from unnest($1::text[], $2::bytea[], $3::text[]) with ordinality as r(d, u, w, n) order by n returning "id"';

/** Statements of up to this many rows are prepared once per connection and reused (larger ones are rare). */
const PREPARE_UP_TO_ROWS = 16;

const texts = new Map<number, string>();

/** `insert … values ($1, $2, $3), … returning id` for `rows` rows, cached by size. */
function insertText(rows: number): string {
  let text = texts.get(rows);
  if (!text) {
    const tuples: string[] = [];
    for (let i = 0; i < rows; i++) tuples.push(`($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
    text = `insert into "document_updates" ("document_id", "update", "user_id") values ${tuples.join(', ')} returning "id"`;
    texts.set(rows, text); // callers ask for at most PREPARE_UP_TO_ROWS rows
  }
  return text;
}

function paramsOf(batch: LogEntry[]): unknown[] {
  const params: unknown[] = new Array(batch.length * 3);
  for (let i = 0; i < batch.length; i++) {
    const e = batch[i];
    params[i * 3] = e.documentId;
    // Both drivers take a Uint8Array as bytea (postgres-js infers the type from it).
    params[i * 3 + 1] = e.update;
    params[i * 3 + 2] = e.userId;
  }
  return params;
}

/** postgres-js's Sql (a function with `unsafe`) behind the Drizzle handle, if that is the driver. */
function postgresClientOf(db: Database): PostgresJsClient | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return typeof client === 'function' && typeof (client as Partial<PostgresJsClient>).unsafe === 'function' ? (client as unknown as PostgresJsClient) : undefined;
}

const pgliteStatements = new Map<number, PreparedStatement>();

/**
 * On PGlite a batch goes as prepared statements of up to PREPARE_UP_TO_ROWS rows, all in one message and one
 * commit (db/pgliteWire.ts): no statement text to parse per batch, and no hex encoding of the updates.
 */
function pgliteExecutions(batch: LogEntry[]): [PreparedStatement, WireValue[]][] {
  const executions: [PreparedStatement, WireValue[]][] = [];
  for (let from = 0; from < batch.length; from += PREPARE_UP_TO_ROWS) {
    const rows = batch.slice(from, from + PREPARE_UP_TO_ROWS);
    let statement = pgliteStatements.get(rows.length);
    if (!statement) {
      statement = { name: `enlace_log_insert_${rows.length}`, text: insertText(rows.length), types: rows.flatMap(() => [TEXT_OID, BYTEA_OID, TEXT_OID]) };
      pgliteStatements.set(rows.length, statement);
    }
    executions.push([statement, paramsOf(rows) as WireValue[]]);
  }
  return executions;
}

/** Inserts a batch of log entries in one commit; resolves with their ids, in order. */
export function logInserter(db: Database): (batch: LogEntry[]) => Promise<number[]> {
  const plain = plainInserter(db);
  return (batch) => {
    for (const e of batch) if (e.audit) return insertAudited(db, batch);
    return plain(batch);
  };
}

/**
 * A batch with updates that open editing sessions: the log rows and those sessions' audit entries in one transaction,
 * through the query builder (a few a quarter-hour per person, so the prepared fast path is not worth a second copy).
 */
async function insertAudited(db: Database, batch: LogEntry[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(documentUpdates)
      .values(batch.map((e) => ({ documentId: e.documentId, update: e.update, userId: e.userId })))
      .returning({ id: documentUpdates.id });
    const sessions = batch.flatMap((e) => (e.audit && e.userId ? [{ ...e.audit, actorId: e.userId, documentId: e.documentId }] : []));
    if (sessions.length) {
      await tx.insert(auditEvents).values(
        sessions.map((s) => ({ actorId: s.actorId, organizationId: s.organizationId, workspaceId: s.workspaceId, action: 'document.edited', target: { type: 'document', id: s.documentId }, changes: {} })),
      );
    }
    return rows.map((r) => r.id);
  });
}

/** The log rows alone, straight to the driver. */
function plainInserter(db: Database): (batch: LogEntry[]) => Promise<number[]> {
  const postgres = postgresClientOf(db);
  const ids = (rows: Row[]) => rows.map((r) => Number(r.id));
  if (postgres) {
    return async (batch) => {
      if (batch.length <= PREPARE_UP_TO_ROWS) return ids(await postgres.unsafe(insertText(batch.length), paramsOf(batch), { prepare: true }));
      const columns = [
        postgres.array(batch.map((e) => e.documentId), TEXT_OID),
        postgres.array(batch.map((e) => e.update), BYTEA_OID),
        postgres.array(batch.map((e) => e.userId), TEXT_OID),
      ];
      return ids(await postgres.unsafe(UNNEST_TEXT, columns, { prepare: true }));
    };
  }
  const wire = wireOf(db);
  if (wire) return async (batch) => (await wire.run(pgliteExecutions(batch))).map((row) => Number(row[0]));
  return async (batch) => {
    const rows = await db
      .insert(documentUpdates)
      .values(batch.map((e) => ({ documentId: e.documentId, update: e.update, userId: e.userId })))
      .returning({ id: documentUpdates.id });
    return rows.map((r) => r.id);
  };
}
