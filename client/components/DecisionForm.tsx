/**
 * The one form that creates a decision: the full proposal on the decisions page, or, given a
 * meeting's current item, just its title (prefilled) recorded against the meeting.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_BODY_MAX_CHARS } from '../../shared/constants.js';
import { createDecision, type NewDecision } from '../api/decisions.js';
import { ApiError } from '../api/http.js';
import type { Decision } from '../api/types.js';
import { useFormat } from '../lib/format.js';
import { useSubmissionKey } from '../lib/submissionKey.js';
import { textLimit } from '../lib/textLimit.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { useServerError } from '../lib/useServerError.js';
import { DueDateField } from './DueDateField.js';
import { ErrorNotice } from './ErrorNotice.js';
import { describedBy, Field } from './Field.js';
import { OrganizationSelect } from './OrganizationSelect.js';
import { TitleField } from './TitleField.js';

/** A meeting's current agenda item: the form records a decision from it, linked to the meeting. */
export interface MeetingItemPrefill {
  meetingId: string;
  /** The current item's title; null when the meeting has no item (no agenda): the title starts empty. */
  itemTitle: string | null;
}

interface Props {
  workspaceId: string;
  /** Set when recording from a meeting; the parent remounts the form (key) when the item changes. */
  meetingItem?: MeetingItemPrefill;
  /** Set when proposing from a plan's page: the decision is about that plan. */
  documentId?: string;
  onCreated: (d: Decision) => void;
  /** The working group's organizations, offered first as owners. */
  groupOrganizationIds?: readonly string[];
  /** In a meeting: it has closed. A form holding input then offers to record it outside the meeting, or to discard it. */
  meetingClosed?: boolean;
  /** In a meeting: whether the form holds something worth keeping (typed input, a submission under way, or one the close refused). */
  onHoldingChange?: (holding: boolean) => void;
  /** In a meeting: the server refused the decision because the meeting has closed (the page may not know yet). */
  onMeetingClosed?: () => void;
}

/** Proposes a decision (or records one from a meeting item) and calls `onCreated` with it. */
export function DecisionForm({ workspaceId, meetingItem, documentId, onCreated, groupOrganizationIds, meetingClosed = false, onHoldingChange, onMeetingClosed }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const submission = useSubmissionKey();
  const initialTitle = meetingItem?.itemTitle ?? '';
  const [title, setTitle] = useState(initialTitle);
  const [body, setBody] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [hidden, setHidden] = useState(false);
  const [busy, setBusy] = useState(false);
  const { error, fail, clear, change } = useServerError<'title' | 'body' | 'ownerOrganizationId' | 'dueDate'>();
  // The meeting closed under input typed for it: kept until recorded outside the meeting or discarded.
  const [stranded, setStranded] = useState(false);
  const check = useInvalidFocus();
  const titleError = check.tried && !title.trim() ? t('common.required') : null;
  const bodyLimit = textLimit(body.trim(), DECISION_BODY_MAX_CHARS, t, fmt);
  const touched = title !== initialTitle || body !== '' || owner !== '' || dueDate !== '' || hidden;
  if (meetingItem && meetingClosed && (touched || busy) && !stranded) setStranded(true);
  const holding = touched || busy || stranded;
  useEffect(() => onHoldingChange?.(holding), [holding, onHoldingChange]);

  /** What is posted: in a meeting, the meeting too (the details are optional there, folded away). */
  const payload = (): NewDecision => ({
    title: title.trim(),
    ...(meetingItem && !stranded ? { meetingId: meetingItem.meetingId } : {}),
    ...(documentId ? { documentId } : {}),
    ...(body.trim() ? { body: body.trim() } : {}),
    ...(owner ? { ownerOrganizationId: owner } : {}),
    ...(dueDate ? { dueDate } : {}),
    stanceVisibility: hidden ? 'hidden_until_closed' : 'open',
  });

  const reset = () => {
    setTitle(initialTitle);
    setBody('');
    setOwner('');
    setDueDate('');
    setHidden(false);
    clear();
    setStranded(false);
    check.reset();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    if (!title.trim() || bodyLimit.error) return check.refuse();
    setBusy(true);
    try {
      const content = payload();
      const d = await createDecision(workspaceId, content, submission.keyFor({ workspaceId, content }));
      submission.done();
      reset();
      onCreated(d);
    } catch (err) {
      if (meetingItem && err instanceof ApiError && err.reason === 'meeting_closed') {
        // Closed as this went out: keep the words and say so, rather than dropping them with the form.
        setStranded(true);
        onMeetingClosed?.();
      } else {
        fail(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const details = (
    <>
      <Field id={`${uid}-body`} label={t('decisions.body')} hint={bodyLimit.hint} error={bodyLimit.error}>
        <textarea
          id={`${uid}-body`}
          rows={4}
          aria-invalid={!!bodyLimit.error}
          aria-describedby={describedBy(`${uid}-body`, { hint: bodyLimit.hint, error: bodyLimit.error })}
          value={body}
          onChange={(e) => change('body', setBody)(e.target.value)}
        />
      </Field>
      <div className="field-row">
        <Field id={`${uid}-owner`} label={t('decisions.owner')}>
          <OrganizationSelect
            id={`${uid}-owner`}
            value={owner}
            onChange={change('ownerOrganizationId', setOwner)}
            groupOrganizationIds={groupOrganizationIds}
          />
        </Field>
        <DueDateField id={`${uid}-due`} value={dueDate} onChange={change('dueDate', setDueDate)} />
      </div>
      <div className="check">
        <input id={`${uid}-hidden`} type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
        <label htmlFor={`${uid}-hidden`}>{t('decisions.hiddenStances')}</label>
      </div>
    </>
  );

  // In a meeting the form sits under the meeting's own section heading, one level down.
  // So on a plan's page, under its decisions' heading.
  const Heading = meetingItem || documentId ? 'h3' : 'h2';
  const headingKey = meetingItem ? (meetingItem.itemTitle === null ? 'meetings.recordDecisionNoItem' : 'meetings.recordDecision') : documentId ? 'planDecisions.propose' : 'decisions.createTitle';
  return (
    <form ref={check.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-head`}>
      <Heading id={`${uid}-head`}>{t(headingKey)}</Heading>
      <TitleField id={`${uid}-title`} label={t('decisions.decisionTitle')} value={title} onChange={change('title', setTitle)} error={titleError} />
      {meetingItem ? (
        // A decision taken in a meeting is usually just its words; the rest can wait, but need not.
        <details className="disclosure">
          <summary>{t('meetings.moreDetails')}</summary>
          {details}
        </details>
      ) : (
        details
      )}
      {stranded && (
        <div className="notice notice-warning notice-compact" role="alert">
          <p className="notice-title">{t('errors.conflictReasons.meeting_closed.title')}</p>
          <p className="notice-hint">{t('meetings.closedWhileRecording')}</p>
        </div>
      )}
      <ErrorNotice error={error} compact />
      {stranded ? (
        <div className="inline-controls">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.creating') : t('meetings.recordOutside')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={reset}>
            {t('meetings.discardDecision')}
          </button>
        </div>
      ) : (
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.creating') : meetingItem ? t('meetings.recordDecisionSubmit') : t('decisions.create')}
        </button>
      )}
    </form>
  );
}
