/** The people table of the admin page: name, email, organization, a password reset, a move to another organization, admin rights and deactivation for each. */
import { useTranslation } from 'react-i18next';
import type { AdminDirectoryUser } from '../../api/admin.js';
import { FormStatus, useRowStatus } from '../FormStatus.js';
import { OrgBadge } from '../OrgBadge.js';
import { AccountActivationButton } from './AccountActivationButton.js';
import { AdminRightsButton } from './AdminRightsButton.js';
import { MoveOrganizationButton } from './MoveOrganizationButton.js';
import { PasswordResetButton } from './PasswordResetButton.js';
import { RenamePersonButton } from './RenamePersonButton.js';

/** Every account of the instance, as instance admins see them; what an action did is said in its row, under the actions. */
export function PeopleList({ people, meId, onChanged }: { people: AdminDirectoryUser[]; meId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const status = useRowStatus();
  return (
    <div className="table-wrap">
      <table className="table table-cards" data-testid="admin-people">
        <caption className="visually-hidden">{t('admin.people')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('members.person')}</th>
            <th scope="col">{t('setup.email')}</th>
            <th scope="col">{t('members.organization')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => {
            const changed = (confirmation: string) => {
              status.say(p.id, confirmation);
              onChanged();
            };
            return (
              <tr key={p.id} data-active={p.active !== false}>
                <td>
                  {p.name} {p.isAdmin && <span className="tag">{t('admin.adminTag')}</span>}{' '}
                  {p.active === false && <span className="tag tag-warning">{t('admin.deactivatedTag')}</span>}
                </td>
                <td data-label={t('setup.email')}>{p.email ?? '—'}</td>
                <td data-label={t('members.organization')}>
                  <OrgBadge id={p.organizationId} />
                </td>
                <td className="actions-cell" data-label={t('common.actions')}>
                  {/* Five actions wrap inside their cell: on one line they pushed the last ones out of sight. */}
                  <div className="action-list">
                    <RenamePersonButton person={p} onChanged={changed} />
                    <PasswordResetButton person={p} />
                    <MoveOrganizationButton person={p} onChanged={changed} />
                    {p.id !== meId && <AdminRightsButton person={p} onChanged={changed} />}
                    {p.id !== meId && <AccountActivationButton person={p} onChanged={changed} />}
                  </div>
                  {/* Where focus returns once an action's dialog closes: the page's top was out of view below a long list. */}
                  <FormStatus text={status.textFor(p.id)} testId="row-status" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
