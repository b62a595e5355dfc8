/** The compaction worker (a worker thread, see stateFolder.ts): folds stored states and moves the merged bytes back. */
import { movable, serveJobs } from '../workers/jobPort.js';
import { foldStoredState, type FoldInput, type FoldOutput } from './stateFold.js';

serveJobs<FoldInput, FoldOutput>(
  async (input) => {
    const { merged, snapshotMd5, writers } = await foldStoredState(input);
    return { merged: movable(merged), snapshotMd5, writers };
  },
  (result) => [result.merged.buffer as ArrayBuffer],
);
