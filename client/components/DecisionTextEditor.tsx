/**
 * The wording of an open decision, edited on its page by its proposer or a facilitator (a proposal reworded in the
 * meeting). Only what changed is sent. Should someone else change the wording meanwhile, the form says so before
 * anything is overwritten and offers to take theirs.
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
import { describedBy, Field } from './Field.js';

interface Props {
  decision: Pick<Decision, 'id' | 'title' | 'body'>;
  onSaved: () => void;
  onClose: () => void;
}

/** The form; `decision` is the live one (it follows `decision:updated`). */
export function DecisionTextEditor({ decision, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  // What the form started from: a live wording that no longer matches it was changed by someone else.
  const [base, setBase] = useState({ title: decision.title, body: decision.body ?? '' });
  const [title, setTitle] = useState(base.title);
  const [body, setBody] = useState(base.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);
  const titleError = check.tried && !title.trim() ? t('common.required') : null;
  const bodyLimit = textLimit(body.trim(), DECISION_BODY_MAX_CHARS, t, fmt);
  const live = { title: decision.title, body: decision.body ?? '' };
  const clash = live.title !== base.title || live.body !== base.body;

  const takeCurrent = () => {
    setBase(live);
    setTitle(live.title);
    setBody(live.body);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || bodyLimit.error) return check.refuse();
    check.reset();
    const changes = { ...(title.trim() !== live.title ? { title: title.trim() } : {}), ...(body.trim() !== live.body ? { body: body.trim() } : {}) };
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
    <form ref={check.ref} className="form decision-text-editor" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-head`} data-testid="decision-text-editor">
      <h2 id={`${uid}-head`}>{t('decisions.editText')}</h2>
      {clash && (
        <div className="notice notice-warning" role="alert">
          <p>{t('decisions.editClash')}</p>
          <button type="button" className="btn btn-secondary btn-small" onClick={takeCurrent}>
            {t('decisions.editTakeCurrent')}
          </button>
        </div>
      )}
      <Field id={`${uid}-title`} label={t('decisions.decisionTitle')} required error={titleError}>
        <input
          ref={titleInput}
          id={`${uid}-title`}
          required
          maxLength={300}
          value={title}
          aria-invalid={!!titleError}
          aria-describedby={describedBy(`${uid}-title`, { error: titleError })}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
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
