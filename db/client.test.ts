import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from './client.js';
import { processStartOf } from './dataDirLock.js';
import { embeddedDiskSyncs } from './pgliteDurability.js';

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

describe('embedded PGlite on disk', () => {
  it('syncs every commit to the disk before it returns, with fsync on and a small buffer cache', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'enlace-sync-')), 'pglite');
    const handle = await openDatabase({ dataDir: dir });
    try {
      const settings = rowsOf<{ name: string; setting: string }>(
        await handle.db.execute(sql`select name, setting from pg_settings where name in ('fsync', 'wal_sync_method', 'shared_buffers') order by name`),
      );
      expect(settings).toEqual([
        { name: 'fsync', setting: 'on' },
        { name: 'shared_buffers', setting: '4096' }, // 8 kB pages: 32 MB
        { name: 'wal_sync_method', setting: 'fsync' },
      ]);
      await handle.db.execute(sql`create table sync_probe (n int)`);
      for (let i = 0; i < 5; i++) {
        const before = embeddedDiskSyncs();
        await handle.db.execute(sql`insert into sync_probe values (${i})`);
        expect(embeddedDiskSyncs(), `commit ${i} synced`).toBeGreaterThan(before);
      }
      // A read commits nothing and syncs nothing.
      const before = embeddedDiskSyncs();
      expect(rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from sync_probe`))[0].n).toBe(5);
      expect(embeddedDiskSyncs()).toBe(before);
    } finally {
      await handle.close();
    }
  });
});

describe('embedded database folder lock', () => {
  it('lets one process at a time open a folder, and takes over the lock of a process that is gone', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'enlace-lock-')), 'pglite');
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in this process/);
    await first.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);

    // Another live process holds it (as a second `npm start` would find the first): refused, naming that process.
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      writeFileSync(`${dir}.lock`, `${other.pid}\n`);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(new RegExp(`pid ${other.pid}.*stop it first`));
      const started = processStartOf(other.pid!);
      expect(started).toMatch(/^\d+$/);
      writeFileSync(`${dir}.lock`, `${other.pid} ${started}\n`);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(new RegExp(`pid ${other.pid}.*stop it first`));
      // The lock's process is gone and its pid now belongs to another one (a restarted container): taken over.
      writeFileSync(`${dir}.lock`, `${other.pid} ${Number(started) - 1}\n`);
      const reused = await openDatabase({ dataDir: dir });
      expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(`${process.pid} ${processStartOf(process.pid)}`);
      await reused.close();
    } finally {
      other.kill('SIGKILL');
      await once(other, 'exit');
    }
    // A lock just made and not yet given its pid: another process is opening the folder right now.
    writeFileSync(`${dir}.lock`, '');
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/Another process is opening the database/);
    // The same, a minute old: left by a crash between creating it and writing the pid, so stale and taken over.
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${dir}.lock`, minuteAgo, minuteAgo);
    await (await openDatabase({ dataDir: dir })).close();

    // A lock whose process is gone (kill -9): stale and taken over; what was stored is there.
    writeFileSync(`${dir}.lock`, `${other.pid}\n`);
    const again = await openDatabase({ dataDir: dir });
    expect(readFileSync(`${dir}.lock`, 'utf8').trim().split(' ')[0]).toBe(String(process.pid));
    expect(rowsOf<{ n: number }>(await again.db.execute(sql`select 1 as n`))[0].n).toBe(1);
    await again.close();
  });
});
