/**
 * An open decision edited on its page by its proposer or a facilitator: its wording (a proposal reworded in the
 * meeting), the institution that answers for it and its due date. Only what changed is sent. Should someone else
 * change any of it meanwhile, the form says so before anything is overwritten and offers to take theirs.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_BODY_MAX_CHARS } from '../../shared/constants.js';
import { updateDecision } from '../api/decisions.js';
import type { Decision } from '../api/types.js';
import { useFormat } from '../lib/format.js';
import { textLimit } from '../lib/textLimit.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ErrorNotice } from './ErrorNotice.js';
import { DueDateField } from './DueDateField.js';
import { describedBy, Field } from './Field.js';
import { OrganizationSelect } from './OrganizationSelect.js';
import { TitleField } from './TitleField.js';

interface Props {
  decision: Pick<Decision, 'id' | 'title' | 'body' | 'ownerOrganizationId' | 'dueDate'>;
  /** The group's organizations, offered first as owner. */
  groupOrganizationIds?: readonly string[];
  onSaved: () => void;
  onClose: () => void;
}

type Fields = { title: string; body: string; owner: string; due: string };

const fieldsOf = (d: Props['decision']): Fields => ({ title: d.title, body: d.body ?? '', owner: d.ownerOrganizationId ?? '', due: d.dueDate ?? '' });
const sameFields = (a: Fields, b: Fields) => a.title === b.title && a.body === b.body && a.owner === b.owner && a.due === b.due;

/** The form; `decision` is the live one (it follows `decision:updated`). */
export function DecisionEditor({ decision, groupOrganizationIds, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  // What the form started from: a live wording that no longer matches it was changed by someone else.
  const [base, setBase] = useState(() => fieldsOf(decision));
  const [title, setTitle] = useState(base.title);
  const [body, setBody] = useState(base.body);
  const [owner, setOwner] = useState(base.owner);
  const [due, setDue] = useState(base.due);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);
  const titleError = check.tried && !title.trim() ? t('common.required') : null;
  const bodyLimit = textLimit(body.trim(), DECISION_BODY_MAX_CHARS, t, fmt);
  const live = fieldsOf(decision);
  const clash = !sameFields(live, base);

  const takeCurrent = () => {
    setBase(live);
    setTitle(live.title);
    setBody(live.body);
    setOwner(live.owner);
    setDue(live.due);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || bodyLimit.error) return check.refuse();
    check.reset();
    const changes = {
      ...(title.trim() !== live.title ? { title: title.trim() } : {}),
      ...(body.trim() !== live.body ? { body: body.trim() } : {}),
      ...(owner !== live.owner ? { ownerOrganizationId: owner || null } : {}),
      ...(due !== live.due ? { dueDate: due || null } : {}),
    };
    if (!Object.keys(changes).length) return onClose();
    setBusy(true);
    setError(null);
    try {
      await updateDecision(decision.id, changes);
      onSaved();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={check.ref} className="form decision-editor" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-head`} data-testid="decision-editor">
      <h2 id={`${uid}-head`}>{t('decisions.editText')}</h2>
      {clash && (
        <div className="notice notice-warning" role="alert">
          <p>{t('decisions.editClash')}</p>
          <button type="button" className="btn btn-secondary btn-small" onClick={takeCurrent}>
            {t('decisions.editTakeCurrent')}
          </button>
        </div>
      )}
      <TitleField id={`${uid}-title`} label={t('decisions.decisionTitle')} value={title} onChange={setTitle} error={titleError} inputRef={titleInput} />
      <Field id={`${uid}-body`} label={t('decisions.body')} hint={bodyLimit.hint} error={bodyLimit.error}>
        <textarea
          id={`${uid}-body`}
          rows={5}
          value={body}
          aria-invalid={!!bodyLimit.error}
          aria-describedby={describedBy(`${uid}-body`, { hint: bodyLimit.hint, error: bodyLimit.error })}
          onChange={(e) => setBody(e.target.value)}
        />
      </Field>
      <div className="field-row field-row-top">
        <Field id={`${uid}-owner`} label={t('decisions.owner')}>
          <OrganizationSelect id={`${uid}-owner`} value={owner} onChange={setOwner} groupOrganizationIds={groupOrganizationIds} />
        </Field>
        <DueDateField id={`${uid}-due`} value={due} onChange={setDue} unchanged={live.due} />
      </div>
      <ErrorNotice error={error} compact />
      <div className="action-editor-buttons">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t(clash ? 'decisions.editSaveAnyway' : 'common.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
