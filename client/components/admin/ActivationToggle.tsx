/** A "Deactivate" / "Reactivate" action on the admin page, with a confirmation (what deactivating does) first. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice.js';
import { ModalDialog } from '../ModalDialog.js';

export interface ActivationTexts {
  deactivate: string;
  /** The button's accessible name and the dialog's title: whose or what. */
  deactivateOf: string;
  intro: string;
  submit: string;
  reactivate: string;
  reactivateOf: string;
}

interface Props {
  active: boolean;
  texts: ActivationTexts;
  testId: string;
  /** Asks the server; throws to show its refusal. */
  change: (active: boolean) => Promise<void>;
}

/** Reactivating is one press; deactivating asks first. */
export function ActivationToggle({ active, texts, testId, change }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (next: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await change(next);
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!active) {
    return (
      <>
        <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void run(true)} aria-label={texts.reactivateOf}>
          {texts.reactivate}
        </button>
        <ErrorNotice error={error} compact />
      </>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} aria-label={texts.deactivateOf}>
        {texts.deactivate}
      </button>
      <ModalDialog open={confirming} title={texts.deactivateOf} onClose={() => setConfirming(false)} testId={testId}>
        <div className="form">
          <p>{texts.intro}</p>
          <ErrorNotice error={error} compact />
          <div className="actions-cell">
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run(false)}>
              {busy ? t('admin.deactivating') : texts.submit}
            </button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
