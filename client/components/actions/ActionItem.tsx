/**
 * One follow-up action in a list (a decision's, or the group's actions page): owner, person in charge, due date and
 * whether it is overdue; for members and facilitators its status changes in place and "Editar" opens its editor.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionStatus } from '../../../shared/constants.js';
import type { DecisionAction, Member } from '../../api/types.js';
import { useFocusOnClose } from '../../lib/useFocusOnClose.js';
import { ActionStatusSelect } from '../ActionStatusSelect.js';
import { OrgBadge } from '../OrgBadge.js';
import { ActionDue } from './ActionDue.js';
import { ActionEditor } from './ActionEditor.js';

interface Props {
  action: DecisionAction;
  /** Unique on the page: the status select's id. */
  idPrefix: string;
  canEdit: boolean;
  members: readonly Member[];
  /** Saves a new status (rejects on failure, shown by the list). */
  onStatus: (status: ActionStatus) => Promise<void>;
  /** The action was edited: the list reloads. */
  onEdited: () => void;
  /** A line under the row (the actions page names the action's decision). */
  extra?: ReactNode;
  testId: string;
}

/** The row. */
export function ActionItem({ action: a, idPrefix, canEdit, members, onStatus, onEdited, extra, testId }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  // Closing the editor (saved or cancelled) puts the keyboard back on the row's "Editar".
  const editButton = useFocusOnClose<HTMLButtonElement>(editing);
  const assignee = a.assigneeId ? members.find((m) => m.userId === a.assigneeId)?.name : undefined;
  const statusId = `${idPrefix}-st-${a.id}`;
  return (
    <li className={editing ? 'item action-item is-editing' : 'item action-item'} data-testid={testId} data-action-id={a.id}>
      <div className="item-main">
        <span className="item-title">{a.title}</span>
        <p className="item-meta">
          <OrgBadge id={a.ownerOrganizationId} />
          {assignee && <span className="action-assignee">{t('actions.assignedTo', { name: assignee })}</span>}
          <ActionDue action={a} />
        </p>
        {extra}
        {editing && (
          <ActionEditor
            action={a}
            members={members}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              onEdited();
            }}
          />
        )}
      </div>
      {canEdit ? (
        <div className="action-controls">
          <label htmlFor={statusId} className="visually-hidden">
            {t('actions.statusOf', { title: a.title })}
          </label>
          <ActionStatusSelect id={statusId} status={a.status} onCommit={onStatus} />
          {!editing && (
            <button ref={editButton} type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(true)} aria-label={t('actions.editOf', { title: a.title })}>
              {t('actions.edit')}
            </button>
          )}
        </div>
      ) : (
        <span className={`status status-${a.status}`}>{t(`actionStatus.${a.status}`)}</span>
      )}
    </li>
  );
}
