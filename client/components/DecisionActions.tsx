/** Follow-up actions of a decision: list, status changes and an "add action" form. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionStatus } from '../../shared/constants.js';
import { createAction, updateAction } from '../api/decisions.js';
import type { DecisionAction, Member } from '../api/types.js';
import { useSubmissionKey } from '../lib/submissionKey.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ActionItem } from './actions/ActionItem.js';
import { ActionPeopleFields } from './actions/ActionPeopleFields.js';
import { ErrorNotice } from './ErrorNotice.js';
import { describedBy, Field } from './Field.js';
import { TitleField } from './TitleField.js';

interface Props {
  decisionId: string;
  actions: DecisionAction[];
  canEdit: boolean;
  onChanged: () => void;
  /** The working group's organizations, offered first as owners. */
  groupOrganizationIds?: readonly string[];
  /** The group's members: who an action may be assigned to, and the assignees' names. */
  members?: readonly Member[];
}

/** The actions section of a decision page. */
export function DecisionActions({ decisionId, actions, canEdit, onChanged, groupOrganizationIds, members = [] }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const submission = useSubmissionKey();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The app's own messages in its language (the browser's bubbles follow the browser's).
  const check = useInvalidFocus();
  const required = t('common.required');
  const titleError = check.tried && !title.trim() ? required : null;
  const ownerError = check.tried && !owner ? required : null;
  const dueError = check.tried && !due ? required : null;

  const run = async (op: () => Promise<unknown>, reset?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await op();
      reset?.();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // Not through `run`: the add form's busy state has nothing to do with a row's status.
  const saveStatus = async (actionId: string, status: ActionStatus) => {
    setError(null);
    try {
      await updateAction(actionId, status);
      onChanged();
    } catch (err) {
      setError(err);
      throw err;
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !owner || !due) return check.refuse();
    check.reset();
    const body = { title: title.trim(), ownerOrganizationId: owner, dueDate: due, ...(assignee ? { assigneeId: assignee } : {}) };
    void run(
      () => createAction(decisionId, body, submission.keyFor({ decisionId, body })),
      () => {
        submission.done();
        setTitle('');
        setDue('');
        setAssignee('');
      },
    );
  };

  return (
    <div>
      {actions.length === 0 ? (
        <p className="empty">{t(canEdit ? 'actions.emptyEditable' : 'actions.empty')}</p>
      ) : (
        <ul className="item-list">
          {actions.map((a) => (
            <ActionItem key={a.id} action={a} idPrefix={uid} canEdit={canEdit} members={members} onStatus={(status) => saveStatus(a.id, status)} onEdited={onChanged} testId="action-item" />
          ))}
        </ul>
      )}
      <ErrorNotice error={error} compact />
      {canEdit && (
        <form ref={check.ref} className="form inline-form" onSubmit={onSubmit} noValidate>
          <h3>{t('actions.add')}</h3>
          {/* The title has the whole row (an action's wording runs long); the three short fields share the next. */}
          <div className="field-row">
            <TitleField id={`${uid}-title`} label={t('actions.actionTitle')} value={title} onChange={setTitle} error={titleError} />
          </div>
          <div className="field-row field-row-top">
            <ActionPeopleFields idPrefix={uid} owner={owner} onOwner={setOwner} assignee={assignee} onAssignee={setAssignee} members={members} groupOrganizationIds={groupOrganizationIds} ownerError={ownerError} />
            <Field id={`${uid}-due`} label={t('actions.dueDate')} required error={dueError}>
              <input
                id={`${uid}-due`}
                type="date"
                required
                value={due}
                aria-invalid={!!dueError}
                aria-describedby={describedBy(`${uid}-due`, { error: dueError })}
                onChange={(e) => setDue(e.target.value)}
              />
            </Field>
          </div>
          {/* Enabled while fields are missing (a disabled button says nothing, and the keyboard skips it): each missing
              field says so, and focus moves to the first. */}
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {t('actions.create')}
          </button>
        </form>
      )}
    </div>
  );
}
