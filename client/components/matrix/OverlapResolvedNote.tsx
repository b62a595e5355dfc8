/**
 * Said where a just-resolved overlap's card was: under "open" the card leaves the list as the resolution is stored,
 * and nothing said it had been recorded, or where it went; the focus, on the card's button, fell to the page.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overlap, OverlapSide } from '../../api/matrix.js';

/** The note, focused as it appears, with a way to the list that now holds the overlap. */
export function OverlapResolvedNote({ overlap, onShowResolved }: { overlap: Overlap; onShowResolved: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [overlap]);
  const name = (side: OverlapSide) => (side.hidden ? t('matrix.overlaps.hiddenSide') : side.title || t('activities.untitled'));
  return (
    <div ref={ref} className="notice notice-info notice-compact" role="status" tabIndex={-1} data-testid="overlap-resolved-note">
      <p>
        {t('matrix.overlaps.resolvedNote', {
          resolution: t(`matrix.overlaps.resolutions.${overlap.resolution ?? 'coordinate'}`),
          a: name(overlap.a),
          b: name(overlap.b),
        })}{' '}
        <button type="button" className="btn btn-ghost btn-small" onClick={onShowResolved}>
          {t('matrix.overlaps.showResolved')}
        </button>
      </p>
    </div>
  );
}
