/** A working group's decisions: status filter, list, and the proposal form. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DECISION_STATUSES, type DecisionStatus } from '../../shared/constants.js';
import { listDecisions } from '../api/decisions.js';
import { CreateDecisionForm } from '../components/CreateDecisionForm.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useWorkspaceEvent, useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useWorkspace } from '../session/useWorkspace.js';

/** The /w/:workspaceId/decisions page. */
export function DecisionsPage() {
  const { workspaceId = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const ws = useWorkspace(workspaceId);
  const [status, setStatus] = useState<DecisionStatus | ''>('');
  const decisions = useAsync((signal) => listDecisions(workspaceId, status, signal), [workspaceId, status]);
  useWorkspaceRoom(workspaceId);
  useWorkspaceEvent(workspaceId, 'decision:created', decisions.reload);
  useWorkspaceEvent(workspaceId, 'decision:updated', decisions.reload);
  useDocumentTitle(t('decisions.title'));

  return (
    <div className="page">
      <WorkspaceNav workspaceId={workspaceId} workspaceName={ws.data?.workspace.name} permissions={ws.permissions} current={t('decisions.title')} />
      <h1>{t('decisions.title')}</h1>
      <div className="grid-2 grid-wide-left">
        <section className="card" aria-labelledby={`${uid}-list`}>
          <div className="section-head">
            <h2 id={`${uid}-list`}>{t('decisions.list')}</h2>
            <div className="field field-inline">
              <label htmlFor={`${uid}-status`}>{t('decisions.filterStatus')}</label>
              <select id={`${uid}-status`} value={status} onChange={(e) => setStatus(e.target.value as DecisionStatus | '')}>
                <option value="">{t('common.all')}</option>
                {DECISION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`decisionStatus.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {decisions.loading && !decisions.data && <Loading />}
          <ErrorNotice error={decisions.error} onRetry={decisions.reload} />
          {decisions.data?.length === 0 && <p className="empty">{t('decisions.empty')}</p>}
          {decisions.data && decisions.data.length > 0 && (
            <ul className="item-list" data-testid="decision-list">
              {decisions.data.map((d) => (
                <li key={d.id} className="item">
                  <span className="ref">{d.ref}</span>
                  <div className="item-main">
                    <Link className="item-title" to={`/w/${workspaceId}/decisions/${d.id}`}>
                      {d.title}
                    </Link>
                    <p className="item-meta">
                      {d.ownerOrganizationId && <OrgBadge id={d.ownerOrganizationId} />}
                      {d.dueDate && <span>{t('decisions.due', { date: fmt.date(d.dueDate) })}</span>}
                    </p>
                  </div>
                  <span className={`status status-${d.status}`}>{t(`decisionStatus.${d.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {ws.permissions.canPropose && (
          <section className="card">
            <CreateDecisionForm workspaceId={workspaceId} onCreated={decisions.reload} />
          </section>
        )}
      </div>
    </div>
  );
}
