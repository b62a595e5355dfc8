/**
 * The in-memory index overlap detection walks: projected activity rows prepared once (places, open-ended dates,
 * title and target features) and bucketed by mandate area × state, so one edited activity meets only its plausible
 * neighbours.
 */
import { runAtOnce, runSliced, type Steps } from '../workers/timeSlice.js';
import { targetFeatures, textFeatures, type TextFeatures } from './textSimilarity.js';

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

/** Whether a prepared row has a start or an end date (an undated one is compared as running any time). */
export function isDated(entry: IndexedActivity): boolean {
  return entry.start !== OPEN_START || entry.end !== OPEN_END;
}

/** A row prepared for comparison: its places, its dates with open ends, and its title and target features. */
export function prepare(row: ActivityRow): IndexedActivity {
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
