/** The React keys of the activity table's rows. */
import { useMemo, useRef } from 'react';
import type { ActivitySnapshot } from './activityRowsStore.js';

/**
 * Keys for `count` rows, `keyAt(p)` the wanted key of position p, or `before` itself when every position keeps its key.
 * Two rows with one id (another client may write them) get distinct keys: React would otherwise mix them up. A repeat
 * never matches `before` as it stands, so such a plan re-keys on each change: rare, and cheap.
 */
export function distinctRowKeys(count: number, keyAt: (position: number) => string, before: readonly string[]): readonly string[] {
  let same = before.length === count;
  for (let p = 0; same && p < count; p++) same = keyAt(p) === before[p];
  if (same) return before;
  const seen = new Set<string>();
  return Array.from({ length: count }, (_, p) => {
    const wanted = keyAt(p);
    let key = wanted;
    for (let n = 1; seen.has(key); n++) key = `${wanted}#${n}`;
    seen.add(key);
    return key;
  });
}

/**
 * Each row's key (its activity id, or its position when it has none). The same array comes back while no row was
 * added, removed, moved or given another id, so a keystroke in a 20,000-row plan does not re-index the whole window.
 */
export function useRowKeys(rows: readonly ActivitySnapshot[], order: readonly number[] | null): readonly string[] {
  const previous = useRef<readonly string[]>([]);
  return useMemo(() => {
    const keyAt = (position: number) => {
      const i = order ? order[position] : position;
      return rows[i].activity.id || `i${i}`;
    };
    return (previous.current = distinctRowKeys(order ? order.length : rows.length, keyAt, previous.current));
  }, [rows, order]);
}
