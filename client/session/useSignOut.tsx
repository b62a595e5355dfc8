/** Signing out: at once when every open plan is saved, after asking when edits would be lost. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ModalDialog } from '../components/ModalDialog.js';
import { closedPlansWithOfflineEdits, type PlanWithOfflineEdits } from '../plan/closedPlanCopies.js';
import { unsavedPlansInBrowser } from '../plan/unsavedPlans.js';
import { useSession } from './SessionContext.js';

export interface SignOut {
  /** Checking the offline copies or signing out: the buttons wait. */
  busy: boolean;
  /** Signs out, or opens the question first when edits the server has not confirmed would be lost. */
  request: () => void;
  /** The "unsaved changes" question; rendered once, whichever button asked. */
  dialog: ReactNode;
}

/** The header's sign-out (a button beside the account menu, or an item in it where room is short) with its question. */
export function useSignOut(): SignOut {
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
  const ask = async () => {
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

  const dialog = (
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
  );
  return { busy, request: () => void ask(), dialog };
}
