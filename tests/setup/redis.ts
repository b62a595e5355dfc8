/** Throwaway Redis servers (no persistence) as child processes, stoppable and restartable on the same port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, which } from './install.js';
import { freePort, probe, sleep } from './ports.js';
import { makeServiceDir, tagServiceDir } from './serviceDirs.js';

/** A running (or stopped) throwaway Redis server. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  host: string;
  port: number;
  /** Temp folder holding the log and pid file. */
  dir: string;
  /** Stops the server; SIGTERM (default) is a clean shutdown, SIGKILL a crash. */
  stop(opts?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /** Starts the stopped server again on the same port (empty: nothing is persisted). */
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): its connections stay open and nothing answers, as with a hung or blackholed Redis. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** stop() then start(). */
  restart(opts?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /** Stops the server and deletes its folder (also done at process exit for servers not disposed). */
  dispose(): Promise<void>;
  /** The server log so far, for failure messages. */
  log(): string;
}

interface Instance {
  dir: string;
  port: number;
  child: ChildProcess | undefined;
}

const live = new Set<Instance>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const inst of live) {
      inst.child?.kill('SIGKILL');
      rmSync(inst.dir, { recursive: true, force: true });
    }
  });
}

function readLog(inst: Instance): string {
  const file = join(inst.dir, 'redis.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Spawns redis-server and waits until it answers PING; rejects if it exits or stays silent for 20 s. */
async function spawnServer(bin: string, inst: Instance): Promise<void> {
  const child = spawn(bin, [
    '--port', String(inst.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no',
    '--dir', inst.dir, '--logfile', join(inst.dir, 'redis.log'), '--pidfile', join(inst.dir, 'redis.pid'),
  ], { stdio: 'ignore', cwd: inst.dir });
  inst.child = child;
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited) break;
    if ((await probe(inst.port, 'PING\r\n')).startsWith('+PONG')) return;
    await sleep(50);
  }
  child.kill('SIGKILL');
  await waitExit(child);
  inst.child = undefined;
  throw new Error(`redis-server did not start on port ${inst.port}\n--- log ---\n${readLog(inst).slice(-3000)}`);
}

/** Starts a fresh Redis on a free loopback port, with persistence off. */
export async function startRedis(): Promise<RedisServer> {
  await ensureInstalled();
  const bin = which('redis-server');
  if (!bin) throw new Error('redis-server not found');
  const inst: Instance = { dir: makeServiceDir('redis', 0), port: 0, child: undefined };
  live.add(inst);
  installExitHook();
  // The free port can be taken between probing and binding (parallel workers): retry a few times with another.
  for (let attempt = 1; ; attempt++) {
    inst.port = await freePort();
    tagServiceDir(inst.dir, 'redis', inst.port);
    try {
      await spawnServer(bin, inst);
      break;
    } catch (err) {
      if (attempt >= 3) {
        live.delete(inst);
        rmSync(inst.dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  const host = '127.0.0.1';
  const server: RedisServer = {
    url: `redis://${host}:${inst.port}`,
    host,
    port: inst.port,
    dir: inst.dir,
    async stop({ signal = 'SIGTERM' } = {}) {
      const child = inst.child;
      if (!child) return;
      // A paused server would only act on SIGTERM once running again.
      child.kill('SIGCONT');
      child.kill(signal);
      const killed = await Promise.race([waitExit(child).then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await waitExit(child);
      }
      inst.child = undefined;
    },
    async start() {
      if (!inst.child) await spawnServer(bin, inst);
    },
    pause() {
      inst.child?.kill('SIGSTOP');
    },
    resume() {
      inst.child?.kill('SIGCONT');
    },
    async restart(o) {
      await server.stop(o);
      await server.start();
    },
    async dispose() {
      await server.stop();
      live.delete(inst);
      rmSync(inst.dir, { recursive: true, force: true });
    },
    log: () => readLog(inst),
  };
  return server;
}
