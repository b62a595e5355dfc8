/**
 * How many of a big table's rows to mount yet. Mounting 500 activity rows (a dozen fields each) in one render held
 * the page for seconds on a small machine: no typing, no scrolling, no caret from others. The first slice mounts at
 * once; the rest follow in slices, each a transition React can interrupt for a keystroke, with a paint between them.
 * Once every row is mounted, the count is unlimited for the table's life, so rows added later appear at once.
 */
import { startTransition, useCallback, useEffect, useState } from 'react';

/** Rows mounted with the table: a plan this size or smaller mounts whole in its first render, as before. */
export const FIRST_SLICE = 100;
/** Rows added per later slice. */
export const SLICE = 100;

export interface ProgressiveCount {
  /** Rows to mount now (≤ total). */
  mounted: number;
  /** Whether rows are still waiting to be mounted. */
  pending: boolean;
  /** Mounts every row now (before an action that needs them all: adding a row, going to one). */
  mountAll(): void;
}

/**
 * The mount limit after the row count went from `before` to `total`. Rows inserted while others wait to be mounted
 * raise it by as many: they may sit above the mounted ones, and a row someone is typing in must not be pushed out
 * of the mounted slice (it would lose the focus). Removed rows leave it as it is.
 */
export function limitAfterResize(limit: number, before: number, total: number): number {
  return total > before && limit !== Infinity ? limit + (total - before) : limit;
}

/**
 * The mounted share of `total` rows, growing slice by slice after each paint until it covers them all; never fewer
 * than `atLeast` (a row someone is being taken to).
 */
export function useProgressiveCount(total: number, atLeast = 0): ProgressiveCount {
  const [limit, setLimit] = useState(() => (total <= FIRST_SLICE ? Infinity : FIRST_SLICE));
  const [seenTotal, setSeenTotal] = useState(total);
  let next = limit;
  if (total !== seenTotal) {
    setSeenTotal(total);
    next = limitAfterResize(limit, seenTotal, total);
  }
  if (atLeast > next) next = atLeast;
  if (next !== limit) setLimit(next);
  useEffect(() => {
    if (limit === Infinity) return;
    if (limit >= total) {
      setLimit(Infinity);
      return;
    }
    // After the browser has painted this slice: a timer, since effects may run before the paint.
    const timer = setTimeout(() => startTransition(() => setLimit((l) => l + SLICE)), 0);
    return () => clearTimeout(timer);
  }, [limit, total]);
  const mountAll = useCallback(() => setLimit(Infinity), []);
  return { mounted: Math.min(limit, total), pending: limit < total, mountAll };
}
