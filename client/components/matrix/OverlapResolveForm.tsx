/** The form recording how an overlap is handled (resolution and an optional note). */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERLAP_RESOLUTIONS, type OverlapResolution } from '../../../shared/constants.js';
import { resolveOverlap, type Overlap } from '../../api/matrix.js';
import { ErrorNotice } from '../ErrorNotice.js';

/** The resolve form of one overlap; `onResolved` receives the overlap as the server stored it. */
export function OverlapResolveForm({ overlap, onResolved }: { overlap: Overlap; onResolved: (o: Overlap) => void }) {
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
