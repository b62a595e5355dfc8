/** Restore with an explicit confirmation step; says that the current content is kept as a version. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice.js';
import { restoreVersion, type PlanVersion } from './api.js';

/** A restore button that asks first, then reports the automatic version it saved. */
export function RestoreButton({ version, onRestored }: { version: PlanVersion; onRestored: (backup: PlanVersion) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const backup = await restoreVersion(version.id);
      setConfirming(false);
      onRestored(backup);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(true)} data-testid="history-restore">
        {t('history.restore')}
      </button>
    );
  }
  return (
    <div className="notice notice-warning vh-confirm" role="alertdialog" aria-labelledby={`vh-confirm-${version.id}`}>
      <p className="notice-title" id={`vh-confirm-${version.id}`}>
        {t('history.restoreConfirmTitle', { name: version.name })}
      </p>
      <p className="notice-hint">{t('history.restoreConfirmHint')}</p>
      <div className="inline-controls">
        <button type="button" className="btn btn-danger btn-small" onClick={restore} disabled={busy} data-testid="history-restore-confirm">
          {busy ? t('history.restoring') : t('history.restoreConfirm')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNotice error={error} compact />
    </div>
  );
}
