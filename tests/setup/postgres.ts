/** Throwaway PostgreSQL servers in temp folders, stoppable and restartable on the same port and data. */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { ensureInstalled, findPostgresBin, runQuiet, serviceUser } from './install.js';
import { freePort } from './ports.js';
import { makeServiceDir, tagServiceDir } from './serviceDirs.js';

/** A running (or stopped) throwaway PostgreSQL server. */
export interface PostgresServer {
  /** URL of the database created at start (`enlace_test` unless asked otherwise). */
  url: string;
  /** URL of the `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  host: string;
  port: number;
  /** Temp folder holding the data directory, the unix socket and the log. */
  dir: string;
  /** Stops the server and keeps its data; 'fast' (default) is a clean shutdown, 'immediate' a crash-like one. */
  stop(opts?: { mode?: 'fast' | 'immediate' }): Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(opts?: { mode?: 'fast' | 'immediate' }): Promise<void>;
  /** Stops the server and deletes its folder (also done at process exit for servers not disposed). */
  dispose(): Promise<void>;
  /** The server log so far, for failure messages. */
  log(): string;
}

/** Options of startPostgres. */
export interface StartPostgresOptions {
  /** Database created once the server is up; default `enlace_test`. */
  database?: string;
}

interface Instance {
  dir: string;
  bin: string;
  user: { uid: number; gid: number } | undefined;
  running: boolean;
}

const live = new Set<Instance>();
let exitHookInstalled = false;

/** Last resort when a process exits without disposing its servers: stop them at once and remove their folders. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const inst of live) {
      if (inst.running) spawnSync(join(inst.bin, 'pg_ctl'), ['-D', join(inst.dir, 'data'), '-m', 'immediate', '-w', 'stop'], spawnOpts(inst));
      rmSync(inst.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });
}

function spawnOpts(inst: Instance): { cwd: string; env: NodeJS.ProcessEnv; uid?: number; gid?: number; stdio: 'ignore' } {
  // HOME and cwd inside the temp folder: the postgres user may not be allowed into root's folders.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: inst.dir, LANG: 'C', LC_ALL: 'C', TZ: 'UTC' };
  return { cwd: inst.dir, env, stdio: 'ignore', ...(inst.user ?? {}) };
}

function pgCtl(inst: Instance, args: string[]): Promise<string> {
  const { stdio: _stdio, ...opts } = spawnOpts(inst);
  return runQuiet(join(inst.bin, 'pg_ctl'), ['-D', join(inst.dir, 'data'), ...args], opts);
}

function readLog(inst: Instance): string {
  const file = join(inst.dir, 'postgres.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function writePortConfig(inst: Instance, port: number): void {
  // Kept in an included file so a port retry can rewrite it; everything else is fixed for the server's life.
  const conf = [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = '${inst.dir}'`,
    `max_connections = 200`,
    // Durability tests kill the server and expect committed data back: keep the safe defaults explicit.
    `fsync = on`,
    `synchronous_commit = on`,
    `full_page_writes = on`,
    `log_min_messages = warning`,
  ].join('\n');
  const file = join(inst.dir, 'data', 'enlace.conf');
  writeFileSync(file, `${conf}\n`);
  if (inst.user) chownSync(file, inst.user.uid, inst.user.gid);
}

async function startServer(inst: Instance): Promise<void> {
  try {
    await pgCtl(inst, ['-l', join(inst.dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    inst.running = true;
  } catch (err) {
    throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n--- log ---\n${readLog(inst).slice(-3000)}`);
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await sql.end();
  }
}

/** Creates the cluster in inst.dir and starts it; returns the port it finally listens on. */
async function initAndStart(inst: Instance, firstPort: number): Promise<number> {
  if (inst.user) chownSync(inst.dir, inst.user.uid, inst.user.gid);
  chmodSync(inst.dir, 0o700);
  const { stdio: _stdio, ...opts } = spawnOpts(inst);
  // --no-sync only skips flushing initdb's own files; the server itself runs with fsync on.
  await runQuiet(join(inst.bin, 'initdb'), ['-D', join(inst.dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8',
    '--locale=C', '--no-sync', '--no-instructions'], opts);
  appendFileSync(join(inst.dir, 'data', 'postgresql.conf'), `\ninclude 'enlace.conf'\n`);
  // The free port can be taken between probing and binding (parallel workers): retry a few times with another.
  let port = firstPort;
  for (let attempt = 1; ; attempt++) {
    writePortConfig(inst, port);
    tagServiceDir(inst.dir, 'postgres', port);
    try {
      await startServer(inst);
      return port;
    } catch (err) {
      if (attempt >= 3 || !/could not bind|already in use/i.test(readLog(inst))) throw err;
      port = await freePort();
    }
  }
}

/** Starts a fresh PostgreSQL (newest installed version) on a free loopback port with trust auth, user `postgres`. */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresServer> {
  await ensureInstalled();
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
  const database = opts.database ?? 'enlace_test';
  let port = await freePort();
  const inst: Instance = { dir: makeServiceDir('postgres', port), bin, user: serviceUser(), running: false };
  live.add(inst);
  installExitHook();
  try {
    port = await initAndStart(inst, port);
  } catch (err) {
    live.delete(inst);
    rmSync(inst.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    throw err;
  }

  const host = '127.0.0.1';
  const adminUrl = `postgres://postgres@${host}:${port}/postgres`;
  const server: PostgresServer = {
    url: `postgres://postgres@${host}:${port}/${database}`,
    adminUrl,
    host,
    port,
    dir: inst.dir,
    async stop({ mode = 'fast' } = {}) {
      if (!inst.running) return;
      await pgCtl(inst, ['-m', mode, '-w', '-t', '60', 'stop']);
      inst.running = false;
    },
    async start() {
      if (!inst.running) await startServer(inst);
    },
    async restart(o) {
      await server.stop(o);
      await server.start();
    },
    async dispose() {
      await server.stop();
      live.delete(inst);
      rmSync(inst.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
    log: () => readLog(inst),
  };
  try {
    if (database !== 'postgres') await createDatabase(adminUrl, database);
  } catch (err) {
    await server.dispose();
    throw err;
  }
  return server;
}
