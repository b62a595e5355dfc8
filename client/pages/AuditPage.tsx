/** A working group's audit trail (facilitators), newest first, filtered and paged by cursor, downloadable as CSV. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { auditCsvUrl, listAuditPage, type AuditPage as AuditPageData } from '../api/audit.js';
import { listDecisions } from '../api/decisions.js';
import { listMeetings } from '../api/meetings.js';
import { listDocuments } from '../api/workspaces.js';
import { listVersions } from '../components/history/api.js';
import { AuditChanges, AuditTarget, targetOf } from '../components/AuditDetails.js';
import { AuditFiltersForm, EMPTY_AUDIT_FILTERS, narrowsAudit, toAuditFilters, type AuditFilterDraft } from '../components/audit/AuditFiltersForm.js';
import { useAuditText } from '../components/audit/useAuditText.js';
import { versionDisplayName } from '../components/history/VersionName.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { workspaceUnavailable } from '../components/WorkspaceUnavailable.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useWorkspace } from '../session/useWorkspace.js';

type AuditEventRow = AuditPageData['events'][number];

/** The /w/:workspaceId/audit page. */
export function AuditPage() {
  const { workspaceId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const ws = useWorkspace(workspaceId);
  const allowed = ws.permissions.canViewAudit;
  const [draft, setDraft] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTERS);
  const filters = toAuditFilters(draft);
  const filterKey = JSON.stringify(filters);
  const [more, setMore] = useState<AuditEventRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync(async (signal) => {
    if (!allowed) return null;
    const page = await listAuditPage(workspaceId, filters, null, signal);
    setMore([]);
    setCursor(page.nextCursor);
    return page.events;
  }, [workspaceId, allowed, filterKey]);
  // What the trail's ids stand for: the group's plans, their versions, decisions and meetings (people come from members and the trail).
  const things = useAsync(async (signal) => {
    if (!allowed) return [];
    const [docs, decisions, meetings] = await Promise.all([listDocuments(workspaceId, signal), listDecisions(workspaceId, '', signal), listMeetings(workspaceId, signal)]);
    const versions = (await Promise.all(docs.map((d) => listVersions(d.id, signal)))).flat();
    return [
      ...docs.map((d) => [d.id, d.title] as const),
      ...versions.map((v) => [v.id, versionDisplayName(v, t)] as const),
      ...decisions.map((d) => [d.id, `${d.ref} ${d.title}`] as const),
      ...meetings.map((m) => [m.id, m.title] as const),
    ];
  }, [workspaceId, allowed]);
  useDocumentTitle(t('audit.title'));

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listAuditPage(workspaceId, filters, cursor);
      setMore((list) => [...list, ...page.events]);
      setCursor(page.nextCursor);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const events = [...(first.data ?? []), ...more];
  // Current members, plus people named in the trail who have since left the group.
  const names = new Map((ws.data?.members ?? []).map((m) => [m.userId, m.name]));
  for (const e of events) if (e.actorId && e.actorName && !names.has(e.actorId)) names.set(e.actorId, e.actorName);
  const people = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  const allNames = new Map([...names, ...(things.data ?? [])]);
  const text = useAuditText(allNames);

  // A group that is not there, or not the caller's, shows only the breadcrumb and "not found".
  const unavailable = workspaceUnavailable(ws, workspaceId);
  if (unavailable) return unavailable;
  return (
    <div className="page page-wide">
      <WorkspaceNav workspaceId={workspaceId} workspaceName={ws.data?.workspace.name} permissions={ws.permissions} current={t('audit.title')} />
      <div className="page-head">
        <h1>{t('audit.title')}</h1>
        {allowed && (
          <DownloadLink className="btn btn-secondary" href={auditCsvUrl(workspaceId, filters, i18n.language)} label={t('audit.downloadCsv')} testId="audit-csv" />
        )}
      </div>
      {ws.data && !allowed && <p className="notice notice-info">{t('audit.notAllowed')}</p>}
      <ErrorNotice error={ws.error ?? first.error} onRetry={first.reload} />
      {allowed && <AuditFiltersForm value={draft} onApply={setDraft} people={people} seenActions={[...new Set(events.map((e) => e.action))]} />}
      {allowed && first.loading && !first.data && <Loading />}
      {allowed && first.data && (
        <section className="card">
          {events.length === 0 ? (
            <p className="empty">
              {/* Plan visits are hidden by default: an empty default view says so, and how to show them. */}
              {t(narrowsAudit(draft) ? 'audit.emptyFiltered' : draft.includeVisits ? 'audit.empty' : 'audit.emptyVisitsHidden')}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="audit-table">
                <caption className="visually-hidden">{t('audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('members.organization')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.target')}</th>
                    <th scope="col">{t('audit.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((e) => (
                    <tr key={e.id}>
                      <td className="nowrap">
                        <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
                      </td>
                      <td>{e.actorId ? (names.get(e.actorId) ?? e.actorId) : t('audit.system')}</td>
                      <td>{e.organizationId ? <OrgBadge id={e.organizationId} /> : '—'}</td>
                      <td>
                        {text.action(e.action)}
                        {/* The code stays visible: it is what the action filter and the CSV use. */}
                        <code className="audit-code">{e.action}</code>
                      </td>
                      <td className="audit-target">
                        <AuditTarget target={e.target} text={text} />
                      </td>
                      <td className="audit-changes">
                        <AuditChanges changes={e.changes} text={text} targetType={targetOf(e.target)?.type} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ErrorNotice error={moreError} compact />
          {cursor && (
            <button type="button" className="btn btn-secondary" disabled={loadingMore} onClick={() => void loadMore()}>
              {loadingMore ? t('common.loading') : t('audit.loadMore')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
