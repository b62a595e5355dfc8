/** A working group's decisions: filters (status, owner agency, overdue), list, and the proposal form. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DECISION_STATUSES, type DecisionStatus } from '../../shared/constants.js';
import { decisionRegister } from '../api/decisions.js';
import type { Decision } from '../api/types.js';
import { DecisionForm } from '../components/DecisionForm.js';
import { DecisionListItem } from '../components/DecisionListItem.js';
import { DecisionDue } from '../components/DecisionDue.js';
import { DecisionProgressNote } from '../components/DecisionProgressNote.js';
import { decisionsCsv } from '../components/decisionsCsv.js';
import { saveCsv } from '../components/DownloadLink.js';
import { applyDecisionFilters, DecisionFilters, type DecisionFilterValue } from '../components/DecisionFilters.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { memberOrganizationIds } from '../components/groupOrganizations.js';
import { Loading } from '../components/Loading.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { OverdueActions } from '../components/OverdueActions.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { workspaceUnavailable } from '../components/WorkspaceUnavailable.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useWorkspaceEvent, useWorkspaceResync, useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useWorkspace } from '../session/useWorkspace.js';

/** Filters named in the address (?status=proposed&owner=…&overdue=1); anything unknown is ignored. */
function filtersFrom(search: URLSearchParams): DecisionFilterValue {
  const status = search.get('status');
  return { status: (DECISION_STATUSES as readonly string[]).includes(status ?? '') ? (status as DecisionStatus) : '', owner: search.get('owner') ?? '', overdue: search.get('overdue') === '1' };
}

/** The address of a set of filters: what a reload, a shared link or the overview's "see all" opens. */
function searchOf(f: DecisionFilterValue): Record<string, string> {
  return { ...(f.status ? { status: f.status } : {}), ...(f.owner ? { owner: f.owner } : {}), ...(f.overdue ? { overdue: '1' } : {}) };
}

/** The /w/:workspaceId/decisions page. */
export function DecisionsPage() {
  const { workspaceId = '' } = useParams();
  const { t } = useTranslation();
  const uid = useId();
  const ws = useWorkspace(workspaceId);
  const [search, setSearch] = useSearchParams();
  const [filters, setFiltersState] = useState<DecisionFilterValue>(() => filtersFrom(search));
  const setFilters = (next: DecisionFilterValue) => {
    setFiltersState(next);
    setSearch(searchOf(next), { replace: true });
  };
  const status = filters.status;
  const register = useAsync((signal) => decisionRegister(workspaceId, { status }, signal), [workspaceId, status]);
  const decisions = register.data?.decisions;
  // The decision just proposed here: said, with a link (a status filter may keep it out of the list).
  const [proposed, setProposed] = useState<Decision | null>(null);
  const shown = decisions ? applyDecisionFilters(decisions, filters) : undefined;
  const groupOrganizationIds = useMemo(() => memberOrganizationIds(ws.data?.members), [ws.data]);
  const ownerIds = useMemo(() => (decisions ?? []).flatMap((d) => (d.ownerOrganizationId ? [d.ownerOrganizationId] : [])), [decisions]);
  useWorkspaceRoom(workspaceId, undefined, 'decisions');
  useWorkspaceEvent(workspaceId, 'decision:created', register.reload);
  useWorkspaceResync(workspaceId, register.reload);
  useWorkspaceEvent(workspaceId, 'decision:updated', register.reload);
  // Each decision's progress follows stances and actions as they are recorded.
  useWorkspaceEvent(workspaceId, 'stance:recorded', register.reload);
  useWorkspaceEvent(workspaceId, 'action:updated', register.reload);
  useDocumentTitle(t('decisions.title'));
  const orgs = useOrganizations();

  // The log as shown (filters applied), in the page's language: what a facilitator sends on as a report.
  const download = () => {
    if (!shown || !register.data) return;
    const csv = decisionsCsv(shown, {
      progress: register.data.progress,
      organizationLabel: (id) => orgs.label(id),
      statusLabel: (s) => t(`decisionStatus.${s}`),
      headers: {
        ref: t('decisions.csv.ref'),
        title: t('decisions.decisionTitle'),
        status: t('decisions.status'),
        owner: t('decisions.owner'),
        dueDate: t('decisions.dueDate'),
        stances: t('decisions.csv.stances'),
        organizations: t('decisions.csv.organizations'),
        openActions: t('decisions.csv.openActions'),
        overdueActions: t('decisions.csv.overdueActions'),
        proposedOn: t('decisions.csv.proposedOn'),
      },
    });
    saveCsv(csv, t('decisions.csv.fileName'));
  };

  // A group that is not there, or not the caller's, shows only the breadcrumb and "not found".
  const unavailable = workspaceUnavailable(ws, workspaceId);
  if (unavailable) return unavailable;
  return (
    <div className="page">
      <WorkspaceNav workspaceId={workspaceId} workspaceName={ws.data?.workspace.name} permissions={ws.permissions} current={t('decisions.title')} />
      <h1>{t('decisions.title')}</h1>
      {/* Who cannot propose (observers) gets the register across the page, not beside an empty column. */}
      <div className={ws.permissions.canPropose ? 'grid-2 grid-wide-left' : undefined}>
        <section className="card" aria-labelledby={`${uid}-list`} data-testid="decision-register">
          <div className="section-head">
            <h2 id={`${uid}-list`}>{t('decisions.list')}</h2>
            <DecisionFilters idPrefix={uid} value={filters} onChange={setFilters} groupOrganizationIds={groupOrganizationIds} ownerIds={ownerIds} />
            {shown && shown.length > 0 && (
              <button type="button" className="btn btn-secondary btn-small" onClick={download} data-testid="decisions-csv">
                {t('decisions.csv.download')}
              </button>
            )}
          </div>
          {register.loading && !decisions && <Loading />}
          <ErrorNotice error={register.error} onRetry={register.reload} />
          {decisions?.length === 0 && !status ? (
            <p className="empty">{t(ws.permissions.canPropose ? 'decisions.noneCanPropose' : 'decisions.none')}</p>
          ) : (
            shown?.length === 0 && <p className="empty">{t('decisions.empty')}</p>
          )}
          {shown && shown.length > 0 && (
            <ul className="item-list" data-testid="decision-list">
              {shown.map((d) => (
                <DecisionListItem key={d.id} workspaceId={workspaceId} decision={d}>
                  <p className="item-meta">
                    {d.ownerOrganizationId && <OrgBadge id={d.ownerOrganizationId} />}
                    <DecisionDue decision={d} />
                    {register.data?.progress[d.id] && <DecisionProgressNote progress={register.data.progress[d.id]} open={d.status === 'proposed'} />}
                  </p>
                </DecisionListItem>
              ))}
            </ul>
          )}
          {filters.overdue && <OverdueActions workspaceId={workspaceId} />}
        </section>
        {ws.permissions.canPropose && (
          <section className="card">
            {proposed && (
              <p className="notice notice-success" role="status" data-testid="decision-proposed">
                {t('decisions.proposedNotice', { ref: proposed.ref })}{' '}
                <Link to={`/w/${workspaceId}/decisions/${proposed.id}`}>{t('decisions.openProposed', { ref: proposed.ref })}</Link>
              </p>
            )}
            <DecisionForm
              workspaceId={workspaceId}
              onCreated={(d) => {
                setProposed(d);
                register.reload();
              }}
              groupOrganizationIds={groupOrganizationIds}
            />
          </section>
        )}
      </div>
    </div>
  );
}
