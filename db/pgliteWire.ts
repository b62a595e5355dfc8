/**
 * Statements prepared once on an embedded PGlite and run through its wire protocol in one call. PGlite's
 * `query` makes six calls into its WebAssembly backend per statement (parse, describe, bind, describe,
 * execute, sync) and hex-encodes every bytea: half of each update-log commit's CPU on the embedded default.
 * Here a run is one message — Bind/Execute pairs for named statements, then Sync — so the executions share
 * one implicit transaction and one commit, and bytea parameters go as raw bytes.
 */
import type { PGlite } from '@electric-sql/pglite';

export type WireValue = string | Uint8Array | null;

export interface PreparedStatement {
  /** Unique per statement text (the backend keeps statements by name for the session). */
  name: string;
  text: string;
  /** Parameter type OIDs (25 text, 17 bytea, …). */
  types: number[];
}

/** A statement the backend refused, with PostgreSQL's SQLSTATE. */
export class PgliteWireError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PgliteWireError';
  }
}

type Serialize = typeof import('@electric-sql/pglite').protocol.serialize;

/** Runs prepared statements on one PGlite instance (see the file's comment). */
export class PgliteStatements {
  private readonly prepared = new Set<string>();

  constructor(
    private readonly pg: PGlite,
    private readonly serialize: Serialize,
  ) {}

  /**
   * Executes each `[statement, values]` in order, in one transaction; resolves with the first column of every
   * row returned, as text, in order. Rejects with the backend's error (nothing of the run is kept then).
   */
  async run(executions: [PreparedStatement, WireValue[]][]): Promise<string[]> {
    const parts: Uint8Array[] = [];
    const preparing = new Map<string, PreparedStatement>();
    for (const [statement] of executions) {
      if (this.prepared.has(statement.name) || preparing.has(statement.name)) continue;
      preparing.set(statement.name, statement);
      // Closing a statement that does not exist is no error: after a failed run it is unknown which were made.
      parts.push(this.serialize.close({ type: 'S', name: statement.name }));
      parts.push(this.serialize.parse({ name: statement.name, text: statement.text, types: statement.types }));
    }
    for (const [statement, values] of executions) {
      parts.push(this.serialize.bind({ statement: statement.name, values }));
      parts.push(this.serialize.execute());
    }
    parts.push(this.serialize.sync());
    const message = concat(parts);
    // Both locks, as PGlite's own `query` takes them: run outside any open transaction, never inside one.
    const reply = await this.pg._runExclusiveTransaction(() => this.pg._runExclusiveQuery(() => this.pg.execProtocolRaw(message)));
    try {
      const texts = firstColumnTexts(reply);
      for (const name of preparing.keys()) this.prepared.add(name);
      return texts;
    } catch (err) {
      this.prepared.clear();
      throw err;
    }
  }
}

/** The first column of each DataRow in a backend reply, as text; throws its ErrorResponse if it has one. */
export function firstColumnTexts(reply: Uint8Array): string[] {
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  const decoder = new TextDecoder();
  const texts: string[] = [];
  let at = 0;
  while (at + 5 <= reply.byteLength) {
    const type = reply[at];
    const length = view.getInt32(at + 1);
    const body = at + 5;
    if (type === 0x45 /* E */) throw errorFrom(reply.subarray(body, at + 1 + length), decoder);
    if (type === 0x44 /* D */ && view.getInt16(body) > 0) {
      const size = view.getInt32(body + 2);
      texts.push(size < 0 ? '' : decoder.decode(reply.subarray(body + 6, body + 6 + size)));
    }
    at += 1 + length;
  }
  return texts;
}

function errorFrom(fields: Uint8Array, decoder: TextDecoder): PgliteWireError {
  const found = new Map<string, string>();
  let at = 0;
  while (at < fields.length && fields[at] !== 0) {
    const end = fields.indexOf(0, at + 1);
    found.set(String.fromCharCode(fields[at]), decoder.decode(fields.subarray(at + 1, end < 0 ? fields.length : end)));
    at = end < 0 ? fields.length : end + 1;
  }
  return new PgliteWireError(found.get('M') ?? 'the embedded database refused the statement', found.get('C'));
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
