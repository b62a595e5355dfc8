/**
 * Instance administration (/admin): organizations (each editable) and people, each listed with a form to add one.
 * What a form or a row's action did is said there (FormStatus), not under the header, out of view below the lists.
 */
import { useTranslation } from 'react-i18next';
import { listPeople } from '../api/admin.js';
import { auditCsvUrl } from '../api/audit.js';
import { OrganizationForm } from '../components/admin/OrganizationForm.js';
import { OrganizationList } from '../components/admin/OrganizationList.js';
import { PeopleList } from '../components/admin/PeopleList.js';
import { PersonForm } from '../components/admin/PersonForm.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';

/** The /admin page; the server refuses everything here to non-admins too. */
export function AdminPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const orgs = useOrganizations();
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
      {/* One above the other: side by side, neither table had room for its actions below very wide screens. */}
      <div className="stack">
        <section className="card" aria-labelledby="admin-orgs">
          <h2 id="admin-orgs">
            {t('admin.organizations')} <span className="count">{orgs.list.length}</span>
          </h2>
          <ErrorNotice error={orgs.error} onRetry={orgs.reload} compact />
          {orgs.loading && !orgs.list.length ? (
            <Loading />
          ) : (
            <OrganizationList
              organizations={orgs.list}
              // The shared directory: pickers and labels elsewhere read the new name too.
              onUpdated={() => orgs.reload()}
              onActivation={() => orgs.reload()}
            />
          )}
          <OrganizationForm onCreated={() => orgs.reload()} />
        </section>
        <section className="card" aria-labelledby="admin-people">
          <h2 id="admin-people">
            {t('admin.people')} <span className="count">{people.data?.length ?? 0}</span>
          </h2>
          <ErrorNotice error={people.error} onRetry={people.reload} compact />
          {people.loading && !people.data ? (
            <Loading />
          ) : (
            <PeopleList people={people.data ?? []} meId={me.user.id} onChanged={people.reload} />
          )}
          <PersonForm onCreated={() => people.reload()} />
        </section>
      </div>
    </div>
  );
}
