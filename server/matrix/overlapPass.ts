/**
 * Incremental overlap detection against the database, inside the projection's transaction (on embedded PGlite,
 * read and written in two short ones around it: see shortPass.ts).
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
import { nextTurn, runSliced, type Steps } from '../workers/timeSlice.js';
import { ActivityIndex, PASS_SLICE_MS, type ActivityRef, type ActivityRow } from './activityIndex.js';
import { detectOverlapsPaced, recheckPairsPaced, type OverlapCandidate } from './overlapDetection.js';
import { readProjectedRows } from './projectionCursor.js';
import type { ProjectionDiff } from './projectionRows.js';

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

/**
 * Projected rows sharing a mandate area and a touched state with any of `rows`, except `rows` themselves (all of
 * one plan, `documentId`'s). They were just written, and detection takes them from `rows`: read back, the 20,000
 * rows of a plan pasted whole took 0.7 s to read and convert before being dropped.
 */
export async function loadNeighbourhood(tx: Executor, documentId: string, rows: ActivityRow[], alsoLeftOut: string[] = []): Promise<ActivityRow[]> {
  const areas = [...new Set(rows.map((r) => r.mandateArea).filter((a): a is string => !!a))];
  const states = [...new Set(rows.flatMap(touchedStates))];
  if (!areas.length || !states.length) return [];
  // One jsonb parameter, however many rows: an IN list of 20,000 parameters is slow to build and to plan.
  const own = JSON.stringify([...rows.map((r) => r.activityId), ...alsoLeftOut]);
  return readProjectedRows(
    tx,
    and(
      inArray(activityProjection.mandateArea, areas),
      sql`(jsonb_exists_any(${activityProjection.stateCodes}, ${textArray(states)})
        or exists (select 1 from jsonb_array_elements_text(${activityProjection.municipalityCodes}) m where left(m, 2) = any(${textArray(states)})))`,
      sql`not (${activityProjection.documentId} = ${documentId}
        and ${activityProjection.activityId} in (select jsonb_array_elements_text(${own}::jsonb)))`,
    ) as SQL,
  );
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

/** The `n` strongest of `list`, strongest first, one candidate per step (selected as they come, not sorted whole). */
function* strongestSteps(list: Iterable<OverlapCandidate>, n: number): Steps<OverlapCandidate[]> {
  const kept: OverlapCandidate[] = [];
  for (const c of list) {
    yield;
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

/** What a pass changes in stored overlaps. */
export interface OverlapChanges {
  /** New pairs to flag, strongest first, at most MAX_NEW_FLAGS_PER_PASS. */
  flagNow: OverlapCandidate[];
  /** Stored pairs whose reasons or score changed. */
  rescored: Array<{ id: string; reasons: string[]; score: number }>;
  /** Open stored pairs that no longer overlap. */
  stale: string[];
  /** Distinct pairs among the candidates. */
  pairs: number;
}

/**
 * Sorts candidates against stored overlaps, one candidate per step: a plan pasted whole brings 400,000 candidates,
 * and going through them in one go held the event loop for about 0.4 s.
 */
function* overlapChangeSteps(candidates: OverlapCandidate[], stored: OverlapRow[]): Steps<OverlapChanges> {
  const byKey = new Map<string, OverlapRow>();
  for (const o of stored) byKey.set(storedPairKey(o), o);
  const fresh = new Map<string, OverlapCandidate>();
  const rescored = new Map<string, { id: string; reasons: string[]; score: number }>();
  const holding = new Set<string>();
  for (const c of candidates) {
    yield;
    const old = byKey.get(c.pairKey);
    if (!old) fresh.set(c.pairKey, c);
    else {
      holding.add(old.id);
      if (!sameReasons(old, c)) rescored.set(old.id, { id: old.id, reasons: c.reasons, score: c.score });
    }
  }
  const flagNow = yield* strongestSteps(fresh.values(), MAX_NEW_FLAGS_PER_PASS);
  const stale = stored.filter((o) => !holding.has(o.id) && o.status === 'open').map((o) => o.id);
  return { flagNow, rescored: [...rescored.values()], stale, pairs: fresh.size + holding.size };
}

/**
 * New flags per INSERT. Embedded PGlite runs each statement in this thread: 1,000 new flags in one statement held
 * the event loop for a quarter of a second.
 */
const NEW_FLAGS_PER_STATEMENT = 250;

/** What reconciling `candidates` with `stored` would change, worked out giving the event loop turns. */
export function planOverlapChanges(candidates: OverlapCandidate[], stored: OverlapRow[]): Promise<OverlapChanges> {
  return runSliced(overlapChangeSteps(candidates, stored), PASS_SLICE_MS);
}

/**
 * Makes stored overlaps agree with `candidates` for the pairs in `stored`' scope: new pairs are
 * inserted open, changed ones get new reasons and score (keeping their status), pairs no longer
 * overlapping are deleted when open and kept when resolved. Returns the newly flagged rows.
 */
export async function reconcileOverlaps(tx: Executor, candidates: OverlapCandidate[], stored: OverlapRow[]): Promise<OverlapPassResult> {
  return applyOverlapChanges(tx, await planOverlapChanges(candidates, stored));
}

/** What a pass wrote: new flags, flags gone (no longer overlapping), and some of the rescored ones, for announcing. */
export interface OverlapPassResult {
  flagged: OverlapRow[];
  gone: OverlapRow[];
  /** At most MAX_RESCORED_ANNOUNCED of them: a page refetches its list on the first one it hears. */
  rescored: OverlapRow[];
  removed: number;
  pairs: number;
}

/** Rescored flags read back to announce; a title edit in a pasted plan can rescore thousands. */
const MAX_RESCORED_ANNOUNCED = 200;

/** Writes planned overlap changes inside `tx`. */
export async function applyOverlapChanges(tx: Executor, changes: OverlapChanges): Promise<OverlapPassResult> {
  const { flagNow, rescored, stale, pairs } = changes;
  // One statement per 1,000 changed pairs, not one each: a title edit rescores every overlap of its activity.
  for (let i = 0; i < rescored.length; i += 1000) {
    const rows = sql.join(
      rescored.slice(i, i + 1000).map((r) => sql`(${r.id}::text, ${JSON.stringify(r.reasons)}::jsonb, ${r.score}::real)`),
      sql`, `,
    );
    // "overlaps" is a reserved word in SQL (the period operator): quoted.
    await tx.execute(sql`update "overlaps" set reasons = v.reasons, score = v.score, updated_at = now() from (values ${rows}) as v(id, reasons, score) where "overlaps".id = v.id`);
  }
  // Still open: someone may have resolved it since it was read (passes on PGlite plan outside their transaction).
  const gone: OverlapRow[] = [];
  for (let i = 0; i < stale.length; i += 5000) gone.push(...(await tx.delete(overlaps).where(and(inArray(overlaps.id, stale.slice(i, i + 5000)), eq(overlaps.status, 'open'))).returning()));
  const announcedRescores = rescored.slice(0, MAX_RESCORED_ANNOUNCED).map((r) => r.id);
  const rescoredRows = announcedRescores.length ? await tx.select().from(overlaps).where(inArray(overlaps.id, announcedRescores)) : [];
  const flagged: OverlapRow[] = [];
  for (let i = 0; i < flagNow.length; i += NEW_FLAGS_PER_STATEMENT) {
    // Another pass may have flagged the same pair a moment ago: only the insert that wins announces it.
    const inserted = await tx
      .insert(overlaps)
      .values(
        flagNow.slice(i, i + NEW_FLAGS_PER_STATEMENT).map((c) => ({
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
    await nextTurn(); // PGlite's statements resolve without a macrotask between them
  }
  return { flagged, gone, rescored: rescoredRows, removed: stale.length, pairs };
}

/** Re-detects the overlaps of one plan's changed and removed activities. */
export async function updateOverlapsFor(tx: Executor, diff: ProjectionDiff): Promise<OverlapPassResult> {
  const ids = [...diff.changed.map((r) => r.activityId), ...diff.removedIds];
  if (!ids.length) return { flagged: [], gone: [], rescored: [], removed: 0, pairs: 0 };
  await lockMandateAreas(tx, [...diff.changed, ...diff.previous].map((r) => r.mandateArea));
  const { candidates, stored } = await detectChangedOverlaps(await readOverlapScope(tx, diff), diff);
  return reconcileOverlaps(tx, candidates, stored);
}

/** What detection reads for a plan's change: its changed rows' neighbourhood, and the stored overlaps of what changed. */
export interface OverlapScope {
  neighbourhood: ActivityRow[];
  stored: OverlapRow[];
}

/**
 * Reads a change's scope. The changed rows are left out of the neighbourhood, as detection takes them from
 * `changed` (walking past 20,000 copies of a plan projected whole, per changed row, took minutes); so are removed
 * rows, which a pass in short transactions deletes only when it writes its overlaps.
 */
export async function readOverlapScope(tx: Executor, diff: ProjectionDiff): Promise<OverlapScope> {
  const ids = [...diff.changed.map((r) => r.activityId), ...diff.removedIds];
  const neighbourhood = await loadNeighbourhood(tx, diff.documentId, diff.changed, diff.removedIds);
  return { neighbourhood, stored: await storedOverlapsOf(tx, diff.documentId, ids) };
}

/** The candidate overlaps of a change within its scope: new pairs, and stored pairs that still hold. */
export async function detectChangedOverlaps(scope: OverlapScope, diff: ProjectionDiff): Promise<{ candidates: OverlapCandidate[]; stored: OverlapRow[] }> {
  const neighbourhood = await ActivityIndex.built(scope.neighbourhood);
  const detected = await detectOverlapsPaced(diff.changed, neighbourhood);
  const held = await recheckPairsPaced(scope.stored.map(storedPair), diff.changed, neighbourhood);
  return { candidates: [...detected, ...held], stored: scope.stored };
}
