/**
 * One action in the person's own list across groups (/actions): its group, its decision (a link that opens the
 * decision with the action focused), owner, due date; its status changes in place where the person may edit.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActionStatus } from '../../../shared/constants.js';
import type { MyAction } from '../../../shared/myActions.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { ActionStatusSelect } from '../ActionStatusSelect.js';
import { OrgBadge } from '../OrgBadge.js';
import { ActionDue } from './ActionDue.js';

interface Props {
  action: MyAction;
  /** Unique on the page: the status select's id. */
  idPrefix: string;
  /** Members and facilitators of the action's group change its status; an observer reads it. */
  canEdit: boolean;
  /** Saves a new status (rejects on failure, shown by the page). */
  onStatus: (status: ActionStatus) => Promise<void>;
}

/** The row. */
export function MyActionRow({ action: a, idPrefix, canEdit, onStatus }: Props) {
  const { t } = useTranslation();
  const { label } = useOrganizations();
  const ws = `/w/${encodeURIComponent(a.workspaceId)}`;
  const statusId = `${idPrefix}-st-${a.id}`;
  return (
    <li className="item action-item my-action" data-testid="my-action" data-action-id={a.id}>
      <div className="item-main">
        <span className="item-title">{a.title}</span>
        <p className="item-meta">
          <Link to={ws} className="my-action-group" data-testid="my-action-group" aria-label={t('myActions.group', { name: a.workspaceName })}>
            {a.workspaceName}
          </Link>
          <Link to={`${ws}/decisions/${encodeURIComponent(a.decisionId)}?action=${encodeURIComponent(a.id)}`} data-testid="my-action-decision">
            {`${a.decisionRef} · ${a.decisionTitle}`}
          </Link>
        </p>
        <p className="item-meta">
          {a.assigneeId ? <OrgBadge id={a.ownerOrganizationId} /> : <span className="my-action-unassigned">{t('myActions.unassigned', { organization: label(a.ownerOrganizationId) })}</span>}
          <ActionDue action={a} />
        </p>
      </div>
      {canEdit ? (
        <div className="action-controls">
          <label htmlFor={statusId} className="visually-hidden">
            {t('actions.statusOf', { title: a.title })}
          </label>
          <ActionStatusSelect id={statusId} status={a.status} onCommit={onStatus} />
        </div>
      ) : (
        <span className={`status status-${a.status}`}>{t(`actionStatus.${a.status}`)}</span>
      )}
    </li>
  );
}
