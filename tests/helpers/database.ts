/** Isolated PostgreSQL databases on the shared test server, one per test file (or per test) that needs it. */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';

/** A database created for one test; drop() removes it (closing any connections still open). */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function adminUrlOf(serverUrl: string): string {
  const u = new URL(serverUrl);
  u.pathname = '/postgres';
  return u.toString();
}

async function onAdmin<T>(serverUrl: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrlOf(serverUrl), { max: 1, onnotice: () => undefined });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** Creates an empty database `enlace_<random>` on the server of `serverUrl` (default: the run's shared server). */
export async function createTestDatabase(serverUrl: string = inject('databaseUrl')): Promise<TestDatabase> {
  const name = `enlace_${randomBytes(6).toString('hex')}`;
  await onAdmin(serverUrl, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: async () => {
      await onAdmin(serverUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
