/**
 * Incremental overlap detection against the database, inside the projection's transaction.
 *
 * Why no long-lived in-memory index: with several nodes each projects the plans edited on it, so a
 * node's own index would miss rows other nodes wrote. Instead each pass takes a transaction-scoped
 * advisory lock per affected mandate area, then reads that neighbourhood (same area, a shared state)
 * from `activity_projection` and indexes it on the spot. Passes over the same area serialize on every
 * node, and the later one always sees the earlier one's committed rows, so all nodes converge. The
 * neighbourhood is small (one area × a few states) and indexed by `activity_projection_area_idx`.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { activityProjection, overlaps } from '../../db/schema.js';
import { newId } from '../ids.js';
import { ActivityIndex, activityKey, detectOverlapsPaced, recheckPairs, type ActivityRef, type ActivityRow, type OverlapCandidate } from './overlapDetection.js';
import { storedToRow, type ProjectionDiff } from './projectionRows.js';

export type OverlapRow = InferSelectModel<typeof overlaps>;

/** Namespace of the advisory locks that serialize overlap passes per mandate area. */
const LOCK_NAMESPACE = 727275;

/** Takes the per-area locks (sorted, so two passes never wait on each other in a cycle). */
export async function lockMandateAreas(tx: Executor, areas: Iterable<string | null>): Promise<void> {
  const sorted = [...new Set([...areas].filter((a): a is string => !!a))].sort();
  for (const area of sorted) await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${area}))`);
}

function textArray(values: string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** Every state a row touches: its states plus its municipalities' states. */
function touchedStates(row: ActivityRow): string[] {
  return [...new Set([...row.stateCodes, ...row.municipalityCodes.map((m) => m.slice(0, 2))])];
}

/** Projected rows sharing a mandate area and a touched state with any of `rows`. */
export async function loadNeighbourhood(tx: Executor, rows: ActivityRow[]): Promise<ActivityRow[]> {
  const areas = [...new Set(rows.map((r) => r.mandateArea).filter((a): a is string => !!a))];
  const states = [...new Set(rows.flatMap(touchedStates))];
  if (!areas.length || !states.length) return [];
  const found = await tx
    .select()
    .from(activityProjection)
    .where(
      and(
        inArray(activityProjection.mandateArea, areas),
        sql`(jsonb_exists_any(${activityProjection.stateCodes}, ${textArray(states)})
          or exists (select 1 from jsonb_array_elements_text(${activityProjection.municipalityCodes}) m where left(m, 2) = any(${textArray(states)})))`,
      ),
    );
  return found.map(storedToRow);
}

/** The two sides of a stored overlap. */
export function storedPair(o: OverlapRow): [ActivityRef, ActivityRef] {
  return [
    { documentId: o.aDocumentId, activityId: o.aActivityId },
    { documentId: o.bDocumentId, activityId: o.bActivityId },
  ];
}

/** Stored overlaps involving any of these activities of one plan. */
async function storedOverlapsOf(tx: Executor, documentId: string, activityIds: string[]): Promise<OverlapRow[]> {
  if (!activityIds.length) return [];
  if (activityIds.length > 500) {
    // A plan projected whole: its overlaps, filtered here, not an IN list of thousands of parameters (250 ms at 20,000).
    const ids = new Set(activityIds);
    const all = await tx.select().from(overlaps).where(or(eq(overlaps.aDocumentId, documentId), eq(overlaps.bDocumentId, documentId)));
    return all.filter((o) => (o.aDocumentId === documentId && ids.has(o.aActivityId)) || (o.bDocumentId === documentId && ids.has(o.bActivityId)));
  }
  return tx
    .select()
    .from(overlaps)
    .where(
      or(
        and(eq(overlaps.aDocumentId, documentId), inArray(overlaps.aActivityId, activityIds)),
        and(eq(overlaps.bDocumentId, documentId), inArray(overlaps.bActivityId, activityIds)),
      ),
    );
}

/**
 * New flags one pass writes at most, strongest first (the rest come with the plan's next passes). Each new flag
 * notifies people and is pushed to two rooms: a pasted plan of thousands of activities flagged 400,000 at once.
 */
export const MAX_NEW_FLAGS_PER_PASS = 1000;

/** Whether `p` ranks before `q`: higher score, then smaller pair key. */
function stronger(p: OverlapCandidate, q: OverlapCandidate): boolean {
  return p.score > q.score || (p.score === q.score && p.pairKey < q.pairKey);
}

/**
 * The `n` strongest of `list`, strongest first. Selected in one pass, not by sorting the whole list: a plan pasted
 * whole can bring 400,000 candidates, and sorting them held the event loop for about a second.
 */
function strongestOf(list: Iterable<OverlapCandidate>, n: number): OverlapCandidate[] {
  const kept: OverlapCandidate[] = [];
  for (const c of list) {
    if (kept.length === n && !stronger(c, kept[n - 1])) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stronger(kept[mid], c)) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, c);
    if (kept.length > n) kept.pop();
  }
  return kept;
}

/** The pair key of a stored overlap, as `OverlapCandidate.pairKey` spells it. */
export function storedPairKey(o: OverlapRow): string {
  return `${o.aDocumentId}:${o.aActivityId}|${o.bDocumentId}:${o.bActivityId}`;
}

function sameReasons(o: OverlapRow, c: OverlapCandidate): boolean {
  // `score` is stored as a 4-byte real: compare at the precision it keeps.
  return Math.abs(o.score - c.score) < 1e-4 && JSON.stringify(o.reasons) === JSON.stringify(c.reasons);
}

/**
 * Makes stored overlaps agree with `candidates` for the pairs in `stored`' scope: new pairs are
 * inserted open, changed ones get new reasons and score (keeping their status), pairs no longer
 * overlapping are deleted when open and kept when resolved. Returns the newly flagged rows.
 */
export async function reconcileOverlaps(tx: Executor, candidates: OverlapCandidate[], stored: OverlapRow[]): Promise<{ flagged: OverlapRow[]; removed: number }> {
  const byKey = new Map(stored.map((o) => [storedPairKey(o), o]));
  const fresh = new Map<string, OverlapCandidate>();
  const changed = new Map<string, { id: string; reasons: string[]; score: number }>();
  for (const c of candidates) {
    const old = byKey.get(c.pairKey);
    if (!old) fresh.set(c.pairKey, c);
    else if (!sameReasons(old, c)) changed.set(old.id, { id: old.id, reasons: c.reasons, score: c.score });
  }
  const flaggedNow = strongestOf(fresh.values(), MAX_NEW_FLAGS_PER_PASS);
  // One statement per 1,000 changed pairs, not one each: a title edit rescores every overlap of its activity.
  const rescored = [...changed.values()];
  for (let i = 0; i < rescored.length; i += 1000) {
    const rows = sql.join(
      rescored.slice(i, i + 1000).map((r) => sql`(${r.id}::text, ${JSON.stringify(r.reasons)}::jsonb, ${r.score}::real)`),
      sql`, `,
    );
    // "overlaps" is a reserved word in SQL (the period operator): quoted.
    await tx.execute(sql`update "overlaps" set reasons = v.reasons, score = v.score, updated_at = now() from (values ${rows}) as v(id, reasons, score) where "overlaps".id = v.id`);
  }
  const wanted = new Set(candidates.map((c) => c.pairKey));
  const stale = stored.filter((o) => !wanted.has(storedPairKey(o)) && o.status === 'open').map((o) => o.id);
  for (let i = 0; i < stale.length; i += 5000) await tx.delete(overlaps).where(inArray(overlaps.id, stale.slice(i, i + 5000)));
  const flagged: OverlapRow[] = [];
  // Chunked: a rebuild may flag tens of thousands at once, beyond one statement's parameter limit.
  for (let i = 0; i < flaggedNow.length; i += 2000) {
    // Another pass may have flagged the same pair a moment ago: only the insert that wins announces it.
    const inserted = await tx
      .insert(overlaps)
      .values(
        flaggedNow.slice(i, i + 2000).map((c) => ({
          id: newId('ovl'),
          aDocumentId: c.a.documentId,
          aActivityId: c.a.activityId,
          bDocumentId: c.b.documentId,
          bActivityId: c.b.activityId,
          reasons: c.reasons,
          score: c.score,
        })),
      )
      .onConflictDoNothing()
      .returning();
    flagged.push(...inserted);
  }
  return { flagged, removed: stale.length };
}

/** Re-detects the overlaps of one plan's changed and removed activities. */
export async function updateOverlapsFor(tx: Executor, diff: ProjectionDiff): Promise<OverlapRow[]> {
  const ids = [...diff.changed.map((r) => r.activityId), ...diff.removedIds];
  if (!ids.length) return [];
  await lockMandateAreas(tx, [...diff.changed, ...diff.previous].map((r) => r.mandateArea));
  // The changed rows were just written, so the read returns them too: left out, as detection takes them from `changed`
  // (walking past 20,000 copies of a plan projected whole, per changed row, took minutes).
  const changedKeys = new Set(diff.changed.map((r) => activityKey(r)));
  const neighbourhood = new ActivityIndex((await loadNeighbourhood(tx, diff.changed)).filter((r) => !changedKeys.has(activityKey(r))));
  const detected = await detectOverlapsPaced(diff.changed, neighbourhood);
  const stored = await storedOverlapsOf(tx, diff.documentId, ids);
  return (await reconcileOverlaps(tx, [...detected, ...recheckPairs(stored.map(storedPair), diff.changed, neighbourhood)], stored)).flagged;
}
