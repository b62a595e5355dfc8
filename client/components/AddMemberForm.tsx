/** Picks a user from the directory and adds them to the working group with a role. */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { WORKSPACE_ROLES, type WorkspaceRole } from '../../shared/constants.js';
import type { DirectoryUser, Member } from '../api/types.js';
import { listUsers, putMember } from '../api/workspaces.js';
import { useAsync } from '../lib/useAsync.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Field } from './Field.js';
import { focalPointHolder } from './focalPointHolder.js';
import { Loading } from './Loading.js';

/** "Name · ORG · email": the directory gives emails to instance admins only, so absent parts are left out, separator and all. */
function candidateLabel(u: DirectoryUser, orgLabel: (id: string) => string): string {
  return [u.name, orgLabel(u.organizationId), u.email].filter(Boolean).join(' · ');
}

/** The role the form starts with, and returns to after each addition. */
const DEFAULT_ROLE: WorkspaceRole = 'member';

/** The "add a member" form of the member-management panel; says who was added, as what, in a polite status. */
export function AddMemberForm({ workspaceId, members, onAdded }: { workspaceId: string; members: Member[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const { label } = useOrganizations();
  const isAdmin = useMe().user.isAdmin;
  const users = useAsync((signal) => listUsers(signal), []);
  const [filter, setFilter] = useState('');
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<WorkspaceRole>(DEFAULT_ROLE);
  const [focal, setFocal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Who was added, and the focal point they replaced (one per organization: the server moves it). */
  const [added, setAdded] = useState<{ member: Member; replaced?: Member } | null>(null);
  // Observers never cast a stance or sign off, so they cannot speak for their organization (the server refuses it too).
  const observer = role === 'observer';
  const changeRole = (next: WorkspaceRole) => {
    setRole(next);
    if (next === 'observer') setFocal(false);
  };

  const candidates = useMemo(() => {
    const memberIds = new Set(members.map((m) => m.userId));
    const f = filter.trim().toLowerCase();
    return (users.data ?? [])
      // Someone whose account is deactivated cannot be added (the server refuses it): not offered at all.
      .filter((u) => !memberIds.has(u.id) && u.active !== false)
      .filter((u) => !f || candidateLabel(u, label).toLowerCase().includes(f))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [users.data, members, filter, label]);

  const selected = candidates.some((u) => u.id === userId) ? userId : '';
  const selectedOrganization = candidates.find((u) => u.id === selected)?.organizationId;
  // Told before saving, not found out later in the audit trail: naming a focal point takes the role from a colleague.
  const replaces = focal && !observer ? focalPointHolder(members, selectedOrganization, selected) : undefined;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const member = await putMember(workspaceId, selected, { role, focalPoint: focal && !observer });
      setAdded({ member, ...(member.focalPoint && replaces ? { replaced: replaces } : {}) });
      setUserId('');
      setRole(DEFAULT_ROLE);
      setFocal(false);
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (users.loading && !users.data) return <Loading />;
  if (users.error) return <ErrorNotice error={users.error} onRetry={users.reload} compact />;

  return (
    <form className="form inline-form" onSubmit={(e) => void onSubmit(e)}>
      <h3>{t('members.addTitle')}</h3>
      <div className="field-row">
        <Field id={`${uid}-filter`} label={t('members.search')}>
          <input id={`${uid}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </Field>
        <Field id={`${uid}-user`} label={t('members.person')} required>
          <select id={`${uid}-user`} value={selected} onChange={(e) => setUserId(e.target.value)} data-testid="add-member-user">
            <option value="">{candidates.length ? t('members.choosePerson') : t('members.noCandidates')}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {candidateLabel(u, label)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${uid}-role`} label={t('members.role')}>
          <select id={`${uid}-role`} value={role} onChange={(e) => changeRole(e.target.value as WorkspaceRole)}>
            {WORKSPACE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {/* Accounts are made under Administration only: say so where a missing person is noticed. */}
      <p className="field-hint" data-testid="add-member-missing">
        {isAdmin ? (
          <>
            {t('members.missingAdmin')} <Link to="/admin">{t('members.missingAdminLink')}</Link>
          </>
        ) : (
          t('members.missing')
        )}
      </p>
      <div className="check">
        <input
          id={`${uid}-focal`}
          type="checkbox"
          checked={focal}
          disabled={observer}
          aria-describedby={observer || replaces ? `${uid}-focal-hint` : undefined}
          onChange={(e) => setFocal(e.target.checked)}
        />
        <label htmlFor={`${uid}-focal`}>{t('members.focalPointHint')}</label>
      </div>
      {replaces && (
        <p id={`${uid}-focal-hint`} className="field-hint field-warning" data-testid="focal-point-replaces">
          {t('members.replacesFocalPoint', { org: label(replaces.organizationId), name: replaces.name })}
        </p>
      )}
      {observer && (
        <p id={`${uid}-focal-hint`} className="field-hint">
          {t('members.observerNoFocalPoint')}
        </p>
      )}
      <ErrorNotice error={error} compact />
      <button type="submit" className="btn btn-primary" disabled={busy || !selected}>
        {t('members.add')}
      </button>
      {/* Always in the page, so screen readers announce what appears in it. */}
      <p className="muted" role="status" aria-live="polite" data-testid="add-member-status">
        {added ? addedText(added, t, label) : ''}
      </p>
    </form>
  );
}

/** "Se agregó a Fausto con el rol Integrante", and as whose focal point, in place of whom. */
function addedText(added: { member: Member; replaced?: Member }, t: TFunction, label: (id: string) => string): string {
  const { member, replaced } = added;
  const base = { name: member.name, role: t(`roles.${member.role}`), org: label(member.organizationId) };
  if (!member.focalPoint) return t('members.addedAs', base);
  return replaced ? t('members.addedAsFocalReplacing', { ...base, previous: replaced.name }) : t('members.addedAsFocal', base);
}
