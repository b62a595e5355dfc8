/**
 * The export render worker (a worker thread): renders the jobs the main thread posts, one message each, and posts
 * back the file's bytes. Its heap is bounded by the main thread, so an export too big to render ends this worker,
 * not the server.
 */
import { parentPort } from 'node:worker_threads';
import { renderJob, type RenderJob } from './renderJobs.js';

/** What the main thread posts. */
export interface RenderRequest {
  id: number;
  job: RenderJob;
}

/** What the worker posts back. */
export type RenderReply = { id: number; ok: true; bytes: Uint8Array; pageCount?: number } | { id: number; ok: false; message: string };

/** Posted once, when the worker has loaded and listens. */
export interface WorkerReady {
  ready: true;
}

const port = parentPort;
if (!port) throw new Error('renderWorker runs as a worker thread');

port.on('message', ({ id, job }: RenderRequest) => {
  renderJob(job).then(
    ({ bytes, pageCount }) => {
      // Moved, not copied. Only a whole ArrayBuffer can move: a small Buffer is a slice of Node's shared pool.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      const reply: RenderReply = { id, ok: true, bytes: own, pageCount };
      port.postMessage(reply, [own.buffer as ArrayBuffer]);
    },
    (err: unknown) => {
      const reply: RenderReply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
      port.postMessage(reply);
    },
  );
});

const ready: WorkerReady = { ready: true };
port.postMessage(ready);
