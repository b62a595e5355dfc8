/**
 * Need-to-know in this browser too: a person taken out of a working group (or whose plan was deleted) kept its plans'
 * offline copies, full text and activities, until they signed out. The copies are checked against the plans of the
 * groups the person is in now, and one of a plan no longer among them is deleted. A sweep whose lists do not all
 * arrive (offline, server down) deletes nothing.
 */
import { isAbort } from '../api/http.js';
import { listDocuments, listWorkspaces } from '../api/workspaces.js';
import { cachedPlanIds, forgetCachedPlan } from './localCache.js';

let running: Promise<void> | null = null;

/** Deletes the offline copies of plans this person can no longer open; one sweep at a time. */
export function pruneRevokedPlanCopies(): Promise<void> {
  running ??= sweep().finally(() => {
    running = null;
  });
  return running;
}

async function sweep(): Promise<void> {
  // Only copies there before the lists were asked for: a plan created and opened meanwhile is not in them.
  const candidates = cachedPlanIds();
  if (!candidates.length) return;
  let readable: Set<string>;
  try {
    const groups = await listWorkspaces();
    const plans = await Promise.all(groups.map((g) => listDocuments(g.id)));
    readable = new Set(plans.flat().map((d) => d.id));
  } catch (err) {
    if (!isAbort(err)) console.warn('Could not check which offline plan copies are still readable; they are kept for now', err);
    return;
  }
  for (const documentId of candidates) if (!readable.has(documentId)) await forgetCachedPlan(documentId);
}
