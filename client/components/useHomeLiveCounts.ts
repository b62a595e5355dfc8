/**
 * The home page's "needs attention" counts, kept current: the page joins each of the person's groups' rooms (no
 * presence: it is on no group's page) and reads the counts again after the groups' events settle.
 */
import { useWorkspaceRooms, useSocketEvent } from '../realtime/RealtimeContext.js';
import { useDebouncedRefresh } from '../realtime/useLiveRefresh.js';

/** Reads the counts again (debounced) after saves, comments, decisions, stances, actions and meetings in `workspaceIds`, and after each room (re)join. */
export function useHomeLiveCounts(workspaceIds: readonly string[], reloadCounts: () => void, reloadGroups: () => void): void {
  // Someone typing in a meeting saves several times a second: one read once a burst settles (at most every 5 s).
  const reloadSoon = useDebouncedRefresh(reloadCounts, { delayMs: 1000, maxWaitMs: 5000 });
  // Events sent before a join was acknowledged never arrive: read again after each (re)join, once for all of them.
  useWorkspaceRooms(workspaceIds, reloadSoon);
  useSocketEvent('document:saved', reloadSoon);
  useSocketEvent('comment:created', reloadSoon);
  useSocketEvent('comment:updated', reloadSoon);
  useSocketEvent('decision:created', reloadSoon);
  useSocketEvent('decision:updated', reloadSoon);
  useSocketEvent('stance:recorded', reloadSoon);
  useSocketEvent('action:updated', reloadSoon);
  useSocketEvent('meeting:updated', reloadSoon);
  // A group renamed or described anew by its facilitator.
  useSocketEvent('workspace:updated', reloadGroups);
}
