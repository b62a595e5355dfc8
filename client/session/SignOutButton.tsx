/** "Cerrar sesión": signs out at once when every open plan is saved, and asks first when edits would be lost. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ModalDialog } from '../components/ModalDialog.js';
import { unsavedPlansInBrowser } from '../plan/unsavedPlans.js';
import { useSession } from './SessionContext.js';

/** The header's sign-out button, with its "unsaved changes" confirmation. */
export function SignOutButton() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);

  const signOutNow = async () => {
    setAsking(false);
    setBusy(true);
    try {
      await signOut();
    } catch (err) {
      console.warn('Sign-out failed on the server; the local session is cleared anyway', err);
    } finally {
      setBusy(false);
      navigate('/login', { replace: true });
    }
  };

  // Signing out deletes the plans' offline copies, so edits the server has not confirmed would be gone for good,
  // although the save badge promised they were kept in this browser.
  const onClick = async () => {
    setBusy(true);
    let unsaved: string[] = [];
    try {
      unsaved = await unsavedPlansInBrowser();
    } finally {
      setBusy(false);
    }
    if (unsaved.length > 0) setAsking(true);
    else await signOutNow();
  };

  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => void onClick()} disabled={busy}>
        {t('nav.signOut')}
      </button>
      <ModalDialog open={asking} title={t('session.unsavedTitle')} onClose={() => setAsking(false)} testId="sign-out-unsaved-dialog">
        <div className="form">
          <p>{t('session.unsavedBody')}</p>
          <p className="muted">{t('session.unsavedHint')}</p>
          <div className="actions-cell">
            <button type="button" className="btn btn-danger" onClick={() => void signOutNow()}>
              {t('session.signOutAnyway')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
