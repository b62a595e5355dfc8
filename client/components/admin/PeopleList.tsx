/** The people table of the admin page: name, email, organization, and a password reset for each. */
import { useTranslation } from 'react-i18next';
import type { AdminDirectoryUser } from '../../api/admin.js';
import { OrgBadge } from '../OrgBadge.js';
import { PasswordResetButton } from './PasswordResetButton.js';

/** Every account of the instance, as instance admins see them. */
export function PeopleList({ people }: { people: AdminDirectoryUser[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="admin-people">
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
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                {p.name} {p.isAdmin && <span className="tag">{t('admin.adminTag')}</span>}
              </td>
              <td>{p.email ?? '—'}</td>
              <td>
                <OrgBadge id={p.organizationId} />
              </td>
              <td className="actions-cell">
                <PasswordResetButton person={p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
