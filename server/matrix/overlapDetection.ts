/**
 * Overlap detection over projected activities: pure (no HTTP, no DB), incremental, and run over the activity index
 * (activityIndex.ts) so one edited activity is compared only with its plausible neighbours.
 */
import type { OverlapReason } from '../../shared/constants.js';
import { runAtOnce, runSliced, type Steps } from '../workers/timeSlice.js';
import { ActivityIndex, activityKey, isDated, PASS_SLICE_MS, prepare, type ActivityRef, type ActivityRow, type IndexedActivity } from './activityIndex.js';
import { featureSimilarity } from './textSimilarity.js';

/** A detected overlap; `a` < `b` by `documentId:activityId`, so a pair has exactly one form. */
export interface OverlapCandidate {
  /** `${aKey}|${bKey}`: stable identity of the pair, for diffing against stored overlaps. */
  pairKey: string;
  a: ActivityRef;
  b: ActivityRef;
  reasons: OverlapReason[];
  score: number;
}

/**
 * Titles at or above this similarity get `similar_title`. Measured on real-style titles:
 * paraphrases ("Capacitación en trata de personas" / "capacitacion sobre trata de personas",
 * "Fortalecimiento de capacidades de fiscalías" / "Fortalecer capacidades fiscales") score 0.7–1.0,
 * while titles sharing one generic word ("Capacitación a fiscales en lavado de dinero" /
 * "Capacitación a policías en trata de personas") score ≈ 0.3 and same-theme-different-action ≈ 0.45.
 * 0.5 sits between: more than half of the content is shared.
 */
export const SIMILAR_TITLE_THRESHOLD = 0.5;
/** Targets are short and quantitative ("200 fiscales capacitados"), so they must nearly match. */
export const SAME_TARGET_THRESHOLD = 0.8;


function placesOverlap(x: IndexedActivity, y: IndexedActivity): boolean {
  const xs = x.states!;
  const ys = y.states!;
  for (const s of xs) if (ys.has(s)) return true;
  for (const m of x.munis) if (ys.has(m.slice(0, 2)) || y.munis.has(m)) return true;
  for (const m of y.munis) if (xs.has(m.slice(0, 2))) return true;
  return false;
}

/** Weights of the score: the three required reasons give the floor, title and target raise it. */
const BASE_SCORE = 0.4;
const TITLE_WEIGHT = 0.4;
const TARGET_WEIGHT = 0.2;

/**
 * The most overlaps one activity gets flagged with in a pass: its strongest ones (highest score, then first by key).
 * One area, state and year can hold thousands of activities of several agencies, and every pair of them is an
 * overlap: 2,000 such activities made 1.7 million flags (a gigabyte of memory, then the node ran out of it at 5,000).
 * Past this many, more flags tell the working group nothing new. Flags already stored stay while they hold.
 */
export const MAX_NEW_FLAGS_PER_ACTIVITY = 20;

/** The overlap score of two prepared rows, or -1 when they are not an overlap (allocates nothing). */
function pairScore(x: IndexedActivity, y: IndexedActivity): number {
  if (!x.states || !y.states || x.key === y.key) return -1;
  if (x.row.mandateArea !== y.row.mandateArea) return -1;
  if (x.start > y.end || y.start > x.end) return -1;
  if (!placesOverlap(x, y)) return -1;
  const titleSim = featureSimilarity(x.title, y.title);
  // One agency runs many activities in one area, place and year: its own pair is a duplicate only when the titles
  // say it is the same activity (planned in two working groups, or copied twice into one plan). A row without a lead
  // may be anyone's, that agency's too: it is held to the same test, so drafts are not flagged against everything.
  const maySameAgency = !x.row.leadOrganizationId || !y.row.leadOrganizationId || x.row.leadOrganizationId === y.row.leadOrganizationId;
  if (maySameAgency && titleSim < SIMILAR_TITLE_THRESHOLD) return -1;
  const targetSim = featureSimilarity(x.target, y.target);
  const raw = BASE_SCORE + TITLE_WEIGHT * titleSim + (targetSim >= SAME_TARGET_THRESHOLD ? TARGET_WEIGHT * targetSim : 0);
  return Math.round(Math.min(1, raw) * 1000) / 1000;
}

/** Compares two prepared rows; null when they are not an overlap. */
function compare(x: IndexedActivity, y: IndexedActivity): OverlapCandidate | null {
  const score = pairScore(x, y);
  if (score < 0) return null;
  // Undated activities are compared as running any time (so they are still flagged), but "the dates overlap" is said
  // only of two that have dates.
  const reasons: OverlapReason[] = isDated(x) && isDated(y) ? ['same_mandate_area', 'same_place', 'dates_overlap'] : ['same_mandate_area', 'same_place'];
  if (featureSimilarity(x.title, y.title) >= SIMILAR_TITLE_THRESHOLD) reasons.push('similar_title');
  if (featureSimilarity(x.target, y.target) >= SAME_TARGET_THRESHOLD) reasons.push('same_target');
  const [a, b] = x.key < y.key ? [x, y] : [y, x];
  return {
    pairKey: `${a.key}|${b.key}`,
    a: { documentId: a.row.documentId, activityId: a.row.activityId },
    b: { documentId: b.row.documentId, activityId: b.row.activityId },
    reasons,
    score,
  };
}

/** One activity's strongest overlaps so far: at most `MAX_NEW_FLAGS_PER_ACTIVITY`, strongest first. */
class StrongestOverlaps {
  private readonly kept: Array<{ other: IndexedActivity; score: number }> = [];

  offer(other: IndexedActivity, score: number): void {
    const kept = this.kept;
    if (kept.length === MAX_NEW_FLAGS_PER_ACTIVITY) {
      const weakest = kept[kept.length - 1];
      if (score < weakest.score || (score === weakest.score && other.key > weakest.other.key)) return;
      kept.pop();
    }
    let i = kept.length;
    while (i > 0 && (kept[i - 1].score < score || (kept[i - 1].score === score && kept[i - 1].other.key > other.key))) i--;
    kept.splice(i, 0, { other, score });
  }

  others(): IndexedActivity[] {
    return this.kept.map((k) => k.other);
  }
}

function sortCandidates(list: OverlapCandidate[]): OverlapCandidate[] {
  return list.sort((p, q) => (p.pairKey < q.pairKey ? -1 : p.pairKey > q.pairKey ? 1 : 0));
}

/**
 * Neighbours compared per pass at most, shared among the activities the pass detects for (each gets at least
 * `MIN_COMPARED_PER_ACTIVITY`). Comparing every pair is quadratic: 5,000 activities in one area, state and year took
 * 14 s with the plan's transaction open, and the 20,000 a plan may hold would take minutes. Neighbours in other
 * plans are compared first, so duplicates across working groups are the last to be missed.
 */
export const MAX_COMPARED_PER_PASS = 3_000_000;
const MIN_COMPARED_PER_ACTIVITY = 150;

/** Neighbours each of `activities` activities is compared with at most, out of `perPass`. */
function comparedPerActivity(activities: number, perPass: number): number {
  return Math.max(MIN_COMPARED_PER_ACTIVITY, Math.floor(perPass / Math.max(1, activities)));
}

/** Walks neighbours into `see`; `stale` ones (copies a changed row replaces) only count against the budget. */
type NeighbourWalk = (see: (other: IndexedActivity, stale?: boolean) => boolean) => void;

/** Adds `entry`'s strongest overlaps among the first `budget` neighbours `walk` visits to `out`. */
function collectStrongest(entry: IndexedActivity, walk: NeighbourWalk, budget: number, out: Map<string, OverlapCandidate>): void {
  const strongest = new StrongestOverlaps();
  let compared = 0;
  walk((other, stale) => {
    if (!stale) {
      const score = pairScore(entry, other);
      if (score >= 0) strongest.offer(other, score);
    }
    return ++compared < budget;
  });
  for (const other of strongest.others()) {
    const found = compare(entry, other);
    if (found && !out.has(found.pairKey)) out.set(found.pairKey, found);
  }
}

/**
 * Overlaps involving any of `changed`, against `all` (whose copies of changed rows, if any, are
 * ignored in favour of the changed versions): each changed activity's strongest ones. Sorted by pair key.
 */
export function detectOverlapsFor(changed: ActivityRow[], all: ActivityIndex, comparedPerPass = MAX_COMPARED_PER_PASS): OverlapCandidate[] {
  return sortCandidates(runAtOnce(overlapSteps(changed, all, comparedPerPass)));
}

/**
 * `detectOverlapsFor`, giving the event loop a turn every `sliceMs` of work, in no particular order (sorting the
 * 400,000 candidates of a plan pasted whole would hold the loop again).
 */
export function detectOverlapsPaced(changed: ActivityRow[], all: ActivityIndex, sliceMs = PASS_SLICE_MS, comparedPerPass = MAX_COMPARED_PER_PASS): Promise<OverlapCandidate[]> {
  return runSliced(overlapSteps(changed, all, comparedPerPass), sliceMs);
}

/** Detection for `changed`, one changed row indexed or one changed activity compared per step; unsorted. */
function* overlapSteps(changed: ActivityRow[], all: ActivityIndex, comparedPerPass: number): Steps<OverlapCandidate[]> {
  // Changed rows among themselves go through their own small index, with their fresh data.
  const fresh = new ActivityIndex();
  yield* fresh.upsertSteps(changed);
  const budget = comparedPerActivity(fresh.size, comparedPerPass);
  const out = new Map<string, OverlapCandidate>();
  for (const entry of fresh.entries()) {
    const walk: NeighbourWalk = (see) => {
      // Other plans' rows first (see MAX_COMPARED_PER_PASS). Every visit counts, skipped stale copies too: the
      // budget bounds the walk, and the pass leaves changed rows out of `all` (overlapPass.ts).
      const unlessStale = (other: IndexedActivity): boolean => see(other, fresh.get(other.key) !== undefined);
      if (!all.neighbours(entry, unlessStale, 'other') || !all.neighbours(entry, unlessStale, 'same')) return;
      fresh.neighbours(entry, see);
    };
    collectStrongest(entry, walk, budget, out);
    yield;
  }
  return [...out.values()];
}

/** Every overlap among `rows` that is one of its activities' strongest, sorted by pair key. */
export function detectAllOverlaps(rows: ActivityRow[] | ActivityIndex, comparedPerPass = MAX_COMPARED_PER_PASS): OverlapCandidate[] {
  const index = rows instanceof ActivityIndex ? rows : new ActivityIndex(rows);
  return sortCandidates(runAtOnce(allOverlapSteps(index, comparedPerPass)));
}

/** `detectAllOverlaps` over an index, giving the event loop a turn every few milliseconds; unsorted (see above). */
export function detectAllOverlapsPaced(index: ActivityIndex, comparedPerPass = MAX_COMPARED_PER_PASS): Promise<OverlapCandidate[]> {
  return runSliced(allOverlapSteps(index, comparedPerPass), PASS_SLICE_MS);
}

/** Detection over a whole index, one activity compared per step; unsorted. */
function* allOverlapSteps(index: ActivityIndex, comparedPerPass: number): Steps<OverlapCandidate[]> {
  const budget = comparedPerActivity(index.size, comparedPerPass);
  const out = new Map<string, OverlapCandidate>();
  for (const entry of index.entries()) {
    const walk: NeighbourWalk = (see) => {
      if (index.neighbours(entry, see, 'other')) index.neighbours(entry, see, 'same');
    };
    collectStrongest(entry, walk, budget, out);
    yield;
  }
  return [...out.values()];
}

/**
 * The pairs among `pairs` that still overlap, as candidates: flags already stored are kept while they hold, even
 * when they are no longer among either activity's strongest. `changed` rows win over their copies in `all`.
 */
export function recheckPairs(pairs: Array<[ActivityRef, ActivityRef]>, changed: ActivityRow[], all: ActivityIndex): OverlapCandidate[] {
  return runAtOnce(recheckSteps(pairs, changed, all));
}

/** `recheckPairs`, giving the event loop a turn every few milliseconds (a rebuild rechecks every stored flag). */
export function recheckPairsPaced(pairs: Array<[ActivityRef, ActivityRef]>, changed: ActivityRow[], all: ActivityIndex): Promise<OverlapCandidate[]> {
  return runSliced(recheckSteps(pairs, changed, all), PASS_SLICE_MS);
}

/** Rechecks `pairs`, one per step. */
function* recheckSteps(pairs: Array<[ActivityRef, ActivityRef]>, changed: ActivityRow[], all: ActivityIndex): Steps<OverlapCandidate[]> {
  if (!pairs.length) return [];
  // Only the changed rows that stored pairs name are prepared (a plan pasted whole has 20,000 changed rows).
  const changedByKey = new Map(changed.map((row) => [activityKey(row), row]));
  const prepared = new Map<string, IndexedActivity>();
  const entry = (ref: ActivityRef): IndexedActivity | undefined => {
    const key = activityKey(ref);
    const row = changedByKey.get(key);
    if (!row) return all.entry(key);
    let found = prepared.get(key);
    if (!found) prepared.set(key, (found = prepare(row)));
    return found;
  };
  const out: OverlapCandidate[] = [];
  for (const [a, b] of pairs) {
    yield;
    const x = entry(a);
    const y = entry(b);
    const found = x && y ? compare(x, y) : null;
    if (found) out.push(found);
  }
  return out;
}
