/** A restore as a job, so the restore worker and this thread run the same code (see planRestorer.ts). */
import * as Y from 'yjs';
import { docFromVersionState } from './planState.js';
import { restorePlan } from './restorePlan.js';

export interface RestoreJob {
  /** The live plan's state (a v1 update) when the restore began. */
  current: Uint8Array;
  /** The version's stored state (versionState.ts). */
  version: Uint8Array;
}

/** The Yjs update that makes `current`'s content equal the version's, or null when it already does. */
export async function runRestore(job: RestoreJob): Promise<Uint8Array | null> {
  const doc = new Y.Doc();
  const source = docFromVersionState(job.version);
  const changes: Uint8Array[] = [];
  try {
    Y.applyUpdate(doc, job.current);
    doc.on('update', (update: Uint8Array) => changes.push(update));
    doc.transact(() => restorePlan(doc, source));
  } finally {
    doc.destroy();
    source.destroy();
  }
  if (!changes.length) return null;
  return changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
}
