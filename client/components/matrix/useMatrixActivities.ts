/**
 * Every activity of the matrix, kept live. Filters apply in memory (matrixRows.ts), so the list is fetched once per
 * page open; after that, a plan whose rows changed is fetched alone and its rows replaced (coalesced, one request at
 * a time), and the whole list only when many plans changed at once, after a rejoin, or as a fallback.
 */
import { useCallback, useEffect, useRef } from 'react';
import { ApiError } from '../../api/http.js';
import { getMatrix } from '../../api/matrix.js';
import type { MatrixActivity } from '../../api/types.js';
import { useSocketEvent } from '../../realtime/RealtimeContext.js';
import { replacePlanRows, sortMatrixRows } from './matrixOrder.js';
import { useCoalescedRevision } from './useCoalescedRevision.js';
import { useLiveInterval } from './useLiveInterval.js';
import type { MatrixRooms } from './useMatrixRooms.js';
import { useSingleFlight, type LiveResource } from './useSingleFlight.js';

/**
 * After the projection reports changed rows: a quiet second. Passes run at most every 600 ms per plan while people
 * edit, so a shorter wait fetched once or twice per pass; this takes a burst of them in one refresh.
 */
const PROJECTED_MS = 1000;
/** Fallback after a save while the server has not shown that it reports projections: they trail saves by up to 2 s. */
const AFTER_SAVE_MS = 2000;
/** While someone keeps editing, still refresh this often rather than waiting for a pause. */
const MAX_WAIT_MS = 8000;
/** Reconnected: several rooms answer at once. */
const REJOIN_MS = 100;
/** More plans changed than this in one burst: one fetch of everything beats one per plan. */
const MAX_PLANS_PER_REFRESH = 8;

/** What the next refresh must fetch: everything, or the rows of these plans. */
type Pending = 'all' | Set<string>;

/** One plan's rows now; none when it is gone or no longer visible (a 404). */
async function planRows(documentId: string, signal: AbortSignal): Promise<MatrixActivity[]> {
  try {
    return await getMatrix({ documentId }, signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [];
    throw err;
  }
}

/** The unfiltered matrix rows, refreshed after `matrix:updated`, a rejoin, or (as a fallback) a save. */
export function useMatrixActivities(rooms: MatrixRooms): LiveResource<MatrixActivity[]> {
  const [revision, bump] = useCoalescedRevision(MAX_WAIT_MS);
  const pending = useRef<Pending>('all');
  // The rows the last load returned: a refresh of some plans starts from them (the state may not have rendered yet).
  const shown = useRef<MatrixActivity[] | undefined>(undefined);
  const load = useCallback(async (signal: AbortSignal): Promise<MatrixActivity[]> => {
    const want = pending.current;
    pending.current = new Set();
    const before = shown.current;
    try {
      let rows: MatrixActivity[];
      if (want === 'all' || !before) rows = sortMatrixRows(await getMatrix({}, signal));
      else if (!want.size) return before;
      else rows = replacePlanRows(before, want, (await Promise.all([...want].map((d) => planRows(d, signal)))).flat());
      shown.current = rows;
      return rows;
    } catch (err) {
      pending.current = 'all'; // what this load was to fetch is still to be fetched
      throw err;
    }
  }, []);
  const matrix = useSingleFlight(load, 'all', { enabled: rooms.ready, revision });

  const refetch = useCallback(
    (documentId: string | undefined, delayMs: number) => {
      const want = pending.current;
      if (want !== 'all') {
        if (documentId && (want.has(documentId) || want.size < MAX_PLANS_PER_REFRESH)) want.add(documentId);
        else pending.current = 'all';
      }
      bump(delayMs);
    },
    [bump],
  );
  // Once a matrix:updated has arrived, saves that change no rows (prose) need no fetch: the projection reports rows.
  const projectionReports = useRef(false);
  useSocketEvent('matrix:updated', ({ documentId }) => {
    projectionReports.current = true;
    refetch(documentId, PROJECTED_MS);
  });
  useSocketEvent('document:saved', ({ documentId }) => {
    if (!projectionReports.current) refetch(documentId, AFTER_SAVE_MS);
  });
  useEffect(() => {
    if (rooms.rejoins) refetch(undefined, REJOIN_MS);
  }, [rooms.rejoins, refetch]);
  useLiveInterval(useCallback(() => refetch(undefined, 0), [refetch]));
  return matrix;
}
