/**
 * A migrated, empty PGlite cluster kept as a tarball, so a fresh embedded database starts in about a
 * second instead of running initdb and every migration again. Cached on disk per migration set.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

let memo: Promise<Blob> | undefined;

function migrationsHash(folder: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(folder).sort()) if (f.endsWith('.sql')) h.update(f).update(readFileSync(join(folder, f)));
  h.update(readFileSync(join(folder, 'meta', '_journal.json')));
  return h.digest('hex').slice(0, 16);
}

/** The template for this migration set: from the disk cache, or built once with `migrate`. */
export function pgliteTemplate(migrationsFolder: string, migrate: (pg: PGlite) => Promise<void>): Promise<Blob> {
  memo ??= (async () => {
    const file = join(tmpdir(), `enlace-pglite-${migrationsHash(migrationsFolder)}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const pg = new PGlite();
    await migrate(pg);
    const blob = await pg.dumpDataDir('none');
    await pg.close();
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file); // atomic: concurrent processes never read a half-written template
    return blob;
  })();
  return memo;
}

/** Whether a PGlite data folder is new (nothing initialized in it yet). */
export function isFreshDataDir(dir: string): boolean {
  return !existsSync(join(dir, 'PG_VERSION'));
}
