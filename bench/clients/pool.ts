/** Parent side of the load generators: forks generator processes and calls their handlers over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), 'generator.ts');

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/** One load-generator child process. */
export class Generator {
  private nextId = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (msg: Reply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(`generator ${child.pid}: ${msg.error}`));
      else p.resolve(msg.result);
    });
    child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`generator ${child.pid} exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  /** Forks a generator and waits for it to load its handlers. */
  static async start(): Promise<Generator> {
    const child = fork(entry, [], {
      // BENCH_GEN_PROF=<dir>: each generator writes a V8 CPU profile there when it exits (is the load generator the bottleneck?).
      execArgv: ['--import', 'tsx', '--max-old-space-size=6144', ...(process.env.BENCH_GEN_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_GEN_PROF}`] : [])],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`generator exited during start (${code})`)));
    });
    return new Generator(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Runs a named handler in the generator and resolves with its result. */
  call<R>(method: string, args: object = {}): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, method, args });
    });
  }

  /** Ends the generator (it closes its clients by exiting). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Starts `count` generators in parallel. */
export async function startGenerators(count: number): Promise<Generator[]> {
  return Promise.all(Array.from({ length: count }, () => Generator.start()));
}

/** Stops every generator, ignoring ones already gone. */
export async function stopGenerators(gens: Generator[]): Promise<void> {
  await Promise.all(gens.map((g) => g.stop()));
}

/** Splits `total` items into `parts` near-equal counts. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}
