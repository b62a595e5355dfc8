/**
 * A focal point's approval of a named version, asked first: it cannot be withdrawn, it speaks for the whole
 * organization, and it covers the version as it was saved (not what changed since, which the diff beside it may show).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { approveVersion, type PlanVersion } from './api.js';
import { useConfirmStep } from './useConfirmStep.js';
import { versionDisplayName } from './VersionName.js';

/** The approve button and, once pressed, the in-place question that records the approval. */
export function ApproveButton({ version, myOrganizationId, onApproved }: { version: PlanVersion; myOrganizationId: string; onApproved: () => void }) {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { confirming, buttonRef, confirmRef, ask, cancel, onKeyDown } = useConfirmStep({ busy, onCancel: () => setError(null) });

  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      await approveVersion(version.id);
      // Kept busy until the list shows the approval and this question goes: a second press would ask again.
      onApproved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <button ref={buttonRef} type="button" className="btn btn-primary btn-small" onClick={ask} data-testid="history-approve">
        {t('history.approve')}
      </button>
    );
  }
  const titleId = `vh-approve-${version.id}`;
  return (
    <div className="notice notice-warning vh-confirm" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-hint`} onKeyDown={onKeyDown}>
      <p className="notice-title" id={titleId}>
        {t('history.approveConfirmTitle', { name: versionDisplayName(version, t), organization: orgs.label(myOrganizationId) })}
      </p>
      <p className="notice-hint" id={`${titleId}-hint`}>
        {t('history.approveConfirmHint')}
      </p>
      <div className="inline-controls">
        <button ref={confirmRef} type="button" className="btn btn-primary btn-small" onClick={() => void approve()} disabled={busy} data-testid="history-approve-confirm">
          {busy ? t('history.approving') : t('history.approveConfirm')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={cancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNotice error={error} compact />
    </div>
  );
}
