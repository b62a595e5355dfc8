/** Timing helpers for pages that refetch after live events: a debounced trigger and a visible-tab interval. */
import { useCallback, useEffect, useRef } from 'react';

interface DebounceOptions {
  /** Quiet time after the last trigger before refreshing. */
  delayMs: number;
  /** Refresh at the latest this long after the first trigger of a burst, so steady typing still shows up. */
  maxWaitMs: number;
}

/**
 * Returns a stable `after(delayMs)`: `fire` runs once `delayMs` after the last call of a burst (each call may give its
 * own delay), or `maxWaitMs` after the burst's first call, so a steady stream still shows up. Pending work is dropped
 * on unmount.
 */
export function useBurstDebounce(fire: () => void, maxWaitMs: number): (delayMs: number) => void {
  const ref = useRef(fire);
  ref.current = fire;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const burstStart = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  return useCallback(
    (delayMs: number) => {
      const now = Date.now();
      burstStart.current ??= now;
      const wait = Math.max(0, Math.min(delayMs, burstStart.current + maxWaitMs - now));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        burstStart.current = null;
        ref.current();
      }, wait);
    },
    [maxWaitMs],
  );
}

/**
 * Returns a stable `trigger()`; `refresh` runs once `delayMs` after the last trigger (or `maxWaitMs`
 * after the first one of a burst). Pending work is dropped on unmount.
 */
export function useDebouncedRefresh(refresh: () => void, { delayMs, maxWaitMs }: DebounceOptions): () => void {
  const after = useBurstDebounce(refresh, maxWaitMs);
  return useCallback(() => after(delayMs), [after, delayMs]);
}

/**
 * Calls `refresh` every `intervalMs` while the tab is visible, and once on returning to the tab if
 * that long has passed: a fallback for events a page cannot receive (other groups' plans, a dropped socket).
 */
export function useVisibleInterval(refresh: () => void, intervalMs: number, enabled = true): void {
  const ref = useRef(refresh);
  ref.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    let last = Date.now();
    const run = () => {
      last = Date.now();
      ref.current();
    };
    const tick = () => {
      if (document.visibilityState === 'visible') run();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && Date.now() - last >= intervalMs) run();
    };
    const id = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, enabled]);
}
