/** Open actions past their due date, each linking to its decision. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listActions } from '../api/decisions.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useWorkspaceEvent, useWorkspaceResync } from '../realtime/RealtimeContext.js';
import { ErrorNotice } from './ErrorNotice.js';
import { OrgBadge } from './OrgBadge.js';

/** Reloads on `action:updated`, so a closed action leaves the list. */
export function OverdueActions({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const actions = useAsync((signal) => listActions(workspaceId, { overdue: true }, signal), [workspaceId]);
  useWorkspaceEvent(workspaceId, 'action:updated', actions.reload);
  useWorkspaceResync(workspaceId, actions.reload);
  return (
    <section aria-labelledby={`${uid}-head`} data-testid="overdue-actions">
      <h3 id={`${uid}-head`}>{t('decisions.overdueActions')}</h3>
      <ErrorNotice error={actions.error} onRetry={actions.reload} compact />
      {actions.data?.length === 0 && <p className="empty">{t('decisions.noOverdueActions')}</p>}
      {actions.data && actions.data.length > 0 && (
        <p className="small">
          <Link to={`/w/${workspaceId}/actions?overdue=1`}>{t('decisions.overdueActionsPage')}</Link>
        </p>
      )}
      {actions.data && actions.data.length > 0 && (
        <ul className="item-list">
          {actions.data.map((a) => (
            <li key={a.id} className="item">
              <div className="item-main">
                {a.decisionId ? (
                  <Link className="item-title" to={`/w/${workspaceId}/decisions/${a.decisionId}`}>
                    {a.title}
                  </Link>
                ) : (
                  <span className="item-title">{a.title}</span>
                )}
                <p className="item-meta">
                  <OrgBadge id={a.ownerOrganizationId} />
                  <span className="tag tag-overdue">{t('decisions.due', { date: fmt.date(a.dueDate) })}</span>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
