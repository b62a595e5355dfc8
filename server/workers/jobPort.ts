/** The worker side of a WorkerQueue: answers each posted job with its result or its error, one message each. */
import { parentPort } from 'node:worker_threads';

/** What the main thread posts. */
export interface JobRequest<J> {
  id: number;
  job: J;
}

/** What a worker posts back: once `ready` when it has loaded, then one reply per job. */
export type JobReply<R> = { ready: true } | { id: number; ok: true; result: R } | { id: number; ok: false; message: string };

/**
 * Bytes that can be moved to the other thread rather than copied: only a whole ArrayBuffer can move, and a small
 * Buffer is a slice of Node's shared pool (moving that would break every other Buffer in it), so those are copied.
 */
export function movable(bytes: Uint8Array): Uint8Array {
  // `new Uint8Array(view)` copies just the view's bytes (a Buffer's own slice() would share its memory).
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** Runs each job the main thread posts with `run`; `transfer` names what of a result moves instead of being copied. */
export function serveJobs<J, R>(run: (job: J) => Promise<R>, transfer: (result: R) => ArrayBuffer[] = () => []): void {
  const port = parentPort;
  if (!port) throw new Error('a job worker runs as a worker thread');
  port.on('message', ({ id, job }: JobRequest<J>) => {
    run(job).then(
      (result) => {
        const reply: JobReply<R> = { id, ok: true, result };
        port.postMessage(reply, transfer(result));
      },
      (err: unknown) => {
        const reply: JobReply<R> = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
        port.postMessage(reply);
      },
    );
  });
  const ready: JobReply<R> = { ready: true };
  port.postMessage(ready);
}
