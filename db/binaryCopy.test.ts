import { describe, expect, it } from 'vitest';
import { MalformedCopy, parseBinaryCopy } from './binaryCopy.js';

/** A binary COPY of `rows` as PostgreSQL writes it: signature, flags, extension, tuples, trailer. */
function binaryCopy(rows: Array<Array<Uint8Array | null>>, extension = new Uint8Array(0)): Uint8Array {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')];
  const int = (n: number, bytes: 2 | 4) => {
    const b = Buffer.alloc(bytes);
    if (bytes === 2) b.writeInt16BE(n);
    else b.writeInt32BE(n);
    return b;
  };
  parts.push(int(0, 4), int(extension.length, 4), Buffer.from(extension));
  for (const row of rows) {
    parts.push(int(row.length, 2));
    for (const field of row) parts.push(field === null ? int(-1, 4) : Buffer.concat([int(field.length, 4), field]));
  }
  parts.push(int(-1, 2));
  return new Uint8Array(Buffer.concat(parts));
}

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 13 + seed) & 0xff);
const hex = (rows: Array<Array<Uint8Array | null>>) => rows.map((r) => r.map((f) => (f === null ? null : Buffer.from(f).toString('hex'))));

describe('binary COPY rows', () => {
  const rows = [
    [bytes(4, 1), bytes(8, 2), bytes(300, 3)],
    [bytes(4, 4), null, new Uint8Array(0)],
    [bytes(4, 5), bytes(8, 6), bytes(70_000, 7)],
  ];
  const whole = binaryCopy(rows, bytes(3, 9));

  it('reads every row and field, NULL and empty alike, however the bytes are cut into chunks', () => {
    expect(hex(parseBinaryCopy([whole]))).toEqual(hex(rows));
    for (const cut of [1, 2, 11, 19, 20, 23, 24, 27, 300, 327, 40_000, whole.length - 1]) {
      const chunks = [whole.slice(0, cut), whole.slice(cut)];
      expect(hex(parseBinaryCopy(chunks)), `cut at ${cut}`).toEqual(hex(rows));
    }
    const bytewise = Array.from(whole.subarray(0, 400), (b) => Uint8Array.of(b)).concat([whole.slice(400)]);
    expect(hex(parseBinaryCopy(bytewise))).toEqual(hex(rows));
  });

  it('keeps a large field as a view of its chunk and copies a small one out of it', () => {
    const [first, , last] = parseBinaryCopy([whole]);
    expect(last[2]!.buffer).toBe(whole.buffer);
    expect(first[2]!.buffer).not.toBe(whole.buffer);
    expect(first[2]!.buffer.byteLength).toBe(300);
  });

  it('refuses bytes that are not a whole binary COPY', () => {
    expect(() => parseBinaryCopy([Buffer.from('1\tabc\n')])).toThrow(MalformedCopy);
    expect(() => parseBinaryCopy([whole.slice(0, whole.length - 1)])).toThrow('copy ended early');
    expect(() => parseBinaryCopy([whole.slice(0, 1000)])).toThrow(MalformedCopy);
    expect(() => parseBinaryCopy([whole, Uint8Array.of(0)])).toThrow('bytes after the trailer');
    expect(hex(parseBinaryCopy([binaryCopy([])]))).toEqual([]);
  });
});
