/**
 * Export rendering off the event loop. A DOCX of a plan with 2,000 activities held the event loop for 1.2 s (17 s at
 * 20,000): no edit, save or request on the node was served meanwhile. DOCX, PDF and XLSX files now render in a worker
 * thread of their own (server/workers/workerQueue.ts), one at a time, with a bounded heap: an export too large to
 * render fails on its own (503) where before it could take the whole server down.
 */
import { WorkerQueue, workerEntry } from '../workers/workerQueue.js';
import { runOrUnavailable, type RefusalWords } from '../workers/workerRefusals.js';
import { renderJob, type RenderJob, type RenderResult } from './renderJobs.js';

export interface ExportRendererOptions {
  /** Stop the worker after this long without a job (its libraries and heap go with it); default 60 s. */
  idleMs?: number;
  /** The worker's old-generation heap in MB; a job needing more fails alone. Default 512. */
  maxHeapMb?: number;
  /** Exports waiting or rendering at most; more are refused with 503 until some finish. Default 16. */
  maxQueued?: number;
  log?: { error(obj: unknown, msg?: string): void };
}

/** The answer when an export cannot be rendered: always a 503 that says what to do. */
const EXPORT_REFUSALS: RefusalWords = {
  full: 'Too many exports are being prepared right now; try again in a moment',
  closed: 'The server is restarting; try the export again in a moment',
  lost: (lost) => (lost.outOfMemory ? 'This export is too large to prepare; export a part of it (filters, a version) or use Markdown' : 'The export could not be prepared; try again'),
};

/** Renders export files in a worker thread, one at a time. */
export class ExportRenderer {
  private readonly queue: WorkerQueue<RenderJob, RenderResult>;

  constructor(opts: ExportRendererOptions = {}) {
    this.queue = new WorkerQueue({
      name: 'export rendering',
      entry: workerEntry(import.meta.url, './renderWorker'),
      runHere: renderJob,
      idleMs: opts.idleMs,
      maxHeapMb: opts.maxHeapMb ?? 512,
      maxQueued: opts.maxQueued ?? 16,
      log: opts.log,
    });
  }

  /** Renders `job`; rejects with a 503 AppError when it cannot be rendered (too large, too many waiting, shutting down). */
  render(job: RenderJob): Promise<RenderResult> {
    return runOrUnavailable(this.queue, job, EXPORT_REFUSALS);
  }

  /** Whether a worker thread is running (tests). */
  get workerRunning(): boolean {
    return this.queue.workerRunning;
  }

  /** Whether an export is waiting or being rendered. */
  get busy(): boolean {
    return this.queue.busy;
  }

  /** Refuses new exports, fails those waiting or rendering, and stops the worker. */
  close(): Promise<void> {
    return this.queue.close();
  }
}

/** A rendered file's bytes as a Buffer for the reply (no copy). */
export function fileBuffer(result: RenderResult): Buffer {
  return Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
}
