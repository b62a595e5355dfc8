/**
 * Overlap detection over projected activities: pure (no HTTP, no DB), incremental, and indexed by
 * mandate area × state so one edited activity is compared only with its plausible neighbours.
 */
import type { OverlapReason } from '../../shared/constants.js';
import { runAtOnce, runSliced, type Steps } from '../workers/timeSlice.js';
import { featureSimilarity, targetFeatures, textFeatures, type TextFeatures } from './textSimilarity.js';

/** One projected activity row (the `activity_projection` table without bookkeeping columns). */
export interface ActivityRow {
  documentId: string;
  activityId: string;
  workspaceId: string;
  title: string;
  description: string;
  leadOrganizationId: string | null;
  partnerOrganizationIds: string[];
  mandateArea: string | null;
  stateCodes: string[];
  municipalityCodes: string[];
  startDate: string | null;
  endDate: string | null;
  status: string;
  target: string;
}

/** Identifies an activity across plans. */
export interface ActivityRef {
  documentId: string;
  activityId: string;
}

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

/** The key an activity is indexed and ordered by. */
export function activityKey(ref: ActivityRef): string {
  return `${ref.documentId}:${ref.activityId}`;
}

/** A row plus everything comparisons need, computed once per upsert (internal to the index). */
export interface IndexedActivity {
  key: string;
  row: ActivityRow;
  /** Eligible rows only: null when the row can never overlap (no area or place; cancelled). */
  states: ReadonlySet<string> | null;
  munis: ReadonlySet<string>;
  /** Every state the row touches: its states plus its municipalities' states (the index buckets). */
  touched: string[];
  start: string;
  end: string;
  title: TextFeatures;
  target: TextFeatures;
}

/** Longest stretch of detection work between two turns of the event loop, in passes that pace themselves. */
export const PASS_SLICE_MS = 10;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const OPEN_START = '0000-00-00';
const OPEN_END = '9999-99-99';

function prepare(row: ActivityRow): IndexedActivity {
  const key = activityKey(row);
  const states = new Set(row.stateCodes);
  const munis = new Set(row.municipalityCodes);
  const touched = new Set(states);
  for (const m of munis) touched.add(m.slice(0, 2));
  // A draft without a lead yet can duplicate someone's activity as well as any (see pairScore for how it compares).
  const eligible = !!row.mandateArea && row.status !== 'cancelled' && touched.size > 0;
  // Dates are ISO strings, so they compare lexicographically; missing or unparsable ends are open.
  let start = row.startDate && ISO_DATE.test(row.startDate) ? row.startDate.slice(0, 10) : OPEN_START;
  let end = row.endDate && ISO_DATE.test(row.endDate) ? row.endDate.slice(0, 10) : OPEN_END;
  // A reversed range is a typo, not an empty activity; swapping keeps it from hiding overlaps.
  if (start > end) [start, end] = [end, start];
  return {
    key,
    row,
    states: eligible ? states : null,
    munis,
    touched: eligible ? [...touched] : [],
    start,
    end,
    title: textFeatures(row.title),
    target: targetFeatures(row.target),
  };
}

function bucketKey(mandateArea: string, state: string): string {
  return `${mandateArea}|${state}`;
}

/** In-memory index of activity rows by mandate area × state; upsert and remove by key. */
export class ActivityIndex {
  private readonly byKey = new Map<string, IndexedActivity>();
  /** Area × state → plan → its rows there (by plan, so a walk can take other plans first without skipping). */
  private readonly buckets = new Map<string, Map<string, Set<IndexedActivity>>>();
  private readonly byDocument = new Map<string, Set<string>>();

  constructor(rows: Iterable<ActivityRow> = []) {
    runAtOnce(this.upsertSteps(rows));
  }

  /**
   * An index of `rows`, built giving the event loop a turn every few milliseconds: preparing a row's text features
   * costs ~25 µs, so the 20,000 rows of a plan pasted whole held the loop for half a second.
   */
  static async built(rows: Iterable<ActivityRow>): Promise<ActivityIndex> {
    const index = new ActivityIndex();
    await runSliced(index.upsertSteps(rows), PASS_SLICE_MS);
    return index;
  }

  /** Upserts `rows`, one step each. */
  *upsertSteps(rows: Iterable<ActivityRow>): Steps {
    for (const row of rows) {
      this.upsert(row);
      yield;
    }
  }

  /** Number of rows held (eligible or not). */
  get size(): number {
    return this.byKey.size;
  }

  /** Inserts or replaces a row. */
  upsert(row: ActivityRow): void {
    const entry = prepare(row);
    this.removeKey(entry.key);
    this.byKey.set(entry.key, entry);
    let doc = this.byDocument.get(row.documentId);
    if (!doc) this.byDocument.set(row.documentId, (doc = new Set()));
    doc.add(entry.key);
    for (const state of entry.touched) {
      const bk = bucketKey(row.mandateArea as string, state);
      let bucket = this.buckets.get(bk);
      if (!bucket) this.buckets.set(bk, (bucket = new Map()));
      let plan = bucket.get(row.documentId);
      if (!plan) bucket.set(row.documentId, (plan = new Set()));
      plan.add(entry);
    }
  }

  /** Removes one row; false when it was not there. */
  remove(ref: ActivityRef | string): boolean {
    return this.removeKey(typeof ref === 'string' ? ref : activityKey(ref));
  }

  /** Removes every row of a document (a plan re-projected from scratch), returning them. */
  removeDocument(documentId: string): ActivityRow[] {
    const keys = [...(this.byDocument.get(documentId) ?? [])];
    const removed = keys.map((k) => this.byKey.get(k)!.row);
    for (const k of keys) this.removeKey(k);
    return removed;
  }

  /** The row stored under a ref, if any. */
  get(ref: ActivityRef | string): ActivityRow | undefined {
    return this.byKey.get(typeof ref === 'string' ? ref : activityKey(ref))?.row;
  }

  /** @internal The prepared entry stored under a key, if any. */
  entry(key: string): IndexedActivity | undefined {
    return this.byKey.get(key);
  }

  /** All rows held. */
  rows(): ActivityRow[] {
    return [...this.byKey.values()].map((e) => e.row);
  }

  /**
   * @internal Prepared entries sharing a mandate area and a touched state with `entry`, excluding itself: those of
   * other plans, of its own plan, or both. Stops when `visit` returns false, and then returns false too.
   */
  neighbours(entry: IndexedActivity, visit: (other: IndexedActivity) => boolean | void, plans: 'all' | 'other' | 'same' = 'all'): boolean {
    if (!entry.states) return true;
    const own = entry.row.documentId;
    // Only an activity in several states can meet a neighbour twice.
    const seen = entry.touched.length > 1 ? new Set<IndexedActivity>() : null;
    for (const state of entry.touched) {
      const bucket = this.buckets.get(bucketKey(entry.row.mandateArea as string, state));
      if (!bucket) continue;
      const groups = plans === 'same' ? [bucket.get(own)] : bucket.entries();
      for (const group of groups) {
        if (!group) continue;
        let rows: Set<IndexedActivity>;
        if (group instanceof Set) rows = group;
        else if (plans === 'other' && group[0] === own) continue;
        else rows = group[1];
        for (const other of rows) {
          if (other.key === entry.key || seen?.has(other)) continue;
          seen?.add(other);
          if (visit(other) === false) return false;
        }
      }
    }
    return true;
  }

  /** @internal */
  entries(): IterableIterator<IndexedActivity> {
    return this.byKey.values();
  }

  private removeKey(key: string): boolean {
    const old = this.byKey.get(key);
    if (!old) return false;
    this.byKey.delete(key);
    const doc = this.byDocument.get(old.row.documentId);
    doc?.delete(key);
    if (doc && doc.size === 0) this.byDocument.delete(old.row.documentId);
    for (const state of old.touched) {
      const bk = bucketKey(old.row.mandateArea as string, state);
      const bucket = this.buckets.get(bk);
      const plan = bucket?.get(old.row.documentId);
      plan?.delete(old);
      if (plan && plan.size === 0) bucket!.delete(old.row.documentId);
      if (bucket && bucket.size === 0) this.buckets.delete(bk);
    }
    return true;
  }
}

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
  const dated = (e: IndexedActivity) => e.start !== OPEN_START || e.end !== OPEN_END;
  const reasons: OverlapReason[] = dated(x) && dated(y) ? ['same_mandate_area', 'same_place', 'dates_overlap'] : ['same_mandate_area', 'same_place'];
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
