/** An organization's "Deactivate" / "Reactivate" action on the admin page, with a confirmation for deactivating. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateOrganization } from '../../api/admin.js';
import type { Organization } from '../../api/types.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { ModalDialog } from '../ModalDialog.js';
import { useNotices } from '../Notices.js';

interface Props {
  organization: Organization;
  /** After the server changed it: the organization as it is now. */
  onChanged: (o: Organization) => void;
}

/** The button for one row of the organizations table. */
export function OrganizationActivationButton({ organization: o, onChanged }: Props) {
  const { t } = useTranslation();
  const { show } = useNotices();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const change = async (active: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const now = await updateOrganization(o.id, { active });
      setConfirming(false);
      show(t(active ? 'admin.orgReactivated' : 'admin.orgDeactivated', { acronym: o.acronym }));
      onChanged(now);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (o.active === false) {
    return (
      <>
        <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void change(true)} aria-label={t('admin.orgReactivateOf', { acronym: o.acronym })}>
          {t('admin.orgReactivate')}
        </button>
        <ErrorNotice error={error} compact />
      </>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} aria-label={t('admin.orgDeactivateOf', { acronym: o.acronym })}>
        {t('admin.orgDeactivate')}
      </button>
      <ModalDialog open={confirming} title={t('admin.orgDeactivateOf', { acronym: o.acronym })} onClose={() => setConfirming(false)} testId="organization-deactivate-dialog">
        <div className="form">
          <p>{t('admin.orgDeactivateIntro', { acronym: o.acronym })}</p>
          <ErrorNotice error={error} compact />
          <div className="actions-cell">
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void change(false)}>
              {busy ? t('admin.deactivating') : t('admin.orgDeactivateSubmit')}
            </button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
