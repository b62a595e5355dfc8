/** "Cerrar sesión": signs out at once when every open plan is saved, and asks first when edits would be lost. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ModalDialog } from '../components/ModalDialog.js';
import { closedPlansWithOfflineEdits, type PlanWithOfflineEdits } from '../plan/closedPlanCopies.js';
import { unsavedPlansInBrowser } from '../plan/unsavedPlans.js';
import { useSession } from './SessionContext.js';

/** The header's sign-out button, with its "unsaved changes" confirmation. */
export function SignOutButton() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [closedPlans, setClosedPlans] = useState<PlanWithOfflineEdits[]>([]);

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
  // Plans left while offline keep their edits only in their copies here: those are read too.
  const onClick = async () => {
    setBusy(true);
    let unsaved: string[] = [];
    let closed: PlanWithOfflineEdits[] = [];
    try {
      unsaved = await unsavedPlansInBrowser();
      closed = await closedPlansWithOfflineEdits(new Set(unsaved)).catch((err: unknown) => {
        console.warn('Offline plan copies could not be checked', err);
        return [];
      });
    } finally {
      setBusy(false);
    }
    setClosedPlans(closed);
    if (unsaved.length > 0 || closed.length > 0) setAsking(true);
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
          {closedPlans.length > 0 && (
            <div data-testid="sign-out-offline-plans">
              <p>{t('session.offlineCopies', { count: closedPlans.length })}</p>
              <ul>
                {closedPlans.map((p) => (
                  <li key={p.documentId}>
                    {p.workspaceId ? (
                      <Link to={`/w/${p.workspaceId}/d/${p.documentId}`} onClick={() => setAsking(false)}>
                        {p.title}
                      </Link>
                    ) : (
                      t('session.offlineCopyUnchecked')
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
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
