/** The restore worker (a worker thread, see planRestorer.ts): computes the change that restores a version. */
import { movable, serveJobs } from '../workers/jobPort.js';
import { runRestore, type RestoreJob } from './restoreJob.js';

serveJobs<RestoreJob, Uint8Array | null>(
  async (job) => {
    const change = await runRestore(job);
    return change && movable(change);
  },
  (change) => (change ? [change.buffer as ArrayBuffer] : []),
);
