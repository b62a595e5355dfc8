/**
 * Restores off the event loop. Making a plan equal a version aligns every block and diffs changed texts: a 4.8 MB
 * plan held the loop for 1.2 s, and every edit, save and request on the node waited. The change is computed from a
 * copy of the live state, in a worker thread for large plans, and applied to the live plan as one Yjs update (edits
 * typed meanwhile merge with it, as any concurrent edit does). Small plans (nearly all) stay in this thread.
 */
import { movable } from '../workers/jobPort.js';
import { WorkerQueue, workerEntry } from '../workers/workerQueue.js';
import { runOrUnavailable, type RefusalWords } from '../workers/workerRefusals.js';
import { runRestore, type RestoreJob } from './restoreJob.js';

export interface PlanRestorerOptions {
  /** Plans restored in this thread up to this many bytes of live and version state together; `limits.restoreInThreadMaxBytes`. */
  inThreadMaxBytes: number;
  log?: { error(obj: unknown, msg?: string): void };
}

/** What a restore the worker cannot take answers (503), saying what to do instead. */
const RESTORE_REFUSALS: RefusalWords = {
  full: 'Too many large restores are running right now; try again in a moment',
  closed: 'The server is restarting; restore the version again in a moment',
  lost: 'This plan is too large to restore on this server',
};

/** Computes the Yjs change that restores a version, large plans in a worker thread. */
export class PlanRestorer {
  private readonly queue: WorkerQueue<RestoreJob, Uint8Array | null>;
  private readonly inThreadMaxBytes: number;

  constructor(opts: PlanRestorerOptions) {
    this.inThreadMaxBytes = opts.inThreadMaxBytes;
    this.queue = new WorkerQueue({
      name: 'restores',
      entry: workerEntry(import.meta.url, './restoreWorker'),
      runHere: runRestore,
      maxHeapMb: 1024,
      maxQueued: 4,
      log: opts.log,
    });
  }

  /** The update that makes `current` equal the stored `version` (null: nothing to change); 503 AppError when the worker cannot take it. */
  async changeFor(current: Uint8Array, version: Uint8Array): Promise<Uint8Array | null> {
    if (current.byteLength + version.byteLength <= this.inThreadMaxBytes) return runRestore({ current, version });
    const job = { current: movable(current), version: movable(version) };
    return runOrUnavailable(this.queue, job, RESTORE_REFUSALS, [job.current.buffer as ArrayBuffer]);
  }

  /** Whether a worker thread is running (tests). */
  get workerRunning(): boolean {
    return this.queue.workerRunning;
  }

  /** Refuses new restores, fails those waiting, and stops the worker. */
  close(): Promise<void> {
    return this.queue.close();
  }
}
