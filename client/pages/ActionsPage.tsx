/**
 * A working group's follow-up actions, across its decisions: who owes what and by when. Filters live in the address
 * (open actions by default); members and facilitators change an action's status in place; the list follows
 * `action:updated` live.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ActionStatus } from '../../shared/constants.js';
import { listActions, listDecisions, updateAction } from '../api/decisions.js';
import type { DecisionAction } from '../api/types.js';
import { ActionFilters } from '../components/actions/ActionFilters.js';
import { actionsCsv } from '../components/actions/actionsCsv.js';
import { actionFiltersFrom, actionFiltersSearch, applyActionFilters, type ActionFilterValue } from '../components/actions/actionFilters.js';
import { ActionItem } from '../components/actions/ActionItem.js';
import { saveCsv } from '../components/DownloadLink.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { memberOrganizationIds } from '../components/groupOrganizations.js';
import { Loading } from '../components/Loading.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { workspaceUnavailable } from '../components/WorkspaceUnavailable.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useWorkspaceEvent, useWorkspaceResync, useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';
import { useWorkspace } from '../session/useWorkspace.js';

/** The /w/:workspaceId/actions page. */
export function ActionsPage() {
  const { workspaceId = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const me = useMe();
  const orgs = useOrganizations();
  const ws = useWorkspace(workspaceId);
  const [search, setSearch] = useSearchParams();
  const [filters, setFiltersState] = useState<ActionFilterValue>(() => actionFiltersFrom(search));
  const setFilters = (next: ActionFilterValue) => {
    setFiltersState(next);
    setSearch(actionFiltersSearch(next), { replace: true });
  };
  // The group's actions are few (tens to hundreds): all of them once, filtered here, so a filter change costs nothing.
  const actions = useAsync((signal) => listActions(workspaceId, {}, signal), [workspaceId]);
  // Each action names its decision by ref and title.
  const register = useAsync((signal) => listDecisions(workspaceId, '', signal), [workspaceId]);
  const decisionsById = useMemo(() => new Map((register.data ?? []).map((d) => [d.id, d])), [register.data]);
  const [saveError, setSaveError] = useState<unknown>(null);
  useWorkspaceRoom(workspaceId, undefined, 'actions');
  useWorkspaceEvent(workspaceId, 'action:updated', actions.reload);
  useWorkspaceEvent(workspaceId, 'decision:created', register.reload);
  useWorkspaceEvent(workspaceId, 'decision:updated', register.reload);
  useWorkspaceResync(workspaceId, () => {
    actions.reload();
    register.reload();
  });
  useDocumentTitle(t('actions.title'));

  const all = actions.data;
  const shown = useMemo(
    () => (all ? applyActionFilters(all, filters, { userId: me.user.id, organizationId: me.user.organizationId }) : undefined),
    [all, filters, me.user.id, me.user.organizationId],
  );
  const ownerIds = useMemo(() => [...new Set((all ?? []).map((a) => a.ownerOrganizationId))], [all]);
  const groupOrganizationIds = useMemo(() => memberOrganizationIds(ws.data?.members), [ws.data]);
  const members = useMemo(() => ws.data?.members ?? [], [ws.data]);
  const names = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members]);

  const unavailable = workspaceUnavailable(ws, workspaceId);
  if (unavailable) return unavailable;
  const canEdit = ws.permissions.canPropose;
  // The list as shown (filters applied), in the page's language: what a facilitator sends on as a report.
  const download = () => {
    if (!shown) return;
    const csv = actionsCsv(shown, {
      decisionsById,
      organizationLabel: (id) => orgs.label(id),
      personName: (userId) => names.get(userId),
      statusLabel: (status) => t(`actionStatus.${status}`),
      headers: {
        action: t('actions.actionTitle'),
        decision: t('actionsPage.csv.decision'),
        decisionTitle: t('actionsPage.csv.decisionTitle'),
        owner: t('actions.owner'),
        assignee: t('actionsPage.csv.assignee'),
        dueDate: t('actions.dueDate'),
        status: t('actionsPage.filterStatus'),
        overdue: t('actions.overdue'),
      },
      yes: t('actionsPage.csv.yes'),
    });
    saveCsv(csv, t('actionsPage.csv.fileName'));
  };
  const saveStatus = async (a: DecisionAction, status: ActionStatus) => {
    setSaveError(null);
    try {
      await updateAction(a.id, status);
      actions.reload();
    } catch (err) {
      setSaveError(err);
      throw err;
    }
  };

  return (
    <div className="page">
      <WorkspaceNav workspaceId={workspaceId} workspaceName={ws.data?.workspace.name} permissions={ws.permissions} current={t('actions.title')} />
      <h1>{t('actions.title')}</h1>
      <p className="lead muted">{t('actionsPage.lead')}</p>
      <section className="card" aria-labelledby={`${uid}-list`}>
        <div className="section-head">
          <h2 id={`${uid}-list`}>{shown ? t('actionsPage.count', { count: shown.length, n: fmt.number(shown.length) }) : t('actions.title')}</h2>
          <ActionFilters idPrefix={uid} value={filters} onChange={setFilters} groupOrganizationIds={groupOrganizationIds} ownerIds={ownerIds} />
          {shown && shown.length > 0 && (
            <button type="button" className="btn btn-secondary btn-small" onClick={download} data-testid="actions-csv">
              {t('actionsPage.csv.download')}
            </button>
          )}
        </div>
        {actions.loading && !all && <Loading />}
        <ErrorNotice error={actions.error} onRetry={actions.reload} />
        <ErrorNotice error={saveError} compact />
        {all?.length === 0 && (
          <p className="empty">
            {t('actionsPage.none')} <Link to={`/w/${workspaceId}/decisions`}>{t('actionsPage.toDecisions')}</Link>
          </p>
        )}
        {all && all.length > 0 && shown?.length === 0 && <p className="empty">{t('actionsPage.noneMatch')}</p>}
        {shown && shown.length > 0 && (
          <ul className="item-list" data-testid="action-list">
            {shown.map((a) => {
              const decision = a.decisionId ? decisionsById.get(a.decisionId) : undefined;
              return (
                <ActionItem
                  key={a.id}
                  action={a}
                  idPrefix={uid}
                  canEdit={canEdit}
                  members={members}
                  onStatus={(status) => saveStatus(a, status)}
                  onEdited={actions.reload}
                  testId="action-row"
                  extra={
                    a.decisionId && (
                      <p className="item-meta">
                        <Link to={`/w/${workspaceId}/decisions/${a.decisionId}`} data-testid="action-decision">
                          {decision ? `${decision.ref} · ${decision.title}` : t('actionsPage.theDecision')}
                        </Link>
                      </p>
                    )
                  }
                />
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
