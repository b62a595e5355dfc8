/** The full rebuild: every plan re-projected from storage and every overlap detected again, in one transaction. */
import { notInArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { activityProjection, documents, overlaps } from '../../db/schema.js';
import { docFromState, readStoredState } from '../sync/documentStore.js';
import { ActivityIndex } from './activityIndex.js';
import { announceOverlapPass, type OverlapDelivery } from './overlapAnnouncer.js';
import { detectAllOverlapsPaced, recheckPairsPaced } from './overlapDetection.js';
import { lockMandateAreas, reconcileOverlaps, storedPair } from './overlapPass.js';
import { projectedContent } from './projectedContent.js';
import { storedToRow, writePlanProjection } from './projectionRows.js';

export interface RebuildResult {
  documents: number;
  activities: number;
  overlaps: number;
  flagged: number;
  removed: number;
}

/** Re-reads every plan from storage and rebuilds projection and overlaps inside `tx`. */
export async function rebuildProjection(tx: Executor, delivery: OverlapDelivery): Promise<RebuildResult> {
  const docs = await tx.select({ id: documents.id, workspaceId: documents.workspaceId }).from(documents);
  for (const d of docs) {
    const doc = docFromState(await readStoredState(tx, d.id));
    const { activities, searchText } = await projectedContent(doc);
    doc.destroy();
    await writePlanProjection(tx, { documentId: d.id, workspaceId: d.workspaceId, activities, searchText }, 'never');
  }
  if (docs.length) await tx.delete(activityProjection).where(notInArray(activityProjection.documentId, docs.map((d) => d.id)));
  else await tx.delete(activityProjection);
  const areas = await tx.selectDistinct({ area: activityProjection.mandateArea }).from(activityProjection);
  await lockMandateAreas(tx, areas.map((a) => a.area));
  const rows = (await tx.select().from(activityProjection)).map(storedToRow);
  // Indexed and detected giving the event loop turns: every plan's rows at once is the largest pass there is.
  const index = await ActivityIndex.built(rows);
  const stored = await tx.select().from(overlaps);
  // Flags already stored stay while they hold, as in incremental passes (overlapDetection.ts).
  const candidates = [...(await detectAllOverlapsPaced(index)), ...(await recheckPairsPaced(stored.map(storedPair), [], index))];
  const pass = await reconcileOverlaps(tx, candidates, stored);
  await announceOverlapPass(tx, pass, delivery);
  const { flagged, removed, pairs } = pass;
  return { documents: docs.length, activities: rows.length, overlaps: pairs, flagged: flagged.length, removed };
}
