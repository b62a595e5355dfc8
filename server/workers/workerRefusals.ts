/** A worker queue's refusals as the 503 a request answers, in the words of the work that was refused. */
import { AppError } from '../http/errors.js';
import { WorkerLost, WorkerQueueClosed, WorkerQueueFull, type WorkerQueue } from './workerQueue.js';

export interface RefusalWords {
  /** Too many jobs wait already. */
  full: string;
  /** The server is stopping. */
  closed: string;
  /** The worker died on the job (`outOfMemory` when it ran out of its heap). */
  lost: string | ((err: WorkerLost) => string);
}

/** `err` as a 503 AppError when it is a worker queue's refusal; any other error as it is. */
export function asUnavailable(err: unknown, words: RefusalWords): unknown {
  if (err instanceof WorkerQueueFull) return new AppError('unavailable', words.full);
  if (err instanceof WorkerQueueClosed) return new AppError('unavailable', words.closed);
  if (err instanceof WorkerLost) return new AppError('unavailable', typeof words.lost === 'string' ? words.lost : words.lost(err));
  return err;
}

/** Runs `job` on `queue`; its refusals reject as 503 AppErrors in `words`, the job's own errors as they are. */
export async function runOrUnavailable<J, R>(queue: WorkerQueue<J, R>, job: J, words: RefusalWords, transfer?: ArrayBuffer[]): Promise<R> {
  try {
    return await queue.run(job, transfer);
  } catch (err) {
    throw asUnavailable(err, words);
  }
}
