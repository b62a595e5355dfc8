/** One throwaway PostgreSQL per bench invocation, and a fresh database in it for each Enlace start. */
import postgres from 'postgres';
import { startBenchPostgres, type PostgresHandle } from './postgres.js';

let instance: Promise<PostgresHandle> | null = null;
let counter = 0;

/** A `postgres://` URL of a new, empty database on the shared throwaway PostgreSQL. */
export async function freshDatabaseUrl(): Promise<string> {
  instance ??= startBenchPostgres();
  const pg = await instance;
  const name = `bench_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(pg.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Stops the throwaway PostgreSQL if this run started one. */
export async function stopDatabase(): Promise<void> {
  if (!instance) return;
  const pg = await instance;
  instance = null;
  await pg.stop();
}
