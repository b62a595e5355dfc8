/**
 * Where compaction's CPU work runs. Folding decodes at about 8 MB a second: for a 20 MB plan, on the event loop, that
 * stalled every other plan's edits and saves for seconds, every 500 updates. A large fold runs in a worker thread of its
 * own (not the exports', so a long export never delays a fold); a small one (most plans, ~60 ms at most) stays in this
 * thread, where it costs no copy, no thread hop and no worker kept in memory.
 */
import { WorkerQueue, workerEntry } from '../workers/workerQueue.js';
import { foldStoredState, type FoldInput, type FoldOutput } from './stateFold.js';

/**
 * Folds of at least this many stored bytes run in the worker. Not by entry count: a plan typed into flat out folds
 * ~8,000 one-character entries every 2 s (~50 ms here), and sending those to the worker cost more CPU than folding them.
 */
export const FOLD_IN_WORKER_BYTES = 512 * 1024;

/** Folds stored states (documentStore's `compactDocument` takes its `fold`). */
export interface StateFolder {
  fold(input: FoldInput): Promise<FoldOutput>;
  close(): Promise<void>;
}

/** Folds large states in a worker thread (started on first use, stopped after a quiet minute), small ones here. */
export function createStateFolder(log?: { error(obj: unknown, msg?: string): void }): StateFolder {
  const queue = new WorkerQueue<FoldInput, FoldOutput>({ name: 'compaction', entry: workerEntry(import.meta.url, './foldWorker'), runHere: foldStoredState, log });
  return {
    fold: (input) => {
      const bytes = input.updates.reduce((n, u) => n + u.byteLength, input.snapshot.byteLength);
      if (bytes < FOLD_IN_WORKER_BYTES) return foldStoredState(input);
      // Copies of just the bytes, moved to the worker: a row's array may be a view into a much larger buffer (a driver's
      // read buffer), which posting it would copy in full.
      const job: FoldInput = { snapshot: new Uint8Array(input.snapshot), updates: input.updates.map((u) => new Uint8Array(u)), authors: input.authors };
      return queue.run(job, [job.snapshot.buffer as ArrayBuffer, ...job.updates.map((u) => u.buffer as ArrayBuffer)]);
    },
    close: () => queue.close(),
  };
}
