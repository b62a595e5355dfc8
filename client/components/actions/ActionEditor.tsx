/**
 * Editing a follow-up action in place: its wording, the institution that answers for it, the person who carries it and
 * its due date (a deadline moved in a meeting, a task passed to another institution). Only what changed is sent.
 * Escape (or «Cancelar») closes it unsaved; the row puts the keyboard back on its «Editar».
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { editAction } from '../../api/decisions.js';
import type { DecisionAction, Member } from '../../api/types.js';
import { useInvalidFocus } from '../../lib/useInvalidFocus.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { describedBy, Field } from '../Field.js';
import { memberOrganizationIds } from '../groupOrganizations.js';
import { TitleField } from '../TitleField.js';
import { ActionPeopleFields } from './ActionPeopleFields.js';

interface Props {
  action: DecisionAction;
  /** Who may carry it: the group's members, those of the owner institution first; their institutions lead the owner select. */
  members: readonly Member[];
  onSaved: () => void;
  onCancel: () => void;
}

/** The edit form of one action row. */
export function ActionEditor({ action, members, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [title, setTitle] = useState(action.title);
  const [due, setDue] = useState(action.dueDate);
  const [assignee, setAssignee] = useState(action.assigneeId ?? '');
  const [owner, setOwner] = useState(action.ownerOrganizationId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  // Opened from the row's "Editar": the keyboard lands in the first field.
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);
  const required = t('common.required');
  const titleError = check.tried && !title.trim() ? required : null;
  const dueError = check.tried && !due ? required : null;
  const ownerError = check.tried && !owner ? required : null;
  const groupOrganizationIds = memberOrganizationIds([...members]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !due || !owner) return check.refuse();
    check.reset();
    const changes = {
      ...(title.trim() !== action.title ? { title: title.trim() } : {}),
      ...(due !== action.dueDate ? { dueDate: due } : {}),
      ...(assignee !== (action.assigneeId ?? '') ? { assigneeId: assignee || null } : {}),
      ...(owner !== action.ownerOrganizationId ? { ownerOrganizationId: owner } : {}),
    };
    if (!Object.keys(changes).length) return onCancel();
    setBusy(true);
    setError(null);
    try {
      await editAction(action.id, changes);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // Escape leaves the form as «Cancelar» does (a select's own open list takes its Escape first, in the browser).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    onCancel();
  };

  return (
    <form ref={check.ref} className="form inline-form action-editor" onSubmit={(e) => void onSubmit(e)} onKeyDown={onKeyDown} noValidate aria-label={t('actions.editOf', { title: action.title })} data-testid="action-editor">
      <div className="field-row">
        <TitleField id={`${uid}-title`} label={t('actions.actionTitle')} value={title} onChange={setTitle} error={titleError} inputRef={titleInput} />
      </div>
      <div className="field-row field-row-top">
        <ActionPeopleFields idPrefix={uid} owner={owner} onOwner={setOwner} assignee={assignee} onAssignee={setAssignee} members={members} groupOrganizationIds={groupOrganizationIds} ownerError={ownerError} />
        <Field id={`${uid}-due`} label={t('actions.dueDate')} required error={dueError}>
          <input id={`${uid}-due`} type="date" required value={due} aria-invalid={!!dueError} aria-describedby={describedBy(`${uid}-due`, { error: dueError })} onChange={(e) => setDue(e.target.value)} />
        </Field>
      </div>
      <ErrorNotice error={error} compact />
      <div className="action-editor-buttons">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
