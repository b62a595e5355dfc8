/**
 * CPU-heavy jobs (rendering an export, folding a large plan's log) run one at a time, in order, in a worker thread of
 * their own, so the event loop keeps serving edits, saves and requests. The worker starts on first use and stops after
 * a quiet spell. When it dies (its heap may be bounded) the job it was running fails and the next ones get a new
 * worker. A worker that cannot start at all (a build without its file) is replaced by running jobs in this thread,
 * said once in the log: slower, but working.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobReply, JobRequest } from './jobPort.js';

export interface WorkerQueueOptions<J, R> {
  /** What the jobs are, for logs ("export rendering"). */
  name: string;
  /** The worker's module (see `workerEntry`). */
  entry: URL;
  /** The same work in this thread, for when no worker can start. */
  runHere(job: J): Promise<R>;
  /** Stop the worker after this long without a job; default 60 s. */
  idleMs?: number;
  /** The worker's old-generation heap in MB (a job needing more fails alone); default Node's. */
  maxHeapMb?: number;
  /** Jobs waiting or running at most; more are refused (WorkerQueueFull). Default unbounded. */
  maxQueued?: number;
  log?: { error(obj: unknown, msg?: string): void };
}

/** Refused: too many jobs already wait. */
export class WorkerQueueFull extends Error {}
/** Refused or dropped: the queue was closed (shutdown). */
export class WorkerQueueClosed extends Error {}
/** The worker died while running the job (`outOfMemory`: it ran out of its heap). */
export class WorkerLost extends Error {
  constructor(
    message: string,
    readonly outOfMemory: boolean,
  ) {
    super(message);
  }
}

/**
 * The module a worker runs, named relative to the calling module's URL (`moduleUrl`, its `import.meta.url`) without
 * extension. In the server bundle every entry point sits beside every chunk, so it is `<name>.js` there; from source
 * (tests, `npm run dev`) the worker does not inherit the TypeScript loader, so it registers tsx's itself first.
 */
export function workerEntry(moduleUrl: string, name: string): URL {
  if (!moduleUrl.endsWith('.ts')) return new URL(`./${name.split('/').pop()}.js`, moduleUrl);
  const packageFile = createRequire(moduleUrl).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(packageFile), manifest.exports['./esm/api'].import.default)).href;
  const source = `import { register } from ${JSON.stringify(api)};\nregister();\nawait import(${JSON.stringify(new URL(`${name}.ts`, moduleUrl).href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

interface QueuedJob<J, R> {
  job: J;
  transfer: ArrayBuffer[];
  resolve(result: R): void;
  reject(err: unknown): void;
}

/** Runs jobs in a worker thread, one at a time (see the file comment). */
export class WorkerQueue<J, R> {
  private readonly queue: Array<QueuedJob<J, R>> = [];
  private worker: Worker | undefined;
  private running: { id: number; queued: QueuedJob<J, R> } | undefined;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private inThisThread = false;
  private runningHere = 0;
  private closed = false;

  constructor(private readonly opts: WorkerQueueOptions<J, R>) {}

  /**
   * Runs `job`; rejects with WorkerQueueFull, WorkerQueueClosed, WorkerLost, or the job's own error. `transfer`: buffers
   * of the job that move to the worker instead of being copied (the caller must not use them afterwards).
   */
  run(job: J, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new WorkerQueueClosed(`${this.opts.name} has stopped`));
    if (this.inThisThread) return this.runHere(job);
    if (this.queue.length + (this.running ? 1 : 0) >= (this.opts.maxQueued ?? Infinity)) {
      return Promise.reject(new WorkerQueueFull(`too many jobs waiting for ${this.opts.name}`));
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, transfer, resolve, reject });
      this.next();
    });
  }

  /** Whether a worker thread is running. */
  get workerRunning(): boolean {
    return this.worker !== undefined;
  }

  /** Whether a job is waiting or running. */
  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0 || this.runningHere > 0;
  }

  /** Refuses new jobs, fails those waiting or running, and stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const left = [...(this.running ? [this.running.queued] : []), ...this.queue.splice(0)];
    this.running = undefined;
    for (const q of left) q.reject(new WorkerQueueClosed(`${this.opts.name} has stopped`));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private next(): void {
    if (this.running || this.closed) return;
    const queued = this.queue.shift();
    if (!queued) {
      this.idleTimer = setTimeout(() => this.stopIdleWorker(), this.opts.idleMs ?? 60_000);
      this.idleTimer.unref();
      return;
    }
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    this.running = { id, queued };
    const request: JobRequest<J> = { id, job: queued.job };
    try {
      this.ensureWorker().postMessage(request, queued.transfer);
    } catch (err) {
      // A job that cannot be posted (nothing in it a worker could receive): it alone fails.
      this.running = undefined;
      queued.reject(err);
      this.next();
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    let ready = false;
    const resourceLimits = this.opts.maxHeapMb ? { maxOldGenerationSizeMb: this.opts.maxHeapMb } : undefined;
    // No inherited Node flags: the server's (heap tuning, loaders) are not the worker's.
    const worker = new Worker(this.opts.entry, { execArgv: [], resourceLimits });
    // An idle worker never keeps the process alive; whoever waits for a job's result keeps it alive meanwhile.
    worker.unref();
    worker.on('message', (reply: JobReply<R>) => {
      // Ready once its modules have loaded: a worker that fails before that cannot start in this build.
      if ('ready' in reply) ready = true;
      else this.settle(worker, reply);
    });
    worker.on('error', (err) => this.lost(worker, err, ready));
    worker.on('exit', (code) => this.lost(worker, new Error(`${this.opts.name} worker exited (code ${code})`), ready));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, reply: Exclude<JobReply<R>, { ready: true }>): void {
    if (worker !== this.worker || reply.id !== this.running?.id) return;
    const { queued } = this.running;
    this.running = undefined;
    if (reply.ok) queued.resolve(reply.result);
    else queued.reject(new Error(`${this.opts.name} failed: ${reply.message}`));
    this.next();
  }

  /** The worker died: the job it was running fails (it is the likely cause), the rest go to a new worker. */
  private lost(worker: Worker, err: Error, ready: boolean): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    void worker.terminate();
    const running = this.running;
    this.running = undefined;
    if (!ready && !this.closed) {
      this.opts.log?.error({ err }, `${this.opts.name}: the worker could not start; running its jobs in the main thread`);
      this.inThisThread = true;
      for (const q of [...(running ? [running.queued] : []), ...this.queue.splice(0)]) this.runHere(q.job).then(q.resolve, q.reject);
      return;
    }
    if (running) {
      const outOfMemory = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.opts.log?.error({ err }, `${this.opts.name}: the worker stopped while running a job`);
      running.queued.reject(new WorkerLost(`${this.opts.name} worker stopped: ${err.message}`, outOfMemory));
    }
    this.next();
  }

  private async runHere(job: J): Promise<R> {
    this.runningHere++;
    try {
      return await this.opts.runHere(job);
    } finally {
      this.runningHere--;
    }
  }

  private stopIdleWorker(): void {
    if (this.running || this.queue.length) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
