/** One member's role and focal-point controls, with save and a two-step remove. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKSPACE_ROLES, type WorkspaceRole } from '../../shared/constants.js';
import type { Member } from '../api/types.js';
import { putMember, removeMember } from '../api/workspaces.js';
import { ErrorNotice } from './ErrorNotice.js';
import { focalPointHolder } from './focalPointHolder.js';
import { OrgBadge } from './OrgBadge.js';
import { useOrganizations } from '../session/OrganizationsContext.js';

interface Props {
  workspaceId: string;
  member: Member;
  /** The whole group: who holds the member's organization's focal point now. */
  members: readonly Member[];
  isSelf: boolean;
  onChanged: () => void;
}

/** A table row of the member-management panel. */
export function MemberRowEditor({ workspaceId, member, members, isSelf, onChanged }: Props) {
  const { t } = useTranslation();
  const { label } = useOrganizations();
  const [role, setRole] = useState<WorkspaceRole>(member.role);
  const [focal, setFocal] = useState(member.focalPoint);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dirty = role !== member.role || focal !== member.focalPoint;
  const idBase = `member-${member.userId}`;
  // Observers never cast a stance or sign off, so they cannot speak for their organization (the server refuses it too).
  const observer = role === 'observer';
  // Someone who left can be demoted or removed, never given a say they cannot use (the server refuses it too).
  const left = member.active === false;
  // Told before saving: one focal point per organization, so this one takes the role from a colleague.
  const replaces = focal && !member.focalPoint && !observer ? focalPointHolder(members, member.organizationId, member.userId) : undefined;
  const changeRole = (next: WorkspaceRole) => {
    setRole(next);
    if (next === 'observer') setFocal(false);
  };

  const run = async (op: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await op();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <tr>
      <th scope="row">
        {member.name}
        {isSelf && <span className="muted"> ({t('members.you')})</span>}
        {member.active === false && <span className="tag tag-warning">{t('members.deactivated')}</span>}
        {error != null && <ErrorNotice error={error} compact />}
      </th>
      <td data-label={t('members.organization')}>
        <OrgBadge id={member.organizationId} />
      </td>
      <td data-label={t('members.role')}>
        <label htmlFor={`${idBase}-role`} className="visually-hidden">
          {t('members.roleOf', { name: member.name })}
        </label>
        <select id={`${idBase}-role`} value={role} onChange={(e) => changeRole(e.target.value as WorkspaceRole)} disabled={busy}>
          {WORKSPACE_ROLES.map((r) => (
            <option key={r} value={r} disabled={left && r === 'facilitator' && member.role !== 'facilitator'}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td data-label={t('members.focalPoint')}>
        <input
          id={`${idBase}-focal`}
          type="checkbox"
          checked={focal}
          onChange={(e) => setFocal(e.target.checked)}
          disabled={busy || observer || (left && !member.focalPoint)}
          aria-label={t('members.focalPointOf', { name: member.name })}
          aria-describedby={observer || replaces ? `${idBase}-focal-hint` : undefined}
        />
        {observer && (
          <p id={`${idBase}-focal-hint`} className="field-hint">
            {t('members.observerNoFocalPoint')}
          </p>
        )}
        {replaces && (
          <p id={`${idBase}-focal-hint`} className="field-hint field-warning" data-testid="focal-point-replaces">
            {t('members.replacesFocalPoint', { org: label(replaces.organizationId), name: replaces.name })}
          </p>
        )}
      </td>
      <td className="actions-cell">
        <button type="button" className="btn btn-secondary btn-small" disabled={!dirty || busy} onClick={() => void run(() => putMember(workspaceId, member.userId, { role, focalPoint: focal }))}>
          {t('common.save')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="btn btn-danger btn-small" disabled={busy} onClick={() => void run(() => removeMember(workspaceId, member.userId))}>
              {t('members.confirmRemove')}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => setConfirming(true)} aria-label={t('members.removeNamed', { name: member.name })}>
            {t('members.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}
