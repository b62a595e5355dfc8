/**
 * The group's invitation links with their status, when and by whom each was made, and who used it (every pending
 * link looked alike, so a facilitator could not tell which to revoke, nor that the wrong person had joined); pending
 * ones can be revoked (a link cannot be shown again). A link made for a person without an account names their institution.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listInvitations, revokeInvitation, type InvitationSummary } from '../api/invitations.js';
import { listUsers } from '../api/workspaces.js';
import { useAsync } from '../lib/useAsync.js';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import { useFormat } from '../lib/format.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { ErrorNotice } from './ErrorNotice.js';

/** Lists invitations; `version` changes whenever the panel creates one, so the list reloads. */
export function InvitationList({ workspaceId, version }: { workspaceId: string; version: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { label: orgLabel } = useOrganizations();
  const [items, setItems] = useState<InvitationSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const people = useAsync((signal) => listUsers(signal), []);
  const nameOf = (id: string | null) => people.data?.find((u) => u.id === id)?.name ?? '…';

  const load = useCallback(async () => {
    try {
      setItems(await listInvitations(workspaceId));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [workspaceId]);
  useEffect(() => {
    void load();
  }, [load, version]);
  // A link used meanwhile (someone joined with it) shows as used, by whom (perhaps an account it just created), not
  // pending with a "revoke" that would now be refused.
  useWorkspaceEvent(workspaceId, 'member:updated', () => {
    void load();
    people.reload();
  });

  const revoke = async (id: string) => {
    setBusyId(id);
    try {
      await revokeInvitation(id);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  };

  if (!items?.length) return <ErrorNotice error={error} compact />;
  return (
    <div data-testid="invitation-list">
      <h3>{t('invitations.listTitle')}</h3>
      <ErrorNotice error={error} compact />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('members.role')}</th>
            <th scope="col">{t('invitations.status')}</th>
            <th scope="col">{t('invitations.created')}</th>
            <th scope="col">{t('invitations.expires')}</th>
            <th scope="col">{t('invitations.forWhom')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('invitations.revoke')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((inv) => (
            <tr key={inv.id} data-status={inv.status}>
              <td>{t(`roles.${inv.role}`)}</td>
              <td>
                {t(`invitations.statuses.${inv.status}`)}
                {inv.status === 'used' && inv.usedById ? ` ${t('invitations.usedBy', { name: nameOf(inv.usedById) })}` : ''}
              </td>
              <td>{t('invitations.byWhom', { when: fmt.dateTime(inv.createdAt), name: nameOf(inv.createdById) })}</td>
              <td>{fmt.dateTime(inv.expiresAt)}</td>
              <td>{inv.organizationId ? t('invitations.newAccountOf', { acronym: orgLabel(inv.organizationId) }) : t('invitations.existingAccount')}</td>
              <td>
                {inv.status === 'pending' && (
                  <button type="button" className="btn btn-secondary btn-small" disabled={busyId === inv.id} onClick={() => void revoke(inv.id)}>
                    {t('invitations.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
