/**
 * Possible duplications between activities, with how each was handled and a way to record it. `?overlap=ID` (the
 * link of an overlap notification) brings that overlap into view, highlighted and focused; one the list does not
 * hold (resolved, or past the pages read) is shown above it, and one the caller cannot see says so.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { OVERLAP_RESOLUTIONS, type OverlapResolution } from '../../shared/constants.js';
import { ApiError } from '../api/http.js';
import { activityHref, getOverlap, getOverlaps, resolveOverlap, type Overlap, type OverlapSide } from '../api/matrix.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useSocket } from '../realtime/RealtimeContext.js';
import { useMe } from '../session/SessionContext.js';

type StatusFilter = 'open' | 'resolved' | 'all';
const LIVE_EVENTS = ['overlap:flagged', 'overlap:updated', 'notification:created'] as const;

/** Reloads when the server reports a new or changed overlap (or a notification, which may be one). */
function useOverlapEvents(reload: () => void): void {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    // These events are not in the shared typed map; the cast stays local to this listener.
    const s = socket as unknown as { on(e: string, l: () => void): void; off(e: string, l: () => void): void };
    for (const e of LIVE_EVENTS) s.on(e, reload);
    return () => {
      for (const e of LIVE_EVENTS) s.off(e, reload);
    };
  }, [socket, reload]);
}

function SideView({ side }: { side: OverlapSide }) {
  const { t } = useTranslation();
  if (side.hidden) return <span className="overlap-hidden">{t('matrix.overlaps.hiddenSide')}</span>;
  return (
    <span className="overlap-side">
      <Link to={activityHref(side)}>{side.title || t('activities.untitled')}</Link>
      <span className="overlap-where">{[side.workspaceName, side.documentTitle].filter(Boolean).join(' · ')}</span>
    </span>
  );
}

/** The resolve form of one overlap. */
function ResolveForm({ overlap, onResolved }: { overlap: Overlap; onResolved: (o: Overlap) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [resolution, setResolution] = useState<OverlapResolution>(overlap.resolution ?? 'coordinate');
  const [note, setNote] = useState(overlap.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onResolved(await resolveOverlap(overlap.id, resolution, note.trim() || undefined));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="overlap-resolve" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <div className="field">
        <label htmlFor={`${uid}-res`}>{t('matrix.overlaps.resolution')}</label>
        <select id={`${uid}-res`} value={resolution} onChange={(e) => setResolution(e.target.value as OverlapResolution)}>
          {OVERLAP_RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {t(`matrix.overlaps.resolutions.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-note`}>{t('matrix.overlaps.note')}</label>
        <input id={`${uid}-note`} type="text" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
        {overlap.status === 'resolved' ? t('matrix.overlaps.update') : t('matrix.overlaps.resolve')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}

/** How a resolved overlap was handled: the resolution, its note, who recorded it (when the viewer may know) and when. */
function Outcome({ overlap: o }: { overlap: Overlap }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = o.resolvedAt ? fmt.dateTime(o.resolvedAt) : null;
  return (
    <p className="small overlap-outcome" data-testid="overlap-outcome">
      {t('matrix.overlaps.resolvedAs')} <strong>{t(`matrix.overlaps.resolutions.${o.resolution ?? 'coordinate'}`)}</strong>
      {o.note ? ` — ${o.note}` : ''}
      {when && (
        <span className="muted">{o.resolvedBy ? t('matrix.overlaps.resolvedByOn', { name: o.resolvedBy.name, date: when }) : t('matrix.overlaps.resolvedOn', { date: when })}</span>
      )}
    </p>
  );
}

/** One overlap; `focus` marks the one a notification led to (highlighted, focusable, found by the reveal). */
function OverlapCard({ overlap: o, canResolve, onResolved, focus }: { overlap: Overlap; canResolve: boolean; onResolved: (o: Overlap) => void; focus: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li
      className={`overlap overlap-${o.status}${focus ? ' overlap-focus' : ''}`}
      data-overlap-id={o.id}
      {...(focus ? { tabIndex: -1, 'data-overlap-focus': 'true' } : {})}
    >
      <p className="overlap-sides">
        <SideView side={o.a} /> <span aria-hidden="true">⇄</span>
        <span className="visually-hidden">{t('matrix.overlaps.and')}</span> <SideView side={o.b} />
      </p>
      <p className="tags">
        {focus && <span className="tag tag-focal">{t('matrix.overlaps.fromNotice')}</span>}
        {o.reasons.map((r) => (
          <span key={r} className="tag">
            {t(`matrix.overlaps.reasons.${r}`)}
          </span>
        ))}
        <span className="muted small">{t('matrix.overlaps.score', { score: fmt.number(Math.round(o.score * 100)) })}</span>
      </p>
      {o.status === 'resolved' && <Outcome overlap={o} />}
      {canResolve && <ResolveForm overlap={o} onResolved={onResolved} />}
    </li>
  );
}

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

/**
 * The overlaps section of the matrix page; `revision` goes up when the matrix changed on the server. `settled`
 * says the content above it has loaded, so bringing the focused overlap into view is not undone by it.
 */
export function MatrixOverlaps({ revision, settled = true }: { revision: number; settled?: boolean }) {
  const { t } = useTranslation();
  const uid = useId();
  const me = useMe();
  const [params] = useSearchParams();
  const focusId = params.get('overlap') ?? '';
  const [status, setStatus] = useState<StatusFilter>('open');
  const list = useAsync((signal) => getOverlaps(status, signal), [status, revision]);
  const focused = useFocusedOverlap(focusId);
  useOverlapEvents(list.reload);
  // Members and facilitators of a group on either side may resolve; observers only read.
  const canResolve = (o: Overlap) =>
    [o.a, o.b].some((s) => !s.hidden && me.memberships.some((m) => m.workspaceId === s.workspaceId && m.role !== 'observer'));
  const replace = (updated: Overlap) => {
    list.setData((prev) => prev?.map((o) => (o.id === updated.id ? updated : o)).filter((o) => status === 'all' || o.status === status));
    if (updated.id === focusId) focused.setData(() => ({ id: focusId, overlap: updated }));
  };

  // The notification's overlap: in the list, or shown above it, or gone.
  const inList = !!focusId && !!list.data?.some((o) => o.id === focusId);
  const current = focusId && focused.data?.id === focusId ? focused.data : undefined;
  const pinned = list.data && !inList ? (current?.overlap ?? undefined) : undefined;
  const missing = !!current && current.overlap === null;
  const sectionRef = useRef<HTMLElement>(null);
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
          <select id={`${uid}-status`} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
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
          <p className="small">{t(pinned.status === 'resolved' && status === 'open' ? 'matrix.overlaps.focusResolved' : 'matrix.overlaps.focusNotListed')}</p>
          <ul className="overlap-list">
            <OverlapCard overlap={pinned} canResolve={canResolve(pinned)} onResolved={replace} focus />
          </ul>
        </div>
      )}
      {list.loading && !list.data && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data && list.data.length === 0 && <p className="empty">{t('matrix.overlaps.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="overlap-list" aria-live="polite">
          {list.data.map((o) => (
            <OverlapCard key={o.id} overlap={o} canResolve={canResolve(o)} onResolved={replace} focus={o.id === focusId} />
          ))}
        </ul>
      )}
    </section>
  );
}
