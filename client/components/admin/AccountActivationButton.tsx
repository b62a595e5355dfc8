/** A person's "Deactivate account" / "Reactivate account" action on the admin page, with a confirmation for deactivating. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setAccountActive } from '../../api/admin.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { ModalDialog } from '../ModalDialog.js';
import { useNotices } from '../Notices.js';

interface Props {
  person: { id: string; name: string; active?: boolean };
  /** Called once the server has changed the account (the list reloads). */
  onChanged: () => void;
}

/** The button for one row of the people table (not shown for the admin's own row: the server refuses that). */
export function AccountActivationButton({ person, onChanged }: Props) {
  const { t } = useTranslation();
  const { show } = useNotices();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const active = person.active !== false;

  const change = async (next: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await setAccountActive(person.id, next);
      setConfirming(false);
      show(t(next ? 'admin.reactivated' : 'admin.deactivated', { name: person.name }));
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!active) {
    return (
      <>
        <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void change(true)} aria-label={t('admin.reactivateOf', { name: person.name })}>
          {t('admin.reactivate')}
        </button>
        <ErrorNotice error={error} compact />
      </>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} aria-label={t('admin.deactivateOf', { name: person.name })}>
        {t('admin.deactivate')}
      </button>
      <ModalDialog open={confirming} title={t('admin.deactivateOf', { name: person.name })} onClose={() => setConfirming(false)} testId="deactivate-dialog">
        <div className="form">
          <p>{t('admin.deactivateIntro', { name: person.name })}</p>
          <ErrorNotice error={error} compact />
          <div className="actions-cell">
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void change(false)}>
              {busy ? t('admin.deactivating') : t('admin.deactivateSubmit')}
            </button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
