/**
 * Overlap detection over projected activities: pure (no HTTP, no DB), incremental, and indexed by
 * mandate area × state so one edited activity is compared only with its plausible neighbours.
 */
import type { OverlapReason } from '../../shared/constants.js';
import { featureSimilarity, textFeatures, type TextFeatures } from './textSimilarity.js';

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
  /** Eligible rows only: null when the row can never overlap (no lead, area or place; cancelled). */
  states: ReadonlySet<string> | null;
  munis: ReadonlySet<string>;
  /** Every state the row touches: its states plus its municipalities' states (the index buckets). */
  touched: string[];
  start: string;
  end: string;
  title: TextFeatures;
  target: TextFeatures;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const OPEN_START = '0000-00-00';
const OPEN_END = '9999-99-99';

function prepare(row: ActivityRow): IndexedActivity {
  const key = activityKey(row);
  const states = new Set(row.stateCodes);
  const munis = new Set(row.municipalityCodes);
  const touched = new Set(states);
  for (const m of munis) touched.add(m.slice(0, 2));
  const eligible = !!row.leadOrganizationId && !!row.mandateArea && row.status !== 'cancelled' && touched.size > 0;
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
    target: textFeatures(row.target),
  };
}

function bucketKey(mandateArea: string, state: string): string {
  return `${mandateArea}|${state}`;
}

/** In-memory index of activity rows by mandate area × state; upsert and remove by key. */
export class ActivityIndex {
  private readonly byKey = new Map<string, IndexedActivity>();
  private readonly buckets = new Map<string, Set<IndexedActivity>>();
  private readonly byDocument = new Map<string, Set<string>>();

  constructor(rows: Iterable<ActivityRow> = []) {
    for (const row of rows) this.upsert(row);
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
      if (!bucket) this.buckets.set(bk, (bucket = new Set()));
      bucket.add(entry);
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

  /** All rows held. */
  rows(): ActivityRow[] {
    return [...this.byKey.values()].map((e) => e.row);
  }

  /** @internal Prepared entries sharing a mandate area and a touched state with `entry`, excluding itself. */
  neighbours(entry: IndexedActivity, visit: (other: IndexedActivity) => void): void {
    if (!entry.states) return;
    const seen = new Set<IndexedActivity>();
    for (const state of entry.touched) {
      const bucket = this.buckets.get(bucketKey(entry.row.mandateArea as string, state));
      if (!bucket) continue;
      for (const other of bucket) {
        if (other.key === entry.key || seen.has(other)) continue;
        seen.add(other);
        visit(other);
      }
    }
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
      bucket?.delete(old);
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

/** Compares two prepared rows; null when they are not an overlap. */
function compare(x: IndexedActivity, y: IndexedActivity): OverlapCandidate | null {
  if (!x.states || !y.states || x.key === y.key) return null;
  if (x.row.mandateArea !== y.row.mandateArea) return null;
  if (x.start > y.end || y.start > x.end) return null;
  if (!placesOverlap(x, y)) return null;
  const reasons: OverlapReason[] = ['same_mandate_area', 'same_place', 'dates_overlap'];
  const titleSim = featureSimilarity(x.title, y.title);
  // One agency runs many activities in one area, place and year: its own pair is a duplicate only when the titles
  // say it is the same activity (planned in two working groups, or copied twice into one plan).
  if (x.row.leadOrganizationId === y.row.leadOrganizationId && titleSim < SIMILAR_TITLE_THRESHOLD) return null;
  if (titleSim >= SIMILAR_TITLE_THRESHOLD) reasons.push('similar_title');
  const targetSim = featureSimilarity(x.target, y.target);
  const sameTarget = targetSim >= SAME_TARGET_THRESHOLD;
  if (sameTarget) reasons.push('same_target');
  const raw = BASE_SCORE + TITLE_WEIGHT * titleSim + (sameTarget ? TARGET_WEIGHT * targetSim : 0);
  const score = Math.round(Math.min(1, raw) * 1000) / 1000;
  const [a, b] = x.key < y.key ? [x, y] : [y, x];
  return {
    pairKey: `${a.key}|${b.key}`,
    a: { documentId: a.row.documentId, activityId: a.row.activityId },
    b: { documentId: b.row.documentId, activityId: b.row.activityId },
    reasons,
    score,
  };
}

function sortCandidates(list: OverlapCandidate[]): OverlapCandidate[] {
  return list.sort((p, q) => (p.pairKey < q.pairKey ? -1 : p.pairKey > q.pairKey ? 1 : 0));
}

/**
 * Overlaps involving any of `changed`, against `all` (whose copies of changed rows, if any, are
 * ignored in favour of the changed versions). Sorted by pair key.
 */
export function detectOverlapsFor(changed: ActivityRow[], all: ActivityIndex): OverlapCandidate[] {
  // Changed rows among themselves go through their own small index, with their fresh data.
  const fresh = new ActivityIndex(changed);
  const out = new Map<string, OverlapCandidate>();
  for (const entry of fresh.entries()) {
    const collect = (other: IndexedActivity): void => {
      const found = compare(entry, other);
      if (found && !out.has(found.pairKey)) out.set(found.pairKey, found);
    };
    fresh.neighbours(entry, collect);
    all.neighbours(entry, (other) => {
      if (!fresh.get(other.key)) collect(other);
    });
  }
  return sortCandidates([...out.values()]);
}

/** Every overlap among `rows`, sorted by pair key. */
export function detectAllOverlaps(rows: ActivityRow[] | ActivityIndex): OverlapCandidate[] {
  const index = rows instanceof ActivityIndex ? rows : new ActivityIndex(rows);
  const out: OverlapCandidate[] = [];
  for (const entry of index.entries()) {
    index.neighbours(entry, (other) => {
      // Each unordered pair is met from both sides; keep the visit from its smaller key.
      if (entry.key < other.key) {
        const found = compare(entry, other);
        if (found) out.push(found);
      }
    });
  }
  return sortCandidates(out);
}
