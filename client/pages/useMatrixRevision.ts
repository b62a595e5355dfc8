/**
 * Keeps the /matrix page live: joins the rooms of the user's working groups and returns a revision
 * number that goes up when the matrix, pivots and overlaps should be fetched again.
 */
import { useCallback, useState } from 'react';
import { useSocketEvent, useWorkspaceRooms } from '../realtime/RealtimeContext.js';
import { useDebouncedRefresh, useVisibleInterval } from '../realtime/useLiveRefresh.js';
import { useMe } from '../session/SessionContext.js';

/** Fallback after a save (a node that does not report projections, an event missed): the projection trails it by up to 2 s. */
const AFTER_SAVE_MS = 2000;
/** After the projection reports changed rows: only enough to take several plans' passes in one fetch. */
const PROJECTED_MS = 100;
/** While someone keeps typing, still refresh this often rather than waiting for a pause. */
const MAX_WAIT_MS = 8000;
/** Fallback for what no event reports (plans of groups the user is not in, a dropped socket). */
const FALLBACK_MS = 20_000;

/** The revision of the matrix data; include it in the dependencies of every matrix fetch. */
export function useMatrixRevision(): number {
  const me = useMe();
  const [revision, setRevision] = useState(0);
  const bump = useCallback(() => setRevision((n) => n + 1), []);
  const soon = useDebouncedRefresh(bump, { delayMs: AFTER_SAVE_MS, maxWaitMs: MAX_WAIT_MS });
  // The projection says when rows changed: refetch at once (a burst of passes still makes one fetch).
  const now = useDebouncedRefresh(bump, { delayMs: PROJECTED_MS, maxWaitMs: MAX_WAIT_MS });

  // Without the rooms, no document:saved or overlap:flagged reaches this page. A (re)join also
  // refreshes: events sent before it was acknowledged were missed.
  useWorkspaceRooms(
    me.memberships.map((m) => m.workspaceId),
    soon,
  );
  useSocketEvent('document:saved', soon);
  useSocketEvent('overlap:flagged', now);
  useSocketEvent('matrix:updated', now);
  useVisibleInterval(bump, FALLBACK_MS);
  return revision;
}
