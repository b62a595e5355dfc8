/** Activity id → title, following the live plan, for naming the activities comments are about. */
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { activityRowsStore, type ActivitySnapshot } from '../../plan/activityRowsStore.js';

/** Whether `map`, built from the rows `before`, still holds the ids and titles of the rows `now`. */
function sameTitles(map: ReadonlyMap<string, string>, before: readonly ActivitySnapshot[], now: readonly ActivitySnapshot[]): boolean {
  // The store keeps an untouched row's snapshot, so with the rows in place only the replaced ones need a look.
  if (before.length === now.length) {
    return now.every((s, i) => {
      if (s === before[i]) return true;
      const was = before[i].activity;
      return s.row === before[i].row && s.activity.id === was.id && s.activity.title === was.title;
    });
  }
  return sameTitlesIn(map, now);
}

function sameTitlesIn(map: ReadonlyMap<string, string>, rows: readonly ActivitySnapshot[]): boolean {
  let n = 0;
  for (const { activity } of rows) {
    if (!activity.id) continue;
    n++;
    if (map.get(activity.id) !== activity.title) return false;
  }
  return n === map.size;
}

/**
 * The titles of the plan's activities (rows with an id). The same Map comes back until an id or a title changes,
 * so typing in another field or a status change does not re-render the comment margin.
 */
export function useActivityTitles(ydoc: Y.Doc): ReadonlyMap<string, string> {
  const store = activityRowsStore(ydoc);
  const select = useMemo(() => {
    let rows: readonly ActivitySnapshot[] | null = null;
    let titles: ReadonlyMap<string, string> = new Map();
    return () => {
      const now = store.getSnapshot();
      if (now === rows) return titles;
      if (rows === null || !sameTitles(titles, rows, now)) titles = new Map(now.filter((r) => r.activity.id).map((r) => [r.activity.id, r.activity.title]));
      rows = now;
      return titles;
    };
  }, [store]);
  return useSyncExternalStore(store.subscribe, select, select);
}
