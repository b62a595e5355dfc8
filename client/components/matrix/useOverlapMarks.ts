/**
 * How many open overlaps each matrix row has, for the table's marks; kept live like the overlap list (a flag,
 * a resolution or a rows change refreshes it, coalesced). Empty until loaded, and when it cannot be: rows then
 * show no mark, as the panel beside the table still lists every flag.
 */
import { useCallback, useEffect } from 'react';
import { getOverlapMarks } from '../../api/matrix.js';
import { useSocket, useSocketEvent } from '../../realtime/RealtimeContext.js';
import { useCoalescedRevision } from './useCoalescedRevision.js';
import { useLiveInterval } from './useLiveInterval.js';
import type { MatrixRooms } from './useMatrixRooms.js';
import { useSingleFlight } from './useSingleFlight.js';

const EVENT_MS = 400;
const ROWS_CHANGED_MS = 1500;
const MAX_WAIT_MS = 8000;
const NONE: ReadonlyMap<string, number> = new Map();

/** Open overlaps per `documentId:activityId` of the caller's rows, and a refresh (the page's own resolutions reach no event of its own). */
export function useOverlapMarks(rooms: MatrixRooms): { marks: ReadonlyMap<string, number>; refresh: () => void } {
  const [revision, bump] = useCoalescedRevision(MAX_WAIT_MS);
  const load = useCallback((signal: AbortSignal) => getOverlapMarks(signal), []);
  const marks = useSingleFlight(load, 'marks', { enabled: rooms.ready, revision });
  useSocketEvent('overlap:flagged', () => bump(EVENT_MS));
  useSocketEvent('overlap:removed', () => bump(EVENT_MS));
  useSocketEvent('matrix:updated', () => bump(ROWS_CHANGED_MS));
  // `overlap:updated` (a resolution) is not in the shared typed event map.
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    const s = socket as unknown as { on(e: string, l: () => void): void; off(e: string, l: () => void): void };
    const listener = () => bump(EVENT_MS);
    s.on('overlap:updated', listener);
    return () => s.off('overlap:updated', listener);
  }, [socket, bump]);
  useEffect(() => {
    if (rooms.rejoins) bump(EVENT_MS);
  }, [rooms.rejoins, bump]);
  useLiveInterval(useCallback(() => bump(0), [bump]));
  return { marks: marks.data ?? NONE, refresh: marks.refresh };
}
