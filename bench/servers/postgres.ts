/** A throwaway PostgreSQL for Enlace runs, through the test suite's service starter. */
import { startPostgres } from '../../tests/setup/services.js';

export interface PostgresHandle {
  /** URL of the maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Starts a throwaway PostgreSQL with `startPostgres()` from tests/setup/services.ts. */
export async function startBenchPostgres(): Promise<PostgresHandle> {
  const pg = await startPostgres({ database: 'postgres' });
  return { adminUrl: pg.adminUrl, stop: () => pg.dispose() };
}
