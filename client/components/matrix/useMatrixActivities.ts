/**
 * Every activity of the matrix, kept live. Filters apply in memory (matrixRows.ts), so the list is fetched once per
 * page open, then again only when the server reports changed rows (coalesced, one request at a time).
 */
import { useCallback, useEffect, useRef } from 'react';
import { getMatrix } from '../../api/matrix.js';
import type { MatrixActivity } from '../../api/types.js';
import { useSocketEvent } from '../../realtime/RealtimeContext.js';
import { useCoalescedRevision } from './useCoalescedRevision.js';
import { useLiveInterval } from './useLiveInterval.js';
import type { MatrixRooms } from './useMatrixRooms.js';
import { useSingleFlight, type LiveResource } from './useSingleFlight.js';

/**
 * After the projection reports changed rows: a quiet second. Passes run at most every 600 ms per plan while people
 * edit, so a shorter wait fetched the whole matrix once or twice per pass; this takes a burst of them in one fetch.
 */
const PROJECTED_MS = 1000;
/** Fallback after a save while the server has not shown that it reports projections: they trail saves by up to 2 s. */
const AFTER_SAVE_MS = 2000;
/** While someone keeps editing, still refresh this often rather than waiting for a pause. */
const MAX_WAIT_MS = 8000;
/** Reconnected: several rooms answer at once. */
const REJOIN_MS = 100;

const loadAll = (signal: AbortSignal) => getMatrix({}, signal);

/** The unfiltered matrix rows, refreshed after `matrix:updated`, a rejoin, or (as a fallback) a save. */
export function useMatrixActivities(rooms: MatrixRooms): LiveResource<MatrixActivity[]> {
  const [revision, bump] = useCoalescedRevision(MAX_WAIT_MS);
  const matrix = useSingleFlight(loadAll, 'all', { enabled: rooms.ready, revision });
  // Once a matrix:updated has arrived, saves that change no rows (prose) need no fetch: the projection reports rows.
  const projectionReports = useRef(false);
  useSocketEvent('matrix:updated', () => {
    projectionReports.current = true;
    bump(PROJECTED_MS);
  });
  useSocketEvent('document:saved', () => {
    if (!projectionReports.current) bump(AFTER_SAVE_MS);
  });
  useEffect(() => {
    if (rooms.rejoins) bump(REJOIN_MS);
  }, [rooms.rejoins, bump]);
  useLiveInterval(useCallback(() => bump(0), [bump]));
  return matrix;
}
