/**
 * The plan's activity rows as immutable snapshots, one per row, for React. A Yjs change replaces only the snapshots
 * of the rows it touched (a whole-table re-read per keystroke cost hundreds of milliseconds on big plans), so a
 * memoized row re-renders only when its own row changed. One store per Y.Doc, shared by every reader.
 */
import { useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { getActivities, readActivity, type Activity } from '../../shared/planModel.js';

/** One row: its Y.Map (stable for the row's life) and what it holds now (a new object whenever the row changed). */
export interface ActivitySnapshot {
  row: Y.Map<unknown>;
  activity: Activity;
}

/** Subscribe and read, as useSyncExternalStore wants them. */
export interface ActivityRowsStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly ActivitySnapshot[];
}

const stores = new WeakMap<Y.Doc, ActivityRowsStore>();

/** The row of `activities` an event happened in (its target or an ancestor), or null for the array itself. */
function rowOf(target: Y.AbstractType<unknown>, activities: Y.Array<Y.Map<unknown>>): Y.Map<unknown> | null {
  let node: Y.AbstractType<unknown> | null = target;
  while (node && node.parent !== activities) node = node.parent as Y.AbstractType<unknown> | null;
  return node instanceof Y.Map ? node : null;
}

function createStore(ydoc: Y.Doc): ActivityRowsStore {
  const activities = getActivities(ydoc);
  const listeners = new Set<() => void>();
  const read = (row: Y.Map<unknown>): ActivitySnapshot => ({ row, activity: readActivity(row) });
  let snapshots: readonly ActivitySnapshot[] = activities.toArray().filter((r): r is Y.Map<unknown> => r instanceof Y.Map).map(read);
  // Where each row sits in `snapshots`, so a change to a few rows of a 20,000-row plan replaces them without a scan.
  let positions = new Map(snapshots.map((s, i) => [s.row, i]));

  const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    let structural = false;
    const touched = new Set<Y.Map<unknown>>();
    for (const event of events) {
      if (event.target === activities) structural = true;
      else {
        const row = rowOf(event.target, activities);
        if (row) touched.add(row);
      }
    }
    if (!structural && touched.size === 0) return;
    if (structural) {
      // Rows added, removed or moved: keep the snapshots of rows that are still there and were not touched.
      const kept = new Map(snapshots.map((s) => [s.row, s]));
      snapshots = activities
        .toArray()
        .filter((r): r is Y.Map<unknown> => r instanceof Y.Map)
        .map((row) => (!touched.has(row) && kept.get(row)) || read(row));
      positions = new Map(snapshots.map((s, i) => [s.row, i]));
    } else {
      const next = snapshots.slice();
      for (const row of touched) {
        const i = positions.get(row);
        if (i !== undefined) next[i] = read(row);
      }
      snapshots = next;
    }
    for (const listener of listeners) listener();
  };
  // Observed for the doc's life (the store is made once per doc, and goes with it).
  activities.observeDeep(onChange);

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshots,
  };
}

/** The rows store of `ydoc` (made on first use), for readers that select part of it with useSyncExternalStore. */
export function activityRowsStore(ydoc: Y.Doc): ActivityRowsStore {
  let store = stores.get(ydoc);
  if (!store) stores.set(ydoc, (store = createStore(ydoc)));
  return store;
}

/** The plan's rows (Y.Map entries only), re-rendering the caller when any row or the list changes. */
export function useActivityRows(ydoc: Y.Doc): readonly ActivitySnapshot[] {
  const store = activityRowsStore(ydoc);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
