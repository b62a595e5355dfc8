/** The sign-off of a named version: one row per organization, and the focal point's approve button. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { OrgBadge } from '../OrgBadge.js';
import type { PlanVersion } from './api.js';
import { ApproveButton } from './ApproveButton.js';

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
  const mine = version.approvals.some((a) => a.organizationId === myOrganizationId);
  const withoutFocal = (orgId: string) => focalOrganizationIds !== null && !focalOrganizationIds.has(orgId);
  const stuck = version.signOff.filter((row) => !row.approved && withoutFocal(row.organizationId));
  // Approved from here: once the list shows the approval, focus goes to the line saying so (its question is gone).
  const approvedHere = useRef(false);
  const approvedNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!mine || !approvedHere.current) return;
    approvedHere.current = false;
    approvedNote.current?.focus();
  }, [mine]);
  const approved = () => {
    approvedHere.current = true;
    onApproved();
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
      {canApprove && !mine && <ApproveButton version={version} myOrganizationId={myOrganizationId} onApproved={approved} />}
      {canApprove && mine && (
        // Focusable: the approval's question, which had focus, gives way to this line.
        <p ref={approvedNote} className="muted small" tabIndex={-1} data-testid="history-approved-note">
          {t('history.alreadyApproved')}
        </p>
      )}
    </div>
  );
}
