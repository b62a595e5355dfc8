/** One possible duplication: its two sides, why they were flagged, how it was handled, and the resolve form. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { activityHref, type Overlap, type OverlapSide } from '../../api/matrix.js';
import type { Formatters } from '../../lib/format.js';
import { OverlapResolveForm } from './OverlapResolveForm.js';
import { overlapSideKey } from './overlapReveal.js';

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

/** How a resolved overlap was handled: the resolution, its note, who recorded it (when the viewer may know) and when. */
function Outcome({ overlap: o, fmt }: { overlap: Overlap; fmt: Formatters }) {
  const { t } = useTranslation();
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

interface Props {
  overlap: Overlap;
  canResolve: boolean;
  onResolved: (o: Overlap) => void;
  /** The one a notification led to (highlighted, focusable, found by the reveal). */
  focus: boolean;
  /** The list's formatters (from `useFormat`, made once for the whole list rather than per card). */
  fmt: Formatters;
}

/** A pair whose titles or targets match, not only its area, place and dates. */
const likelyDuplicate = (reasons: string[]) => reasons.includes('similar_title') || reasons.includes('same_target');

/** Whether a refetch brought the same overlap (a new object with the same content). */
const sameOverlap = (a: Overlap, b: Overlap) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** One overlap card; memoized, so a list refresh re-renders only the cards whose overlap changed. */
export const OverlapCard = memo(function OverlapCard({ overlap: o, canResolve, onResolved, focus, fmt }: Props) {
  const { t } = useTranslation();
  return (
    <li
      className={`overlap overlap-${o.status}${focus ? ' overlap-focus' : ''}`}
      data-overlap-id={o.id}
      // The visible sides, so a table row's mark finds its cards (overlapReveal).
      data-sides={[o.a, o.b].map((side) => (side.hidden ? '' : overlapSideKey(side.documentId, side.activityId))).join(' ').trim()}
      {...(focus ? { tabIndex: -1, 'data-overlap-focus': 'true' } : {})}
    >
      <p className="overlap-sides">
        <SideView side={o.a} /> <span aria-hidden="true">⇄</span>
        <span className="visually-hidden">{t('matrix.overlaps.and')}</span> <SideView side={o.b} />
      </p>
      <p className="tags">
        {focus && <span className="tag tag-focal">{t('matrix.overlaps.fromNotice')}</span>}
        {/* Same area, place and dates alone say "coordinate"; a similar title or target says the work may be the same. */}
        {likelyDuplicate(o.reasons) ? (
          <span className="tag tag-warning" data-testid="overlap-kind">{t('matrix.overlaps.kindDuplicate')}</span>
        ) : (
          <span className="tag" data-testid="overlap-kind">{t('matrix.overlaps.kindCoordinate')}</span>
        )}
        {o.reasons.map((r) => (
          <span key={r} className="tag">
            {t(`matrix.overlaps.reasons.${r}`)}
          </span>
        ))}
        <span className="muted small">{t('matrix.overlaps.score', { score: fmt.number(Math.round(o.score * 100)) })}</span>
      </p>
      {o.status === 'resolved' && <Outcome overlap={o} fmt={fmt} />}
      {canResolve && <OverlapResolveForm overlap={o} onResolved={onResolved} />}
    </li>
  );
},
(prev, next) =>
  prev.canResolve === next.canResolve && prev.focus === next.focus && prev.fmt === next.fmt && prev.onResolved === next.onResolved && sameOverlap(prev.overlap, next.overlap));
