/**
 * Keeps the person's own action list (/actions) current: the page joins the rooms of all their groups (no presence:
 * it is on no group's page) and reads the list again after actions or decisions change there, after each room
 * (re)join, and when their groups change or the socket comes back.
 */
import { useSocketEvent, useWorkspaceRooms } from '../../realtime/RealtimeContext.js';
import { useDebouncedRefresh } from '../../realtime/useLiveRefresh.js';
import { useMembershipChanges } from '../../realtime/useMembershipChanges.js';

/** Calls `reload` (debounced) after events of `workspaceIds` that change the list, and `onGroupsChanged` when the groups may have. */
export function useMyActionsLive(workspaceIds: readonly string[], reload: () => void, onGroupsChanged: () => void): void {
  // A meeting agreeing several actions in a row: one read once the burst settles.
  const reloadSoon = useDebouncedRefresh(reload, { delayMs: 300, maxWaitMs: 2000 });
  // Events sent before a join was acknowledged never arrive: read again after each (re)join.
  useWorkspaceRooms(workspaceIds, reloadSoon);
  useSocketEvent('action:updated', reloadSoon);
  // A decision's title is shown beside each of its actions.
  useSocketEvent('decision:updated', reloadSoon);
  // The group's name is shown too.
  useSocketEvent('workspace:updated', reloadSoon);
  // Added to a group, removed from one, or back after a drop (events meanwhile are lost).
  useMembershipChanges(() => {
    reload();
    onGroupsChanged();
  });
}
