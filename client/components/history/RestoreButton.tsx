/** Restore with an explicit confirmation step; says that the current content is kept as a version. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice.js';
import { restoreVersion, type PlanVersion } from './api.js';
import { restoringFromThisTab } from '../../plan/restoreWatch.js';

/** A restore button that asks first, then reports the automatic version it saved. */
export function RestoreButton({ version, onRestored }: { version: PlanVersion; onRestored: (backup: PlanVersion) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const restoreRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Each step replaces the button that was pressed: focus follows to the one that takes its place, or it fell to <body>.
  const focusNext = useRef<'confirm' | 'restore' | null>(null);

  useEffect(() => {
    const target = focusNext.current === 'confirm' ? confirmRef.current : focusNext.current === 'restore' ? restoreRef.current : null;
    focusNext.current = null;
    target?.focus();
  }, [confirming]);

  const ask = () => {
    focusNext.current = 'confirm';
    setConfirming(true);
  };
  const cancel = () => {
    focusNext.current = 'restore';
    setConfirming(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || busy) return;
    // Handled here: the Escape that cancels the confirmation must not also close a panel around it.
    e.preventDefault();
    e.stopPropagation();
    cancel();
  };

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = restoringFromThisTab(version.documentId);
      const backup = await restoreVersion(version.id).finally(done);
      focusNext.current = 'restore';
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
      <button ref={restoreRef} type="button" className="btn btn-secondary btn-small" onClick={ask} data-testid="history-restore">
        {t('history.restore')}
      </button>
    );
  }
  return (
    <div className="notice notice-warning vh-confirm" role="alertdialog" aria-labelledby={`vh-confirm-${version.id}`} onKeyDown={onKeyDown}>
      <p className="notice-title" id={`vh-confirm-${version.id}`}>
        {t('history.restoreConfirmTitle', { name: version.name })}
      </p>
      <p className="notice-hint">{t('history.restoreConfirmHint')}</p>
      <div className="inline-controls">
        <button ref={confirmRef} type="button" className="btn btn-danger btn-small" onClick={restore} disabled={busy} data-testid="history-restore-confirm">
          {busy ? t('history.restoring') : t('history.restoreConfirm')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={cancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNotice error={error} compact />
    </div>
  );
}
