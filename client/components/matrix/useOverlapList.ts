/**
 * The overlap list of the matrix page, kept live. It does not depend on the matrix filters; it is fetched once per
 * status shown, then again (coalesced, one pass over its pages at a time) when an overlap is flagged, changed or
 * removed by someone else (in another group too), or when matrix rows change: an edit may remove an overlap or
 * rename a side, and a flag between two groups that do not share overlaps reaches no room, though someone in both
 * groups sees it.
 */
import { useCallback, useEffect, useRef } from 'react';
import { getOverlaps, type Overlap } from '../../api/matrix.js';
import { useSocket, useSocketEvent } from '../../realtime/RealtimeContext.js';
import { useCoalescedRevision } from './useCoalescedRevision.js';
import { useLiveInterval } from './useLiveInterval.js';
import type { MatrixRooms } from './useMatrixRooms.js';
import { useSingleFlight, type LiveResource } from './useSingleFlight.js';

export type OverlapStatusFilter = 'open' | 'resolved' | 'all';

/** A flag or resolution: a rebuild flags hundreds in a row; they make one fetch. */
const OVERLAP_EVENT_MS = 300;
/** Rows changed: after the table's refresh, as edits come in bursts and most change no overlap. */
const ROWS_CHANGED_MS = 1500;
const MAX_WAIT_MS = 8000;
const REJOIN_MS = 100;

/** Whether the list already shows `incoming` as it is now (the page's own resolve, echoed back to its room). */
function alreadyShown(list: Overlap[] | undefined, status: OverlapStatusFilter, incoming: Partial<Overlap> | undefined): boolean {
  if (!list || !incoming?.id) return false;
  const mine = list.find((o) => o.id === incoming.id);
  if (!mine) return status !== 'all' && incoming.status !== undefined && incoming.status !== status;
  return mine.status === incoming.status && mine.resolution === incoming.resolution && (mine.note ?? '') === (incoming.note ?? '');
}

/** `overlap:updated` is not in the shared typed event map; the cast stays local to this listener. */
function useOverlapUpdated(handler: (overlap: Partial<Overlap> | undefined) => void): void {
  const socket = useSocket();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const s = socket as unknown as { on(e: string, l: (p?: { overlap?: Partial<Overlap> }) => void): void; off(e: string, l: (p?: { overlap?: Partial<Overlap> }) => void): void };
    const listener = (p?: { overlap?: Partial<Overlap> }) => ref.current(p?.overlap);
    s.on('overlap:updated', listener);
    return () => s.off('overlap:updated', listener);
  }, [socket]);
}

/** The overlaps with `status`, loaded once the rooms are joined; see the module comment. */
export function useOverlapList(status: OverlapStatusFilter, rooms: MatrixRooms): LiveResource<Overlap[]> {
  const [revision, bump] = useCoalescedRevision(MAX_WAIT_MS);
  const load = useCallback((signal: AbortSignal) => getOverlaps(status, signal), [status]);
  const list = useSingleFlight(load, status, { enabled: rooms.ready, revision });
  useSocketEvent('overlap:flagged', () => bump(OVERLAP_EVENT_MS));
  useSocketEvent('overlap:removed', (p) => {
    if (list.data?.some((o) => o.id === p.overlapId)) bump(OVERLAP_EVENT_MS);
  });
  useOverlapUpdated((overlap) => {
    if (!alreadyShown(list.data, status, overlap)) bump(OVERLAP_EVENT_MS);
  });
  useSocketEvent('matrix:updated', () => bump(ROWS_CHANGED_MS));
  useEffect(() => {
    if (rooms.rejoins) bump(REJOIN_MS);
  }, [rooms.rejoins, bump]);
  useLiveInterval(useCallback(() => bump(0), [bump]));
  return list;
}
