/**
 * Several Enlace nodes as child processes sharing one PostgreSQL and one Redis, plus a TCP balancer that
 * stands in for nginx: each new connection goes to the next live node, skipping nodes that refuse.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { serverCommand } from '../setup/serverBundle.js';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type ServerProcess } from './serverProcess.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Nodes still running when the test process exits (a test timed out mid-start, a worker was stopped) die with it.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/**
 * Spawns `server/main.ts` on `port` and waits for /api/health to answer. Like startServerProcess, with a
 * start budget for several nodes booting at once on a small machine (each compiles the server with tsx).
 */
export async function spawnNode(env: Record<string, string>, port: number, startTimeoutMs = 90_000): Promise<ServerProcess> {
  let out = '';
  const child = spawn(process.execPath, serverCommand(), {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PUBLIC_ORIGIN: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (running.delete(child), resolve(code))));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealth(url, (status) => status === 200 || status === 503, startTimeoutMs, () => child.exitCode !== null);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`node on ${port} did not start (${(err as Error).message}): ${out}`);
  }
  return {
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    child,
    output: () => out,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface Cluster {
  nodes: Array<ServerProcess | undefined>;
  /** Node i, which must be running. */
  node(i: number): ServerProcess;
  /** kill -9 of node i. */
  kill(i: number): Promise<void>;
  /** Starts node i again on its port (after kill), waiting for health to report Redis ready unless told not to. */
  restart(i: number, opts?: { waitForRedis?: boolean }): Promise<ServerProcess>;
  /** Everything each node printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Polls a node's /api/health until `want` holds for its JSON body, status and the header naming what failed. */
export async function waitHealth(
  url: string,
  want: (status: number, body: { status?: string; redis?: string }, degraded: string | null) => boolean,
  timeoutMs = 15000,
  abort: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline && !abort()) {
    try {
      const res = await fetch(`${url}/api/health`);
      const body = (await res.json()) as { status?: string; redis?: string };
      const degraded = res.headers.get('x-health-degraded');
      last = `${res.status} ${JSON.stringify(body)} ${degraded ?? ''}`;
      if (want(res.status, body, degraded)) return;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`health of ${url} never matched; last: ${last}`);
}

/** Starts `count` nodes at once (they race for the migration lock) on one database and one Redis. */
export async function startCluster(count: number, env: { DATABASE_URL: string; REDIS_URL: string }): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'enlace-nodes-'));
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const envOf = (i: number): Record<string, string> => ({ ...env, DATA_DIR: join(dataDir, `node${i}`), LOG_LEVEL: 'warn' });
  const started = await Promise.allSettled(ports.map((port, i) => spawnNode(envOf(i), port)));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.kill('SIGKILL') : undefined)));
    rmSync(dataDir, { recursive: true, force: true });
    throw failed.reason;
  }
  const nodes: Array<ServerProcess | undefined> = started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value);
  const logs: string[] = nodes.map(() => '');
  await Promise.all(nodes.map((n) => waitHealth(n!.url, (s, b) => s === 200 && b.redis === 'ready')));
  const cluster: Cluster = {
    nodes,
    node(i) {
      const n = nodes[i];
      if (!n) throw new Error(`node ${i} is not running`);
      return n;
    },
    async kill(i) {
      const n = nodes[i];
      if (!n) return;
      logs[i] += n.output();
      nodes[i] = undefined;
      await n.kill('SIGKILL');
    },
    async restart(i, opts = {}) {
      await cluster.kill(i);
      const n = await spawnNode(envOf(i), ports[i]);
      nodes[i] = n;
      if (opts.waitForRedis !== false) await waitHealth(n.url, (s, b) => s === 200 && b.redis === 'ready');
      return n;
    },
    output: () => nodes.map((n, i) => `--- node ${i} ---\n${logs[i]}${n?.output() ?? ''}`).join('\n'),
    async stop() {
      await Promise.all(nodes.map((_, i) => cluster.kill(i)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

export interface Balancer {
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** A round-robin TCP balancer over `ports()` (re-read per connection): no stickiness, like nginx without ip_hash. */
export async function startBalancer(ports: () => number[]): Promise<Balancer> {
  let next = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const candidates = ports();
    const tryBackend = (attempt: number): void => {
      if (attempt >= candidates.length) return void client.destroy();
      const port = candidates[next++ % candidates.length];
      const upstream = connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      // A refused node is skipped (it is down); a connection that breaks later breaks the client's too.
      upstream.on('error', () => (connected ? client.destroy() : tryBackend(attempt + 1)));
    };
    tryBackend(0);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
