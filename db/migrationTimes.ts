/**
 * Drizzle's migrator applies a migration only when its journal time is later than the latest time recorded in the
 * database. Migration 0008's journal time was 20 days ahead of its neighbours, so every database that ran it recorded
 * a time later than the migrations written after it: migration 0016 (and any later one) would have been skipped on
 * every existing database, and one migrated when 0008 was the last skipped 0009 to 0015 as well. The journal now holds
 * 0008's true time, and this puts the same time in databases that recorded the wrong one, before migrating.
 */

/** Journal times that were wrong, and what they are now. */
export const CORRECTED_MIGRATION_TIMES: ReadonlyArray<{ tag: string; wrong: number; right: number }> = [
  { tag: '0008_nfd_search_folding', wrong: 1797738707455, right: 1796010708455 },
];

/** Runs one SQL statement and returns its rows. */
export type RunSql = (statement: string) => Promise<Array<Record<string, unknown>>>;

/** Corrects the recorded times of migrations whose journal time was wrong; a database never migrated is left alone. */
export async function correctMigrationTimes(run: RunSql): Promise<void> {
  const [found] = await run(`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`);
  if (!found?.exists) return;
  for (const { wrong, right } of CORRECTED_MIGRATION_TIMES) {
    await run(`update drizzle.__drizzle_migrations set created_at = ${right} where created_at = ${wrong}`);
  }
}
