/**
 * The export render worker (a worker thread, see exportRenderer.ts): renders each posted job and posts back the
 * file's bytes, moved rather than copied. Its heap is bounded by the main thread, so an export too big to render
 * ends this worker, not the server.
 */
import { movable, serveJobs } from '../workers/jobPort.js';
import { renderJob, type RenderJob, type RenderResult } from './renderJobs.js';

serveJobs<RenderJob, RenderResult>(
  async (job) => {
    const { bytes, pageCount } = await renderJob(job);
    return { bytes: movable(bytes), pageCount };
  },
  (result) => [result.bytes.buffer as ArrayBuffer],
);
