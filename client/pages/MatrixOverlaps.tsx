/** Possible duplications between activities, with how each was handled and a way to record it. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OVERLAP_RESOLUTIONS, type OverlapResolution } from '../../shared/constants.js';
import { activityHref, getOverlaps, resolveOverlap, type Overlap, type OverlapSide } from '../api/matrix.js';
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

/** The overlaps section of the matrix page; `revision` goes up when the matrix changed on the server. */
export function MatrixOverlaps({ revision }: { revision: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const me = useMe();
  const [status, setStatus] = useState<StatusFilter>('open');
  const list = useAsync((signal) => getOverlaps(status, signal), [status, revision]);
  useOverlapEvents(list.reload);
  // Members and facilitators of a group on either side may resolve; observers only read.
  const canResolve = (o: Overlap) =>
    [o.a, o.b].some((s) => !s.hidden && me.memberships.some((m) => m.workspaceId === s.workspaceId && m.role !== 'observer'));
  const replace = (updated: Overlap) =>
    list.setData((prev) => prev?.map((o) => (o.id === updated.id ? updated : o)).filter((o) => status === 'all' || o.status === status));

  return (
    <section className="card" aria-labelledby={`${uid}-title`} data-testid="matrix-overlaps">
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
      <p className="muted small">{t('matrix.overlaps.intro')}</p>
      {list.loading && !list.data && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data && list.data.length === 0 && <p className="empty">{t('matrix.overlaps.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="overlap-list" aria-live="polite">
          {list.data.map((o) => (
            <li key={o.id} className={`overlap overlap-${o.status}`} data-overlap-id={o.id}>
              <p className="overlap-sides">
                <SideView side={o.a} /> <span aria-hidden="true">⇄</span>
                <span className="visually-hidden">{t('matrix.overlaps.and')}</span> <SideView side={o.b} />
              </p>
              <p className="tags">
                {o.reasons.map((r) => (
                  <span key={r} className="tag">
                    {t(`matrix.overlaps.reasons.${r}`)}
                  </span>
                ))}
                <span className="muted small">{t('matrix.overlaps.score', { score: fmt.number(Math.round(o.score * 100)) })}</span>
              </p>
              {o.status === 'resolved' && (
                <p className="small">
                  <strong>{t(`matrix.overlaps.resolutions.${o.resolution ?? 'coordinate'}`)}</strong>
                  {o.note ? ` — ${o.note}` : ''} <span className="muted">({fmt.dateTime(o.resolvedAt)})</span>
                </p>
              )}
              {canResolve(o) && <ResolveForm overlap={o} onResolved={replace} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
