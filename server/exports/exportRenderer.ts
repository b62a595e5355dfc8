/**
 * Export rendering off the event loop. A DOCX of a plan with 2,000 activities held the event loop for 1.2 s (17 s at
 * 20,000): no edit, save or request on the node was served meanwhile. DOCX, PDF and XLSX files are now rendered in
 * one worker thread, started on first use and stopped after a quiet minute. Jobs run one at a time, in order, and the
 * worker's heap is bounded: an export too large to render fails on its own (503) and the next job gets a new worker,
 * where before it could take the whole server down.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors.js';
import { renderJob, type RenderJob, type RenderResult } from './renderJobs.js';
import type { RenderReply, RenderRequest, WorkerReady } from './renderWorker.js';

export interface ExportRendererOptions {
  /** Stop the worker after this long without a job (its libraries and heap go with it); default 60 s. */
  idleMs?: number;
  /** The worker's old-generation heap in MB; a job needing more fails alone. Default 512. */
  maxHeapMb?: number;
  /** Jobs waiting or running at most; more are refused with 503 until some finish. Default 16. */
  maxQueued?: number;
  log?: { error(obj: unknown, msg?: string): void };
}

interface QueuedJob {
  job: RenderJob;
  resolve(result: RenderResult): void;
  reject(err: unknown): void;
}

/** What a worker of this build runs: the bundle's renderWorker.js, or from source the TypeScript file through tsx. */
function workerEntry(): URL {
  const here = import.meta.url;
  // The server bundle: renderWorker.js is an entry point beside every chunk of the bundle's directory.
  if (!here.endsWith('.ts')) return new URL('./renderWorker.js', here);
  // From source (tests, `npm run dev`): a worker does not inherit the TypeScript loader; it registers tsx's itself.
  const packageFile = createRequire(here).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(packageFile), manifest.exports['./esm/api'].import.default)).href;
  const source = `import { register } from ${JSON.stringify(api)};\nregister();\nawait import(${JSON.stringify(new URL('./renderWorker.ts', here).href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

/** Renders export files in a worker thread, one job at a time (see the file comment). */
export class ExportRenderer {
  private readonly idleMs: number;
  private readonly maxHeapMb: number;
  private readonly maxQueued: number;
  private readonly queue: QueuedJob[] = [];
  private worker: Worker | undefined;
  private running: { id: number; queued: QueuedJob } | undefined;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Set when no worker could start at all (a build without its file): jobs then render in this thread. */
  private inThisThread = false;
  private renderingHere = 0;
  private closed = false;

  constructor(private readonly opts: ExportRendererOptions = {}) {
    this.idleMs = opts.idleMs ?? 60_000;
    this.maxHeapMb = opts.maxHeapMb ?? 512;
    this.maxQueued = opts.maxQueued ?? 16;
  }

  /** Renders `job`; rejects with a 503 AppError when it cannot be rendered (too large, too many waiting, shutting down). */
  render(job: RenderJob): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new AppError('unavailable', 'The server is restarting; try the export again in a moment'));
    if (this.inThisThread) return this.renderHere(job);
    if (this.queue.length + (this.running ? 1 : 0) >= this.maxQueued) {
      return Promise.reject(new AppError('unavailable', 'Too many exports are being prepared right now; try again in a moment'));
    }
    return new Promise<RenderResult>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.next();
    });
  }

  /** Whether a worker thread is running (tests). */
  get workerRunning(): boolean {
    return this.worker !== undefined;
  }

  /** Whether a job is waiting or being rendered. */
  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0 || this.renderingHere > 0;
  }

  /** Refuses new jobs, fails those waiting or running, and stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const left = [...(this.running ? [this.running.queued] : []), ...this.queue.splice(0)];
    this.running = undefined;
    for (const q of left) q.reject(new AppError('unavailable', 'The server is restarting; try the export again in a moment'));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private next(): void {
    if (this.running || this.closed) return;
    const queued = this.queue.shift();
    if (!queued) {
      this.idleTimer = setTimeout(() => this.stopWorker(), this.idleMs);
      this.idleTimer.unref();
      return;
    }
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    this.running = { id, queued };
    const request: RenderRequest = { id, job: queued.job };
    try {
      this.ensureWorker().postMessage(request);
    } catch (err) {
      // A job that cannot be posted (nothing in it a worker could receive): it alone fails.
      this.running = undefined;
      queued.reject(err);
      this.next();
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    let online = false;
    // No inherited Node flags: the server's (heap tuning, loaders) are not the worker's.
    const worker = new Worker(workerEntry(), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    // An idle worker never keeps the process alive; a job in progress has its HTTP request doing that.
    worker.unref();
    worker.on('message', (reply: RenderReply | WorkerReady) => {
      // Ready once its modules have loaded: a worker that fails before that cannot start in this build.
      if ('ready' in reply) online = true;
      else this.settle(worker, reply);
    });
    worker.on('error', (err) => this.lost(worker, err, online));
    worker.on('exit', (code) => this.lost(worker, new Error(`export render worker exited (code ${code})`), online));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, reply: RenderReply): void {
    if (worker !== this.worker || reply.id !== this.running?.id) return;
    const { queued } = this.running;
    this.running = undefined;
    if (reply.ok) queued.resolve({ bytes: reply.bytes, pageCount: reply.pageCount });
    else queued.reject(new Error(`export rendering failed: ${reply.message}`));
    this.next();
  }

  /** The worker died: the job it was rendering fails (it is the likely cause), the rest go to a new worker. */
  private lost(worker: Worker, err: Error, online: boolean): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    void worker.terminate();
    const running = this.running;
    this.running = undefined;
    if (!online && !this.closed) {
      // It never started (the build lacks the worker's file): render here from now on, slower but working.
      this.opts.log?.error({ err }, 'export render worker could not start; rendering exports in the main thread');
      this.inThisThread = true;
      for (const q of [...(running ? [running.queued] : []), ...this.queue.splice(0)]) this.renderHere(q.job).then(q.resolve, q.reject);
      return;
    }
    if (running) {
      const tooLarge = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.opts.log?.error({ err, kind: running.queued.job.kind }, 'export render worker stopped while rendering');
      running.queued.reject(
        new AppError(
          'unavailable',
          tooLarge
            ? 'This export is too large to prepare; export a part of it (filters, a version) or use Markdown'
            : 'The export could not be prepared; try again',
        ),
      );
    }
    this.next();
  }

  private async renderHere(job: RenderJob): Promise<RenderResult> {
    this.renderingHere++;
    try {
      return await renderJob(job);
    } finally {
      this.renderingHere--;
    }
  }

  private stopWorker(): void {
    if (this.running || this.queue.length) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

/** A rendered file's bytes as a Buffer for the reply (no copy). */
export function fileBuffer(result: RenderResult): Buffer {
  return Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
}
