/**
 * Word diffs of plan texts off the event loop. A diff is O(N·D) in the texts' words: two ~3 MB plans held the loop
 * for ~300 ms (every edit, save and request on the node waited). Large texts are diffed in a worker
 * thread of its own, one at a time; small ones (nearly all) stay here, where they cost less than a worker's round trip.
 * (Texts over `limits.diffInThreadMaxChars` go to the worker.)
 */
import { WorkerQueue, workerEntry } from '../workers/workerQueue.js';
import { runOrUnavailable, type RefusalWords } from '../workers/workerRefusals.js';
import type { TextRun } from '../../shared/textDiff.js';
import { runTextDiff, type TextDiffJob } from './textDiffJob.js';

export interface TextDifferOptions {
  /** Texts diffed in this thread up to this many characters together (0: always in the worker); `limits.diffInThreadMaxChars`. */
  inThreadMaxChars: number;
  log?: { error(obj: unknown, msg?: string): void };
}

/** What a comparison the worker cannot take answers (503), saying what to do instead. */
const DIFF_REFUSALS: RefusalWords = {
  full: 'Too many large comparisons are running right now; try again in a moment',
  closed: 'The server is restarting; try the comparison again in a moment',
  lost: 'This comparison is too large to prepare; compare closer versions',
};

/** Diffs plan texts, large ones in a worker thread. */
export class TextDiffer {
  private readonly queue: WorkerQueue<TextDiffJob, TextRun[]>;
  private readonly inThreadMaxChars: number;

  constructor(opts: TextDifferOptions) {
    this.inThreadMaxChars = opts.inThreadMaxChars;
    this.queue = new WorkerQueue({
      name: 'plan diffs',
      entry: workerEntry(import.meta.url, './diffWorker'),
      runHere: runTextDiff,
      maxHeapMb: 512,
      maxQueued: 8,
      log: opts.log,
    });
  }

  /** The word diff of `from` to `to`; rejects with a 503 AppError when the worker cannot take it now. */
  async diff(from: string, to: string): Promise<TextRun[]> {
    if (from.length + to.length <= this.inThreadMaxChars) return runTextDiff({ from, to });
    return runOrUnavailable(this.queue, { from, to }, DIFF_REFUSALS);
  }

  /** Whether a worker thread is running (tests). */
  get workerRunning(): boolean {
    return this.queue.workerRunning;
  }

  /** Refuses new diffs, fails those waiting, and stops the worker. */
  close(): Promise<void> {
    return this.queue.close();
  }
}
