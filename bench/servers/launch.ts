/** Starts each server under test in its own child process and hands back what clients need to reach it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, mkdirSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverBuildOptions } from '../../server/serverBundle.mjs';
import { answers, bootstrapEnlace, createEnlaceDocuments, type EnlaceSession } from './enlaceApi.js';
import { freshDatabaseUrl } from './database.js';

export type ServerKind = 'enlace' | 'yws' | 'hocuspocus';
export type DbKind = 'pglite' | 'postgres';

/** Which server to run; `db` applies to Enlace only. */
export interface ServerSpec {
  kind: ServerKind;
  db?: DbKind;
}

/** What clients and meters need to know about a running server. */
export interface ServerHandle {
  spec: ServerSpec;
  label: string;
  pid: number;
  port: number;
  wsUrl: string;
  httpUrl: string;
  enlace?: EnlaceSession;
  logPath: string;
  createDocs(count: number): Promise<string[]>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A display label: `enlace`, `enlace-pg`, `yws`, `hocuspocus`. */
export function labelOf(spec: ServerSpec): string {
  return spec.kind === 'enlace' && spec.db === 'postgres' ? 'enlace-pg' : spec.kind;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, logPath: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering; see ${logPath}`);
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms; see ${logPath}`);
}

/** The Node flags `npm start` runs Enlace with (package.json), so the bench measures what ships. */
function startFlags(): string[] {
  // BENCH_ENLACE_FLAGS="…" replaces them, to try other flags.
  if (process.env.BENCH_ENLACE_FLAGS !== undefined) return process.env.BENCH_ENLACE_FLAGS.split(' ').filter(Boolean);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts.start.split(/\s+/).filter((arg) => arg.startsWith('--'));
}

let bundle: Promise<string> | undefined;
/**
 * Builds the server bundle once per bench process, as `npm start` builds dist/server, into a directory of its
 * own: a test run rebuilding dist/server-test meanwhile must not swap the code under a running benchmark.
 */
function enlaceBundle(): Promise<string> {
  // BENCH_ENLACE_BUNDLE=<main.js>: run another build (say, of an earlier commit, in a worktree) to compare the two.
  if (process.env.BENCH_ENLACE_BUNDLE) return Promise.resolve(process.env.BENCH_ENLACE_BUNDLE);
  const outdir = join(repoRoot, 'dist/server-bench');
  bundle ??= build(serverBuildOptions(repoRoot, outdir)).then(() => join(outdir, 'main.js'));
  return bundle;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts one server, waits until it answers, and (for Enlace) bootstraps an admin and a workspace. */
export async function startServer(spec: ServerSpec): Promise<ServerHandle> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${spec.kind}-`));
  const logDir = join(repoRoot, 'bench', 'results', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `${labelOf(spec)}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const port = await freePort();
  // Enlace logs at warn, like the peers (which log nothing per request).
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  let entry: string;
  let readyPath = '/';
  if (spec.kind === 'enlace') {
    entry = 'server/main.ts';
    readyPath = '/api/health';
    env.DATA_DIR = join(dir, 'data');
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    if (spec.db === 'postgres') env.DATABASE_URL = await freshDatabaseUrl();
  } else {
    entry = `bench/servers/${spec.kind === 'yws' ? 'ywsServer' : 'hocuspocusServer'}.ts`;
  }
  const httpUrl = `http://127.0.0.1:${port}`;
  const launch = async (): Promise<ChildProcess> => {
    const fd = openSync(logPath, 'a');
    // Enlace runs as `npm start` runs it: the compiled bundle with plain Node (the peers' tiny wrappers go through tsx).
    const args = spec.kind === 'enlace' ? [...startFlags(), await enlaceBundle()] : ['--import', 'tsx', entry];
    // BENCH_CPU_PROF=<dir>: every server writes a V8 CPU profile there when it exits (open in Chrome DevTools).
    if (process.env.BENCH_CPU_PROF) args.unshift('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${labelOf(spec)}-${Date.now()}.cpuprofile`);
    // BENCH_NODE_ARGS: extra Node flags for every server (e.g. --perf-basic-prof to profile with Linux perf).
    if (process.env.BENCH_NODE_ARGS) args.unshift(...process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean));
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    try {
      await waitReady(httpUrl + readyPath, child, logPath);
    } catch (err) {
      await stopChild(child);
      throw err;
    }
    return child;
  };
  let child = await launch();
  const enlace = spec.kind === 'enlace' ? await bootstrapEnlace(httpUrl) : undefined;
  let docCounter = 0;
  const handle: ServerHandle = {
    spec,
    label: labelOf(spec),
    get pid() {
      return child.pid ?? -1;
    },
    port,
    wsUrl: spec.kind === 'enlace' ? `ws://127.0.0.1:${port}/yjs` : `ws://127.0.0.1:${port}`,
    httpUrl,
    enlace,
    logPath,
    async createDocs(count: number): Promise<string[]> {
      if (enlace) return createEnlaceDocuments(httpUrl, enlace, count);
      const stamp = Date.now().toString(36);
      return Array.from({ length: count }, () => `bench-${stamp}-${docCounter++}`);
    },
    async restart(): Promise<void> {
      await stopChild(child);
      child = await launch();
    },
    async stop(): Promise<void> {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
