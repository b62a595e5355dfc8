/** Instance administration (/admin): organizations and people, each listed with a form to add one. */
import { useTranslation } from 'react-i18next';
import { listPeople } from '../api/admin.js';
import { auditCsvUrl } from '../api/audit.js';
import { OrganizationForm } from '../components/admin/OrganizationForm.js';
import { PersonForm } from '../components/admin/PersonForm.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { useNotices } from '../components/Notices.js';
import { stateName } from '../lib/states.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';

/** The /admin page; the server refuses everything here to non-admins too. */
export function AdminPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const orgs = useOrganizations();
  const { show } = useNotices();
  const people = useAsync((signal) => (me.user.isAdmin ? listPeople(signal) : Promise.resolve([])), [me.user.isAdmin]);
  useDocumentTitle(t('admin.title'));

  if (!me.user.isAdmin) {
    return (
      <div className="page">
        <h1>{t('admin.title')}</h1>
        <p className="notice notice-info">{t('admin.notAllowed')}</p>
      </div>
    );
  }

  return (
    <div className="page page-wide">
      <div className="page-head">
        <h1>{t('admin.title')}</h1>
        <p className="lead">{t('admin.intro')}</p>
        <DownloadLink className="btn btn-secondary" href={auditCsvUrl(null, {}, i18n.language)} label={t('admin.instanceAuditCsv')} testId="instance-audit-csv" />
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="admin-orgs">
          <h2 id="admin-orgs">
            {t('admin.organizations')} <span className="count">{orgs.list.length}</span>
          </h2>
          <ErrorNotice error={orgs.error} onRetry={orgs.reload} compact />
          {orgs.loading && !orgs.list.length ? (
            <Loading />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="admin-organizations">
                <caption className="visually-hidden">{t('admin.organizations')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('org.acronym')}</th>
                    <th scope="col">{t('org.name')}</th>
                    <th scope="col">{t('org.level')}</th>
                    <th scope="col">{t('admin.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {orgs.list.map((o) => (
                    <tr key={o.id}>
                      <td className="nowrap">{o.acronym}</td>
                      <td>{o.name}</td>
                      <td>{t(`levels.${o.level}`)}</td>
                      <td>{o.stateCode ? stateName(o.stateCode) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <OrganizationForm
            onCreated={(o) => {
              show(t('admin.organizationCreated', { acronym: o.acronym }));
              orgs.reload();
            }}
          />
        </section>
        <section className="card" aria-labelledby="admin-people">
          <h2 id="admin-people">
            {t('admin.people')} <span className="count">{people.data?.length ?? 0}</span>
          </h2>
          <ErrorNotice error={people.error} onRetry={people.reload} compact />
          {people.loading && !people.data ? (
            <Loading />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="admin-people">
                <caption className="visually-hidden">{t('admin.people')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('members.person')}</th>
                    <th scope="col">{t('setup.email')}</th>
                    <th scope="col">{t('members.organization')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(people.data ?? []).map((p) => (
                    <tr key={p.id}>
                      <td>
                        {p.name} {p.isAdmin && <span className="tag">{t('admin.adminTag')}</span>}
                      </td>
                      <td>{p.email ?? '—'}</td>
                      <td>
                        <OrgBadge id={p.organizationId} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <PersonForm
            onCreated={(u) => {
              show(t('admin.personCreated', { name: u.name }));
              people.reload();
            }}
          />
        </section>
      </div>
    </div>
  );
}
