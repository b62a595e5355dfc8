/** Coalesces live events into refreshes: one revision bump per burst, however many events the burst holds. */
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Returns a revision and `bump(delayMs)`: the revision goes up `delayMs` after the last bump of a burst, or
 * `maxWaitMs` after its first one, so a steady stream of events still shows up. Pending bumps die with the component.
 */
export function useCoalescedRevision(maxWaitMs: number): [number, (delayMs: number) => void] {
  const [revision, setRevision] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const burstStart = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  const bump = useCallback(
    (delayMs: number) => {
      const now = Date.now();
      burstStart.current ??= now;
      const wait = Math.max(0, Math.min(delayMs, burstStart.current + maxWaitMs - now));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        burstStart.current = null;
        setRevision((n) => n + 1);
      }, wait);
    },
    [maxWaitMs],
  );
  return [revision, bump];
}
