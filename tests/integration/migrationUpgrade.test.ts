/**
 * Upgrading a database an earlier release migrated. Migration 0008's journal time was 20 days ahead of the migrations
 * after it, and Drizzle applies only migrations later than the latest time a database recorded: without the
 * correction (db/migrationTimes.ts), every existing database skipped migration 0016, and one migrated when 0008 was
 * the last skipped 0009 to 0015 too.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../db/client.js';
import { CORRECTED_MIGRATION_TIMES } from '../../db/migrationTimes.js';
import { projectRoot } from '../../db/projectRoot.js';
import { createTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/server.js';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}
const migrations = join(projectRoot(), 'db', 'migrations');
const journalOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };

/** The migrations folder as a release that shipped migrations up to `lastTag` had it: 0008 with its wrong time. */
function releasedMigrations(lastTag: string): string {
  const folder = tempDir();
  cpSync(migrations, folder, { recursive: true });
  const journal = journalOf(folder);
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1).map((e) => ({ ...e, when: CORRECTED_MIGRATION_TIMES.find((c) => c.tag === e.tag)?.wrong ?? e.when }));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

/** Whether the upgraded database has what migrations 0009 and 0016 made. */
async function hasLaterMigrations(handle: DatabaseHandle): Promise<{ idempotentRequests: boolean; mentionNames: boolean }> {
  const [row] = rowsOf<{ idempotent: boolean; mention: boolean }>(
    await handle.db.execute(sql`select to_regclass('idempotent_requests') is not null as idempotent,
      exists (select 1 from information_schema.columns where table_name = 'comments' and column_name = 'mention_names') as mention`),
  );
  return { idempotentRequests: row.idempotent, mentionNames: row.mention };
}

describe('migration journal', () => {
  it('has strictly increasing times, as Drizzle needs to apply each new migration to existing databases', () => {
    const times = journalOf(migrations).entries.map((e) => e.when);
    for (let i = 1; i < times.length; i++) expect(times[i], journalOf(migrations).entries[i].tag).toBeGreaterThan(times[i - 1]);
  });
});

describe.each(['0015_invitation_sign_up', '0008_nfd_search_folding'])('a database an earlier release migrated up to %s', (lastTag) => {
  it('on embedded PGlite, gets every later migration', async () => {
    const dataDir = tempDir();
    const old = new PGlite({ dataDir });
    await migratePglite(drizzlePglite(old), { migrationsFolder: releasedMigrations(lastTag) });
    const before = await old.query<{ n: number }>(`select count(*)::int as n from information_schema.columns where table_name = 'comments' and column_name = 'mention_names'`);
    expect(before.rows[0].n).toBe(0);
    await old.close();

    const handle = await openDatabase({ dataDir });
    try {
      expect(await hasLaterMigrations(handle)).toEqual({ idempotentRequests: true, mentionNames: true });
    } finally {
      await handle.close();
    }
  });

  it('on PostgreSQL, gets every later migration', async () => {
    const database = await createTestDatabase();
    const old = postgres(database.url, { max: 1, onnotice: () => undefined });
    try {
      await migratePostgres(drizzlePostgres(old), { migrationsFolder: releasedMigrations(lastTag) });
    } finally {
      await old.end();
    }
    const handle = await openDatabase({ url: database.url });
    try {
      expect(await hasLaterMigrations(handle)).toEqual({ idempotentRequests: true, mentionNames: true });
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
