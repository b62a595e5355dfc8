/**
 * Possible duplications between activities, with how each was handled and a way to record it. `?overlap=ID` (the
 * link of an overlap notification) brings that overlap into view, highlighted and focused; one the list does not
 * hold (resolved, or past the pages read) or does not render yet (past the first cards) is shown above it, and one
 * the caller cannot see says so. The list holds the overlaps of the rows the matrix filters show; it renders its first
 * cards and more on request, reading the server's next page when the cards read run out.
 */
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/http.js';
import { getOverlap, type MatrixFilters, type Overlap } from '../api/matrix.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { OverlapCard } from '../components/matrix/OverlapCard.js';
import { OverlapResolvedNote } from '../components/matrix/OverlapResolvedNote.js';
import { ShowMoreButton } from '../components/ShowMoreButton.js';
import { filterKey } from '../components/matrix/matrixRows.js';
import { useListLimit } from '../components/matrix/useListLimit.js';
import type { MatrixRooms } from '../components/matrix/useMatrixRooms.js';
import { useOverlapList, type OverlapStatusFilter } from '../components/matrix/useOverlapList.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useMe } from '../session/SessionContext.js';

/** Cards rendered at first and added per "show more". */
const CARDS_STEP = 50;

/**
 * The overlap `?overlap=ID` names, loaded on its own so one outside the list can still be shown: `overlap` is null
 * when it is not the caller's to see (or no longer exists). Tagged with the id, as a copy of an earlier one stays
 * shown while the next loads.
 */
function useFocusedOverlap(focusId: string) {
  return useAsync<{ id: string; overlap: Overlap | null } | null>(async (signal) => {
    if (!focusId) return null;
    try {
      return { id: focusId, overlap: await getOverlap(focusId, signal) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return { id: focusId, overlap: null };
      throw err;
    }
  }, [focusId]);
}

/** The note above a pinned overlap: why it is not in its place in the list. */
function pinnedNote(t: TFunction, inList: boolean, pinned: Overlap, status: OverlapStatusFilter): string {
  if (inList) return t('matrix.overlaps.focusFurther');
  return pinned.status === 'resolved' && status === 'open' ? t('matrix.overlaps.focusResolved') : t('matrix.overlaps.focusNotListed');
}

interface Props {
  rooms: MatrixRooms;
  /** The matrix filters: the list keeps the overlaps with a side among the rows they select. */
  filters: MatrixFilters;
  settled?: boolean;
  /** Called after this page resolves an overlap (the table's marks follow). */
  onResolved?: () => void;
}

/**
 * The overlaps section of the matrix page; `rooms` says when the live rooms are joined (the list loads then). `settled`
 * says the content above it has loaded, so bringing the focused overlap into view is not undone by it.
 */
export const MatrixOverlaps = memo(function MatrixOverlaps({ rooms, filters, settled = true, onResolved }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const me = useMe();
  const [params] = useSearchParams();
  const focusId = params.get('overlap') ?? '';
  const [status, setStatus] = useState<OverlapStatusFilter>('open');
  // The last overlap this page resolved out of the list shown (its card went): said in its place. Tagged with the
  // list it left, so another status or other filters drop it.
  const [done, setDone] = useState<{ key: string; overlap: Overlap } | null>(null);
  const live = useOverlapList(status, filters, rooms);
  // Another status or filters: nothing of the last list is shown while the next one loads.
  const listKey = `${status}?${filterKey(filters)}`;
  const read = live.data?.key === listKey ? live.data : undefined;
  const list = { ...live, data: read?.overlaps };
  const focused = useFocusedOverlap(focusId);
  const [limit, more] = useListLimit(listKey, CARDS_STEP);
  const { loadMore } = live;
  const showMore = useCallback(() => {
    more();
    // The cards read run out: read the server's next page.
    if (read?.nextCursor && limit + CARDS_STEP > read.overlaps.length) loadMore();
  }, [more, loadMore, read, limit]);
  // Members and facilitators of a group on either side may resolve; observers only read.
  const canResolve = (o: Overlap) =>
    [o.a, o.b].some((s) => !s.hidden && me.memberships.some((m) => m.workspaceId === s.workspaceId && m.role !== 'observer'));
  const { setData: setList } = live;
  const { setData: setFocused } = focused;
  const replace = useCallback(
    (updated: Overlap) => {
      setList((prev) => prev && { ...prev, overlaps: prev.overlaps.map((o) => (o.id === updated.id ? updated : o)).filter((o) => status === 'all' || o.status === status) });
      setDone(status !== 'all' && updated.status !== status && updated.id !== focusId ? { key: `${status}?${filterKey(filters)}`, overlap: updated } : null);
      if (updated.id === focusId) setFocused(() => ({ id: focusId, overlap: updated }));
      onResolved?.();
    },
    [setList, setFocused, status, focusId, onResolved, filters],
  );

  // The notification's overlap: in the rendered part of the list, or shown above it, or gone.
  const at = focusId && list.data ? list.data.findIndex((o) => o.id === focusId) : -1;
  const inList = at >= 0;
  const current = focusId && focused.data?.id === focusId ? focused.data : undefined;
  const pinned = list.data ? (inList ? (at >= limit ? list.data[at] : undefined) : (current?.overlap ?? undefined)) : undefined;
  const missing = !!current && current.overlap === null;
  const sectionRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const revealed = useRef('');
  const ready = !!focusId && settled && list.data !== undefined && (inList || !!current || !!focused.error);
  useEffect(() => {
    // Once per address: a live reload of the list does not pull the reader back.
    if (!ready || revealed.current === focusId) return;
    const target = sectionRef.current?.querySelector<HTMLElement>('[data-overlap-focus]');
    if (!target) return;
    revealed.current = focusId;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  });

  return (
    <section className="card" aria-labelledby={`${uid}-title`} data-testid="matrix-overlaps" ref={sectionRef}>
      <div className="section-head">
        <h2 id={`${uid}-title`}>{t('matrix.overlaps.title')}</h2>
        <div className="field field-inline">
          <label htmlFor={`${uid}-status`}>{t('matrix.overlaps.show')}</label>
          <select id={`${uid}-status`} value={status} onChange={(e) => setStatus(e.target.value as OverlapStatusFilter)}>
            <option value="open">{t('matrix.overlaps.statusOpen')}</option>
            <option value="resolved">{t('matrix.overlaps.statusResolved')}</option>
            <option value="all">{t('matrix.overlaps.statusAll')}</option>
          </select>
        </div>
      </div>
      <p className="muted small">{t(status === 'resolved' ? 'matrix.overlaps.introResolved' : 'matrix.overlaps.intro')}</p>
      {missing && (
        <p className="notice notice-info" role="status" tabIndex={-1} data-overlap-focus="true" data-testid="overlap-focus-missing">
          {t('matrix.overlaps.focusMissing')}
        </p>
      )}
      <ErrorNotice error={focused.error} compact />
      {pinned && (
        <div className="overlap-pinned" data-testid="overlap-pinned">
          <p className="small">{pinnedNote(t, inList, pinned, status)}</p>
          <ul className="overlap-list">
            <OverlapCard overlap={pinned} canResolve={canResolve(pinned)} onResolved={replace} focus fmt={fmt} />
          </ul>
        </div>
      )}
      {done?.key === listKey && <OverlapResolvedNote overlap={done.overlap} onShowResolved={() => setStatus('resolved')} />}
      {list.loading && !list.data && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.refresh} />
      {list.data && list.data.length === 0 && <p className="empty">{t('matrix.overlaps.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <>
          <ul className="overlap-list" aria-live="polite" ref={listRef}>
            {list.data.slice(0, limit).map((o) => (
              <OverlapCard key={o.id} overlap={o} canResolve={canResolve(o)} onResolved={replace} focus={o.id === focusId} fmt={fmt} />
            ))}
          </ul>
          {read?.nextCursor ? (
            // The server has more, and does not say how many: no total is claimed.
            <p className="show-more">
              <span className="small muted" data-testid="overlaps-count">
                {t('matrix.overlaps.shownMore', { count: Math.min(limit, list.data.length), formatted: fmt.number(Math.min(limit, list.data.length)) })}
              </span>{' '}
              <button type="button" className="btn btn-secondary btn-small" onClick={showMore} disabled={live.loading && limit >= list.data.length} data-testid="overlaps-more">
                {t('matrix.overlaps.loadMore')}
              </button>
            </p>
          ) : (
            <ShowMoreButton shown={Math.min(limit, list.data.length)} total={list.data.length} fmt={fmt} onMore={more} list={listRef} testId="overlaps-more" />
          )}
        </>
      )}
    </section>
  );
});
