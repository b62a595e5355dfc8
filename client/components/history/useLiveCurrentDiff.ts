/**
 * Keeps a comparison with the plan's current content current: refetches a little after each stored
 * save of this plan, and now and then while the tab is visible in case an event was missed.
 */
import { useSocketEvent } from '../../realtime/RealtimeContext.js';
import { useDebouncedRefresh, useVisibleInterval } from '../../realtime/useLiveRefresh.js';

/** Wait for a pause in typing; every keystroke is a save. */
const AFTER_SAVE_MS = 1200;
/** While someone keeps typing, still refresh this often. */
const MAX_WAIT_MS = 5000;
const FALLBACK_MS = 15_000;

/** Calls `reload` after saves of `documentId`, only while `active` (comparing with the current content). */
export function useLiveCurrentDiff(documentId: string, active: boolean, reload: () => void): void {
  const soon = useDebouncedRefresh(reload, { delayMs: AFTER_SAVE_MS, maxWaitMs: MAX_WAIT_MS });
  // The plan page has joined its working group's room, so its document:saved events reach this socket.
  useSocketEvent('document:saved', (p) => {
    if (active && p.documentId === documentId) soon();
  });
  useVisibleInterval(reload, FALLBACK_MS, active);
}
