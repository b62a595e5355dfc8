/** One factory for the database: embedded PGlite in a data folder, or a real PostgreSQL by URL. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './dataDirLock.js';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { copyOutFor, type CopyOut } from './binaryCopy.js';
import { projectRoot } from './projectRoot.js';
import * as schema from './schema.js';
import { correctMigrationTimes } from './migrationTimes.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: what commands run against. */
export type Executor = Database | Transaction;

/** Rows one statement changes by a list of ids: each id is a bound parameter, and the driver takes at most 65,534. */
export const ROWS_PER_STATEMENT = 10_000;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Cheap liveness probe for /api/health. */
  ping(): Promise<boolean>;
  /** Closes; queries still running after `timeoutSeconds` are cancelled (PostgreSQL). */
  close(timeoutSeconds?: number): Promise<void>;
  /** Binary COPY out: how large stored plans are read. */
  copyOut?: CopyOut;
}

const BYTEA_OID = 17;
/**
 * PGlite's own bytea text codec goes byte by byte through strings (`Array.from(…).map(toString(16))`, and one
 * `parseInt` per byte back): a 30 MB update took ~8 s to store with the event loop blocked, as PGlite runs in
 * this process. Node's hex codec does the same in native code (~0.1 s).
 */
const fastBytea = {
  serializers: {
    [BYTEA_OID]: (x: unknown): string => {
      if (!(x instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
      return '\\x' + Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');
    },
  },
  parsers: {
    [BYTEA_OID]: (x: string): Uint8Array => {
      const bytes = Buffer.from(x.slice(2), 'hex');
      // Small buffers live in Node's shared pool: copied, so `.buffer` is this value's alone.
      return bytes.length < 4096 ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  },
};

/** Rows of a raw query on either driver (PGlite returns {rows}, postgres-js an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

const migrationsFolder = join(projectRoot(), 'db', 'migrations');

/**
 * PGlite's default 128 MB of shared buffers filled up as plans were read and stayed resident (the process grew to
 * 450–640 MB). The files are in the OS page cache anyway, so a cache miss here costs a copy, not a disk read.
 */
const EMBEDDED_SHARED_BUFFERS = '32MB';

export interface DatabaseOptions {
  /** postgres://… for a real server; unset for embedded PGlite. */
  url?: string;
  /** Folder for PGlite's files; unset with no url means in-memory (tests). */
  dataDir?: string;
  /** Connections in the pool (PostgreSQL only). */
  poolSize?: number;
}

/** Opens the database and applies migrations. */
export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 60,
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    // Several nodes may start together: serialize migrations on a session advisory lock held by one connection.
    const migrator = postgres(opts.url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await migrator`select pg_advisory_lock(727274)`;
      await correctMigrationTimes(async (statement) => [...(await migrator.unsafe(statement))]);
      await migratePostgres(drizzlePostgres(migrator, { schema }), { migrationsFolder });
      await migrator`select pg_advisory_unlock(727274)`;
    } finally {
      await migrator.end({ timeout: 5 });
    }
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        try {
          await client`select 1`;
          return true;
        } catch {
          return false;
        }
      },
      close: (timeoutSeconds = 5) => client.end({ timeout: timeoutSeconds }),
      copyOut: copyOutFor(client),
    };
  }
  // Loaded only when used: PGlite costs ~40 MB of memory that a PostgreSQL deployment should not pay.
  const [{ PGlite, protocol }, { drizzle: drizzlePglite }, { migrate: migratePglite }, { isFreshDataDir, pgliteTemplate }, durability, { attachWire }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
    import('./pgliteTemplate.js'),
    import('./pgliteDurability.js'),
    import('./pgliteWire.js'),
  ]);
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const release = opts.dataDir ? lockDataDir(opts.dataDir) : undefined;
  const migrate = async (p: PGlite) => {
    await correctMigrationTimes(async (statement) => (await p.query<Record<string, unknown>>(statement)).rows);
    await migratePglite(drizzlePglite(p, { schema }), { migrationsFolder });
  };
  let pg: PGlite;
  try {
    // A new database starts from a migrated template instead of initdb + every migration.
    const loadDataDir = !opts.dataDir || isFreshDataDir(opts.dataDir) ? await pgliteTemplate(migrationsFolder, migrate) : undefined;
    // On disk: commits are synced to it (pgliteDurability), with a small buffer cache (EMBEDDED_SHARED_BUFFERS).
    const onDisk = opts.dataDir
      ? { fs: new durability.DurableNodeFS(opts.dataDir), startParams: [...durability.durableStartParams(), '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`] }
      : {};
    pg = new PGlite({ dataDir: opts.dataDir, loadDataDir, ...onDisk, ...fastBytea });
    await migrate(pg); // no-op on the template; applies new migrations to an existing folder
  } catch (err) {
    release?.();
    throw err;
  }
  const db = drizzlePglite(pg, { schema }) as unknown as Database;
  // The update log's inserts and plan reads go through PGlite's wire protocol (pgliteWire.ts).
  const wire = attachWire(pg, protocol.serialize);
  return {
    db,
    kind: 'pglite',
    copyOut: (statement) => wire.copyOut(statement),
    ping: async () => {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      try {
        await pg.close();
      } finally {
        release?.();
      }
    },
  };
}
