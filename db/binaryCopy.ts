/**
 * Reading rows in PostgreSQL's binary COPY format. A stored plan is one bytea of megabytes: as a query result it
 * travels as hex text (twice its size), is copied into a string and decoded again, ~100 ms for 2 MB in a fresh
 * process; `COPY (…) TO STDOUT (FORMAT binary)` sends the bytes as they are (~40 ms).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Sql } from 'postgres';

/** Runs one `COPY (…) TO STDOUT (FORMAT binary)` statement and hands back what it sent. */
export type CopyOut = (statement: string) => Promise<Uint8Array[]>;

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // "PGCOPY\n\377\r\n\0"
const HEADER_BYTES = SIGNATURE.length + 8; // + flags, + header extension length

/** Thrown when the bytes are not a complete binary COPY. */
export class MalformedCopy extends Error {}

/**
 * Reads the chunks of one binary COPY as rows of fields (null for SQL NULL). A field is a view of its chunk only when
 * it fills at least half of the chunk's memory, else a copy: a small value kept for long must not hold a whole
 * socket read (64 kB) in memory.
 */
export function parseBinaryCopy(chunks: Uint8Array[]): Array<Array<Uint8Array | null>> {
  const reader = new ChunkReader(chunks);
  const header = reader.take(HEADER_BYTES);
  if (!SIGNATURE.every((b, i) => header[i] === b)) throw new MalformedCopy('not a binary COPY');
  reader.take(view(header).getUint32(SIGNATURE.length + 4)); // header extension: none defined yet
  const rows: Array<Array<Uint8Array | null>> = [];
  for (;;) {
    const fields = view(reader.take(2)).getInt16(0);
    if (fields === -1) break; // trailer
    if (fields < 0) throw new MalformedCopy(`bad field count ${fields}`);
    const row: Array<Uint8Array | null> = [];
    for (let f = 0; f < fields; f++) {
      const length = view(reader.take(4)).getInt32(0);
      row.push(length === -1 ? null : owned(reader.take(length)));
    }
    rows.push(row);
  }
  if (!reader.atEnd()) throw new MalformedCopy('bytes after the trailer');
  return rows;
}

const owned = (bytes: Uint8Array) => (bytes.byteLength * 2 >= bytes.buffer.byteLength ? bytes : bytes.slice());
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Sequential reads across chunk boundaries: a view when a read lies in one chunk, else a copy of its pieces. */
class ChunkReader {
  private index = 0;
  private offset = 0;

  constructor(private readonly chunks: Uint8Array[]) {}

  take(length: number): Uint8Array {
    if (length < 0) throw new MalformedCopy(`bad length ${length}`);
    this.skipSpent();
    const chunk = this.chunks[this.index];
    if (chunk && this.offset + length <= chunk.length) {
      const bytes = chunk.subarray(this.offset, this.offset + length);
      this.offset += length;
      return bytes;
    }
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      this.skipSpent();
      const piece = this.chunks[this.index];
      if (!piece) throw new MalformedCopy('copy ended early');
      const n = Math.min(length - filled, piece.length - this.offset);
      out.set(piece.subarray(this.offset, this.offset + n), filled);
      filled += n;
      this.offset += n;
    }
    return out;
  }

  atEnd(): boolean {
    this.skipSpent();
    return this.index >= this.chunks.length;
  }

  private skipSpent(): void {
    while (this.index < this.chunks.length && this.offset >= this.chunks[this.index].length) {
      this.index++;
      this.offset = 0;
    }
  }
}

const PATCH_MARKS = ['/* enlace: copy-done patch */', '/* enlace: copy-error patch */'];

/**
 * COPY for a postgres-js client, when the installed driver carries db/patchPostgresDriver.mjs's mends for copy
 * streams (without them, a copy ending under backpressure leaves its connection unable to read again, and one failing
 * as it starts throws from the driver): else undefined.
 */
export function copyOutFor(client: Sql): CopyOut | undefined {
  if (!driverMendsCopyStreams()) return undefined;
  return async (statement) => {
    const stream = await client.unsafe(statement).readable();
    const chunks: Uint8Array[] = [];
    // Chunk by chunk as they arrive: reading the stream (async iteration) joins what it buffered into one copy.
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    await finished(stream);
    return chunks;
  };
}

function driverMendsCopyStreams(): boolean {
  try {
    // The package's CommonJS entry is cjs/src/index.js; `import` loads src/, which the install patches alike.
    const cjsEntry = createRequire(import.meta.url).resolve('postgres');
    const packageRoot = dirname(dirname(dirname(cjsEntry)));
    return ['src', join('cjs', 'src')].every((dir) => {
      const source = readFileSync(join(packageRoot, dir, 'connection.js'), 'utf8');
      return PATCH_MARKS.every((mark) => source.includes(mark));
    });
  } catch (err) {
    void err; // no readable driver sources: the plain query path is used
    return false;
  }
}
