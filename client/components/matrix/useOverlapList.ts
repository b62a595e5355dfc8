/**
 * The overlap list of the matrix page, kept live. It holds the overlaps with a side among the rows the matrix filters
 * show, a server page at a time (more on request: the server says whether it has more, not how many). It is fetched
 * once per status and filters, then again (as many pages as are shown) (coalesced, one pass over its pages at a time) when an overlap is flagged, changed or
 * removed by someone else (in another group too), or when matrix rows change: an edit may remove an overlap or
 * rename a side, and a flag between two groups that do not share overlaps reaches no room, though someone in both
 * groups sees it.
 */
import { useCallback, useEffect, useRef } from 'react';
import { getOverlapPages, type MatrixFilters, type Overlap, type OverlapPages } from '../../api/matrix.js';
import { useSocket, useSocketEvent } from '../../realtime/RealtimeContext.js';
import { useCoalescedRevision } from './useCoalescedRevision.js';
import { useLiveInterval } from './useLiveInterval.js';
import { filterKey, parseFilters } from './matrixRows.js';
import type { MatrixRooms } from './useMatrixRooms.js';
import { useSingleFlight, type LiveResource } from './useSingleFlight.js';

export type OverlapStatusFilter = 'open' | 'resolved' | 'all';

/** A flag or resolution: a rebuild flags hundreds in a row; they make one fetch. */
const OVERLAP_EVENT_MS = 300;
/** Rows changed: after the table's refresh, as edits come in bursts and most change no overlap. */
const ROWS_CHANGED_MS = 1500;
const MAX_WAIT_MS = 8000;
const REJOIN_MS = 100;

/** The pages read, tagged with the status and filters they are of. */
export type OverlapList = OverlapPages & { key: string };

/** The live list and a way to read the server's next page into it. */
export type OverlapListResource = LiveResource<OverlapList> & { loadMore: () => void };

/** `prev` with `next` after it, each overlap once (a flag may move between pages as it is rescored). */
function appendPage(prev: OverlapList, next: OverlapPages): OverlapList {
  const seen = new Set(prev.overlaps.map((o) => o.id));
  return { key: prev.key, overlaps: [...prev.overlaps, ...next.overlaps.filter((o) => !seen.has(o.id))], nextCursor: next.nextCursor, pages: prev.pages + next.pages };
}

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

/** The overlaps with `status` and a side among the rows `filters` select, loaded once the rooms are joined; see the module comment. */
export function useOverlapList(status: OverlapStatusFilter, filters: MatrixFilters, rooms: MatrixRooms): OverlapListResource {
  const [revision, bump] = useCoalescedRevision(MAX_WAIT_MS);
  const key = `${status}?${filterKey(filters)}`;
  const more = useRef(false);
  const load = useCallback(
    async (signal: AbortSignal, prev: OverlapList | undefined): Promise<OverlapList> => {
      const f = parseFilters(key.slice(key.indexOf('?') + 1));
      const same = prev?.key === key ? prev : undefined;
      const wanted = more.current;
      more.current = false;
      if (wanted && same?.nextCursor) return appendPage(same, await getOverlapPages(status, f, 1, signal, same.nextCursor));
      // A first load, or a live one: as many pages as are shown, so a refresh does not take back what was loaded.
      return { key, ...(await getOverlapPages(status, f, same?.pages ?? 1, signal)) };
    },
    [status, key],
  );
  const list = useSingleFlight(load, key, { enabled: rooms.ready, revision });
  const shown = list.data?.key === key ? list.data.overlaps : undefined;
  useSocketEvent('overlap:flagged', () => bump(OVERLAP_EVENT_MS));
  useSocketEvent('overlap:removed', (p) => {
    if (shown?.some((o) => o.id === p.overlapId)) bump(OVERLAP_EVENT_MS);
  });
  useOverlapUpdated((overlap) => {
    if (!alreadyShown(shown, status, overlap)) bump(OVERLAP_EVENT_MS);
  });
  useSocketEvent('matrix:updated', () => bump(ROWS_CHANGED_MS));
  useEffect(() => {
    if (rooms.rejoins) bump(REJOIN_MS);
  }, [rooms.rejoins, bump]);
  useLiveInterval(useCallback(() => bump(0), [bump]));
  const { refresh } = list;
  const loadMore = useCallback(() => {
    more.current = true;
    refresh();
  }, [refresh]);
  return { ...list, loadMore };
}
