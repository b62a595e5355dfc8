/**
 * The one form that creates a decision: the full proposal on the decisions page, or, given a
 * meeting's current item, just its title (prefilled) recorded against the meeting.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDecision, type NewDecision } from '../api/decisions.js';
import type { Decision } from '../api/types.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Field } from './Field.js';
import { OrganizationSelect } from './OrganizationSelect.js';

/** A meeting's current agenda item: the form records a decision from it, linked to the meeting. */
export interface MeetingItemPrefill {
  meetingId: string;
  itemTitle: string;
}

interface Props {
  workspaceId: string;
  /** Set when recording from a meeting; the parent remounts the form (key) when the item changes. */
  meetingItem?: MeetingItemPrefill;
  onCreated: (d: Decision) => void;
  /** The working group's organizations, offered first as owners. */
  groupOrganizationIds?: readonly string[];
}

/** Proposes a decision (or records one from a meeting item) and calls `onCreated` with it. */
export function DecisionForm({ workspaceId, meetingItem, onCreated, groupOrganizationIds }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const initialTitle = meetingItem?.itemTitle ?? '';
  const [title, setTitle] = useState(initialTitle);
  const [body, setBody] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [hidden, setHidden] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  /** What is posted: in a meeting, the meeting too (the details are optional there, folded away). */
  const payload = (): NewDecision => ({
    title: title.trim(),
    ...(meetingItem ? { meetingId: meetingItem.meetingId } : {}),
    ...(body.trim() ? { body: body.trim() } : {}),
    ...(owner ? { ownerOrganizationId: owner } : {}),
    ...(dueDate ? { dueDate } : {}),
    stanceVisibility: hidden ? 'hidden_until_closed' : 'open',
  });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const d = await createDecision(workspaceId, payload());
      setTitle(initialTitle);
      setBody('');
      setOwner('');
      setDueDate('');
      setHidden(false);
      onCreated(d);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const details = (
    <>
      <Field id={`${uid}-body`} label={t('decisions.body')}>
        <textarea id={`${uid}-body`} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <div className="field-row">
        <Field id={`${uid}-owner`} label={t('decisions.owner')}>
          <OrganizationSelect id={`${uid}-owner`} value={owner} onChange={setOwner} groupOrganizationIds={groupOrganizationIds} />
        </Field>
        <Field id={`${uid}-due`} label={t('decisions.dueDate')}>
          <input id={`${uid}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </Field>
      </div>
      <div className="check">
        <input id={`${uid}-hidden`} type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
        <label htmlFor={`${uid}-hidden`}>{t('decisions.hiddenStances')}</label>
      </div>
    </>
  );

  // In a meeting the form sits under the meeting's own section heading, one level down.
  const Heading = meetingItem ? 'h3' : 'h2';
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${uid}-head`}>
      <Heading id={`${uid}-head`}>{meetingItem ? t('meetings.recordDecision') : t('decisions.createTitle')}</Heading>
      <Field id={`${uid}-title`} label={t('decisions.decisionTitle')} required>
        <input id={`${uid}-title`} required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      {meetingItem ? (
        // A decision taken in a meeting is usually just its words; the rest can wait, but need not.
        <details className="disclosure">
          <summary>{t('meetings.moreDetails')}</summary>
          {details}
        </details>
      ) : (
        details
      )}
      <ErrorNotice error={error} compact />
      <button type="submit" className="btn btn-primary" disabled={busy || !title.trim()}>
        {busy ? t('common.creating') : meetingItem ? t('meetings.recordDecisionSubmit') : t('decisions.create')}
      </button>
    </form>
  );
}
