/**
 * Statements run on an embedded PGlite through its wire protocol, one call into its backend each. PGlite's
 * `query` makes six calls per statement (parse, describe, bind, describe, execute, sync), sends bytea as hex
 * text both ways and parses every reply into objects: half of each update-log commit's CPU on the embedded
 * default, and ~50 ms to read a 2 MB plan. Here a run of prepared statements is one message — Bind/Execute pairs,
 * then Sync — so they share one implicit transaction and one commit, and bytes go as they are.
 */
import type { PGlite } from '@electric-sql/pglite';

export type WireValue = string | Uint8Array | null;
type Serialize = typeof import('@electric-sql/pglite').protocol.serialize;

export interface PreparedStatement {
  /** Unique per statement text (the backend keeps statements by name for the session). */
  name: string;
  text: string;
  /** Parameter type OIDs (25 text, 17 bytea, …; 0 or none: as the statement implies). */
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

const ERROR = 0x45; // 'E'
const DATA_ROW = 0x44; // 'D'
const COPY_DATA = 0x64; // 'd'

/** Runs statements on one PGlite instance (see the file's comment). */
export class PgliteWire {
  private readonly prepared = new Set<string>();

  constructor(
    private readonly pg: PGlite,
    private readonly serialize: Serialize,
  ) {}

  /**
   * Executes each `[statement, values]` in order, in one transaction; resolves with every row returned, each a list
   * of its columns as text (null for SQL NULL), in order. Rejects with the backend's error (nothing of the run is
   * kept then).
   */
  async run(executions: [PreparedStatement, WireValue[]][]): Promise<(string | null)[][]> {
    const parts: Uint8Array[] = [];
    const preparing = new Set<string>();
    for (const [statement] of executions) {
      if (this.prepared.has(statement.name) || preparing.has(statement.name)) continue;
      preparing.add(statement.name);
      // Closing a statement that does not exist is no error: after a failed run it is unknown which were made.
      parts.push(this.serialize.close({ type: 'S', name: statement.name }));
      parts.push(this.serialize.parse({ name: statement.name, text: statement.text, types: statement.types }));
    }
    for (const [statement, values] of executions) {
      parts.push(this.serialize.bind({ statement: statement.name, values }));
      parts.push(this.serialize.execute());
    }
    parts.push(this.serialize.sync());
    const rows: (string | null)[][] = [];
    const decoder = new TextDecoder();
    try {
      eachMessage(await this.exchange(Buffer.concat(parts)), (type, body) => {
        if (type !== DATA_ROW) return;
        const view = viewOf(body);
        const row: (string | null)[] = [];
        let at = 2;
        for (let column = view.getInt16(0); column > 0; column--) {
          const size = view.getInt32(at);
          row.push(size < 0 ? null : decoder.decode(body.subarray(at + 4, at + 4 + size)));
          at += 4 + Math.max(0, size);
        }
        rows.push(row);
      });
    } catch (err) {
      this.prepared.clear();
      throw err;
    }
    for (const name of preparing) this.prepared.add(name);
    return rows;
  }

  /**
   * Runs one `COPY … TO STDOUT` statement and hands back its CopyData payloads, as the binary COPY reader takes
   * them (db/binaryCopy.ts): a stored plan's megabytes arrive as stored.
   */
  async copyOut(statement: string): Promise<Uint8Array[]> {
    const chunks: Uint8Array[] = [];
    eachMessage(await this.exchange(this.serialize.query(statement)), (type, body) => {
      if (type === COPY_DATA) chunks.push(body);
    });
    return chunks;
  }

  /**
   * Sends a message and returns the backend's reply. Both of PGlite's locks are held, as its own `query` holds
   * them: this runs outside any open transaction, never inside one. The raw stream is read directly; PGlite's
   * other raw calls parse every reply into objects that it keeps until its next regular query.
   */
  private exchange(message: Uint8Array): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    return this.pg._runExclusiveTransaction(() =>
      this.pg._runExclusiveQuery(async () => {
        // Each chunk is a view of the backend's memory, reused for the next one: copied.
        await this.pg.execProtocolRawStream(message, { onRawData: (data) => void chunks.push(data.slice()) });
        return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      }),
    );
  }
}

const wires = new WeakMap<PGlite, PgliteWire>();

/** Opens the wire of a PGlite instance (db/client.ts does, once per database). */
export function attachWire(pg: PGlite, serialize: Serialize): PgliteWire {
  const wire = new PgliteWire(pg, serialize);
  wires.set(pg, wire);
  return wire;
}

/** The wire of the PGlite instance behind a Drizzle handle, if it has one (none on PostgreSQL). */
export function wireOf(db: object): PgliteWire | undefined {
  const client = (db as { $client?: unknown }).$client;
  return client && typeof client === 'object' ? wires.get(client as PGlite) : undefined;
}

/** Walks the messages of a reply; throws the first ErrorResponse. */
function eachMessage(reply: Uint8Array, visit: (type: number, body: Uint8Array) => void): void {
  const view = viewOf(reply);
  let at = 0;
  while (at + 5 <= reply.byteLength) {
    const type = reply[at];
    const length = view.getInt32(at + 1);
    // A length counts itself: anything shorter is not a message, and walking on could loop forever.
    if (length < 4) throw new PgliteWireError(`a reply message of length ${length}`, undefined);
    const end = at + 1 + length;
    const body = reply.subarray(at + 5, end);
    if (type === ERROR) throw errorFrom(body);
    visit(type, body);
    at = end;
  }
}

function errorFrom(fields: Uint8Array): PgliteWireError {
  const decoder = new TextDecoder();
  const found = new Map<string, string>();
  let at = 0;
  while (at < fields.length && fields[at] !== 0) {
    const end = fields.indexOf(0, at + 1);
    const stop = end < 0 ? fields.length : end;
    found.set(String.fromCharCode(fields[at]), decoder.decode(fields.subarray(at + 1, stop)));
    at = stop + 1;
  }
  return new PgliteWireError(found.get('M') ?? 'the embedded database refused the statement', found.get('C'));
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
