/** Restore with an explicit confirmation step; says that the current content is kept as a version. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice.js';
import { restoreVersion, type PlanVersion } from './api.js';
import { useConfirmStep } from './useConfirmStep.js';
import { versionDisplayName } from './VersionName.js';
import { restoringFromThisTab } from '../../plan/restoreWatch.js';
import type { WhenStored } from '../../plan/ownEditsStored.js';

interface Props {
  version: PlanVersion;
  /** Resolves once the server stored this tab's edits: the backup must hold them, and the restore must replace them. */
  whenStored: WhenStored;
  onRestored: (backup: PlanVersion) => void;
}

/** A restore button that asks first, then reports the automatic version it saved. */
export function RestoreButton({ version, whenStored, onRestored }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'saving' | 'restoring' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { confirming, buttonRef, confirmRef, ask, close, cancel, onKeyDown } = useConfirmStep({ busy: busy !== null });

  const restore = async () => {
    setBusy('saving');
    setError(null);
    try {
      // The server takes the backup from what it stored: words typed just before (still on their way over a slow
      // link) would miss the backup and arrive after the restore, left standing in a plan meant to be the version.
      await whenStored();
      setBusy('restoring');
      const done = restoringFromThisTab(version.documentId);
      const backup = await restoreVersion(version.id).finally(done);
      close();
      onRestored(backup);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  if (!confirming) {
    return (
      <button ref={buttonRef} type="button" className="btn btn-secondary btn-small" onClick={ask} data-testid="history-restore">
        {t('history.restore')}
      </button>
    );
  }
  return (
    <div className="notice notice-warning vh-confirm" role="alertdialog" aria-labelledby={`vh-confirm-${version.id}`} onKeyDown={onKeyDown}>
      <p className="notice-title" id={`vh-confirm-${version.id}`}>
        {t('history.restoreConfirmTitle', { name: versionDisplayName(version, t) })}
      </p>
      <p className="notice-hint">{t('history.restoreConfirmHint')}</p>
      <div className="inline-controls">
        <button ref={confirmRef} type="button" className="btn btn-danger btn-small" onClick={restore} disabled={busy !== null} data-testid="history-restore-confirm">
          {busy === 'saving' ? t('history.savingFirst') : busy === 'restoring' ? t('history.restoring') : t('history.restoreConfirm')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={cancel} disabled={busy !== null}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNotice error={error} compact />
    </div>
  );
}
