import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from './client.js';

describe('embedded PGlite bytea codec', () => {
  it('round-trips bytes of every value and size, each read value owning its buffer', async () => {
    const handle = await openDatabase({});
    try {
      const sizes = [0, 1, 255, 4095, 4096, 5000, 1 << 20];
      for (const size of sizes) {
        const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7 + size) % 256);
        const [row] = rowsOf<{ b: Uint8Array; n: number; hex: string }>(
          await handle.db.execute(sql`select ${bytes}::bytea as b, length(${bytes}::bytea) as n, encode(substring(${bytes}::bytea from 1 for 4), 'hex') as hex`),
        );
        expect(row.n, `${size} bytes stored`).toBe(size);
        expect(row.hex).toBe(Buffer.from(bytes.subarray(0, 4)).toString('hex'));
        expect(row.b).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(row.b).equals(Buffer.from(bytes)), `${size} bytes read back`).toBe(true);
        // Not a view into a shared pool: code handing `.buffer` on (postMessage, Yjs decoders) sees only this value.
        expect(row.b.buffer.byteLength).toBe(size);
      }
    } finally {
      await handle.close();
    }
  });
});
