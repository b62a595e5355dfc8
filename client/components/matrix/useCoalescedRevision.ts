/** Coalesces live events into refreshes: one revision bump per burst, however many events the burst holds. */
import { useCallback, useState } from 'react';
import { useBurstDebounce } from '../../realtime/useLiveRefresh.js';

/**
 * Returns a revision and `bump(delayMs)`: the revision goes up `delayMs` after the last bump of a burst, or
 * `maxWaitMs` after its first one, so a steady stream of events still shows up. Pending bumps die with the component.
 */
export function useCoalescedRevision(maxWaitMs: number): [number, (delayMs: number) => void] {
  const [revision, setRevision] = useState(0);
  const bump = useBurstDebounce(
    useCallback(() => setRevision((n) => n + 1), []),
    maxWaitMs,
  );
  return [revision, bump];
}
