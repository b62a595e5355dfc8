/** The sign-off of a named version: one row per organization, and the focal point's approve button. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { OrgBadge } from '../OrgBadge.js';
import { approveVersion, type PlanVersion } from './api.js';

interface Props {
  version: PlanVersion;
  canApprove: boolean;
  myOrganizationId: string;
  onApproved: () => void;
  /** Organizations of the group with a focal point (null while unknown): the others cannot approve yet. */
  focalOrganizationIds: ReadonlySet<string> | null;
}

/** Sign-off table and button (focal points, once per organization). */
export function SignOff({ version, canApprove, myOrganizationId, onApproved, focalOrganizationIds }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mine = version.approvals.some((a) => a.organizationId === myOrganizationId);
  const withoutFocal = (orgId: string) => focalOrganizationIds !== null && !focalOrganizationIds.has(orgId);
  const stuck = version.signOff.filter((row) => !row.approved && withoutFocal(row.organizationId));

  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      await approveVersion(version.id);
      onApproved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="vh-signoff">
      <h4>{t('history.signOff')}</h4>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('history.signOffCaption', { name: version.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.organization')}</th>
              <th scope="col">{t('history.approval')}</th>
              <th scope="col">{t('history.approvedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {version.signOff.map((row) => (
              <tr key={row.organizationId}>
                <td>
                  <OrgBadge id={row.organizationId} />
                </td>
                <td>
                  {row.approved ? (
                    <span className="tag vh-approved">{t('history.approved')}</span>
                  ) : withoutFocal(row.organizationId) ? (
                    <span className="tag tag-warning">{t('history.noFocalPoint')}</span>
                  ) : (
                    <span className="tag">{t('history.pending')}</span>
                  )}
                </td>
                <td className="small">{row.approved ? `${row.userName ?? ''} · ${fmt.dateTime(row.at)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {stuck.length > 0 && (
        <p className="muted small" data-testid="signoff-no-focal">
          {t('history.noFocalPointHint', { count: stuck.length })}
        </p>
      )}
      {canApprove && !mine && (
        <button type="button" className="btn btn-primary btn-small" onClick={approve} disabled={busy} data-testid="history-approve">
          {busy ? t('history.approving') : t('history.approve')}
        </button>
      )}
      {canApprove && mine && <p className="muted small">{t('history.alreadyApproved')}</p>}
      <ErrorNotice error={error} compact />
    </div>
  );
}
