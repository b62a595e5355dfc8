/** Vitest global setup: installs what is missing, starts one PostgreSQL and one Redis for the run, stops them after. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServerBundle } from './serverBundle.js';
import { ensureInstalled, startPostgres, startRedis, sweepOrphans, type PostgresServer, type RedisServer } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://…/enlace_test` on the shared server; use createTestDatabase() for an isolated database. */
    databaseUrl: string;
    /** `redis://127.0.0.1:PORT`, shared by all test files: namespace keys with uniquePrefix(). */
    redisUrl: string;
  }
}

/** Starts the shared servers, provides their URLs to tests, and returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureInstalled();
  // Servers left by an earlier run that was killed outright (their owning process is gone).
  sweepOrphans();
  const [pg, redis, bundle] = await Promise.allSettled([startPostgres(), startRedis(), buildServerBundle()]);
  if (bundle.status === 'fulfilled') process.env.ENLACE_TEST_SERVER_ENTRY = bundle.value;
  else throw bundle.reason;
  if (pg.status === 'rejected' || redis.status === 'rejected') {
    await Promise.allSettled([pg, redis].map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
    throw pg.status === 'rejected' ? pg.reason : (redis as PromiseRejectedResult).reason;
  }
  const postgres: PostgresServer = pg.value;
  const redisServer: RedisServer = redis.value;
  project.provide('databaseUrl', postgres.url);
  project.provide('redisUrl', redisServer.url);
  // Also for code that is not a test file (scripts spawned by tests); forks inherit this environment.
  process.env.ENLACE_TEST_DATABASE_URL = postgres.url;
  process.env.ENLACE_TEST_REDIS_URL = redisServer.url;
  // Every PGlite data folder a test makes (tempDir) lives in here and goes with the run: they were left behind,
  // ~40 MB each, about 60 per run, until a machine's disk filled up.
  const runTmp = mkdtempSync(join(tmpdir(), 'enlace-test-run-'));
  process.env.ENLACE_TEST_TMP = runTmp;

  return async () => {
    await Promise.allSettled([postgres.dispose(), redisServer.dispose()]);
    // Servers started inside test workers that were killed before they could clean up.
    sweepOrphans();
    rmSync(runTmp, { recursive: true, force: true });
  };
}
