/**
 * A projection pass in short transactions, for embedded PGlite. PGlite has one connection, and an open transaction
 * holds it: while a pass ran in one transaction, every save of every plan on the node waited for it (8–9 s behind a
 * pasted plan of 20,000 activities). Here the plan is listed in `projection_pending`, its rows go in a statement at a
 * time, the overlap scope is read in one short transaction, detection runs outside any, and the overlaps, removals,
 * the plan's date and its delisting are written in a last one. This node's area locks keep passes over an area in
 * order, as advisory locks do on PostgreSQL. A pass cut short (a crash) leaves the plan listed: its next pass, at
 * start or on its next save, re-detects all of its rows.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { projectionPending } from '../../db/schema.js';
import type { Activity } from '../../shared/planModel.js';
import { nextTurn } from '../workers/timeSlice.js';
import type { AreaLocks } from './areaLocks.js';
import { announceOverlapPass, type OverlapDelivery } from './overlapAnnouncer.js';
import { applyOverlapChanges, detectChangedOverlaps, planOverlapChanges, readOverlapScope, type OverlapChanges } from './overlapPass.js';
import { diffPlan } from './projectionDiff.js';
import { datePlan, deleteRows, upsertChunks, upsertRows, wantedRows, type PlanDating, type ProjectionDiff } from './projectionRows.js';

/** Projects one existing plan as projectNow does in one transaction, but never holding the database for long. */
export async function projectInShortTransactions(
  db: Database,
  locks: AreaLocks,
  plan: { documentId: string; workspaceId: string; activities: Activity[]; searchText: string },
  touch: PlanDating,
  delivery: OverlapDelivery,
): Promise<ProjectionDiff> {
  const listed = await db.insert(projectionPending).values({ documentId: plan.documentId }).onConflictDoNothing().returning();
  const cutShort = listed.length === 0;
  const { changed, previous, removedIds, undigested, digests } = await diffPlan(db, plan.documentId, wantedRows(plan), cutShort);
  for (const chunk of upsertChunks([...changed, ...undigested])) {
    await upsertRows(db, chunk, (row) => digests.get(row.activityId) ?? '');
    await nextTurn();
  }
  const diff: ProjectionDiff = { documentId: plan.documentId, workspaceId: plan.workspaceId, changed, previous, removedIds };
  const anyChange = changed.length > 0 || removedIds.length > 0;
  await locks.withAreas(anyChange ? [...changed, ...previous].map((r) => r.mandateArea) : [], async () => {
    let changes: OverlapChanges | undefined;
    if (anyChange) {
      const scope = await db.transaction((tx) => readOverlapScope(tx, diff));
      const { candidates, stored } = await detectChangedOverlaps(scope, diff);
      changes = await planOverlapChanges(candidates, stored);
    }
    await db.transaction(async (tx) => {
      await deleteRows(tx, plan.documentId, removedIds);
      await datePlan(tx, plan, touch, anyChange);
      if (changes) await announceOverlapPass(tx, await applyOverlapChanges(tx, changes), delivery);
      await tx.delete(projectionPending).where(eq(projectionPending.documentId, plan.documentId));
    });
  });
  return diff;
}
