/** "Salir de la mesa": anyone leaves a working group themselves, after a question; the last facilitator is told why not. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { removeMember } from '../api/workspaces.js';
import { pruneRevokedPlanCopies } from '../plan/revokedPlanCopies.js';
import { markLeaving } from '../session/leavingGroups.js';
import { useSession } from '../session/SessionContext.js';
import { ConfirmButton } from './ConfirmButton.js';
import { ErrorNotice } from './ErrorNotice.js';
import { useNotices } from './Notices.js';

/** The button, its confirmation and its error. */
export function LeaveGroupButton({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, reload } = useSession();
  const { show } = useNotices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!me) return null;

  const leave = async () => {
    setBusy(true);
    setError(null);
    // The server tells this tab's socket the access ended, maybe before the answer: that is no news here.
    const unmark = markLeaving(workspaceId);
    try {
      await removeMember(workspaceId, me.user.id);
      show(t('workspace.left', { name: workspaceName }), 'info');
      void reload();
      // The group's plans' offline copies go with the access.
      pruneRevokedPlanCopies().catch((err: unknown) => console.warn('Offline plan copies were not checked', err));
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      // Kept a moment: the socket's word may come just after the answer.
      setTimeout(unmark, 5000);
    }
  };

  return (
    <div className="leave-group" data-testid="leave-group">
      <ConfirmButton
        label={t('workspace.leave')}
        question={t('workspace.leaveQuestion', { name: workspaceName })}
        confirmLabel={t('workspace.leaveConfirm')}
        disabled={busy}
        onConfirm={() => void leave()}
      />
      <ErrorNotice error={error} compact />
    </div>
  );
}
