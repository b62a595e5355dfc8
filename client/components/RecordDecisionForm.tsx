/** Records a decision from the meeting's current agenda item, linked to the meeting. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDecision } from '../api/decisions.js';
import type { Decision } from '../api/types.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Field } from './Field.js';

/** Prefilled with the item's title; the parent remounts it (key) when the item changes. */
export function RecordDecisionForm({ workspaceId, meetingId, itemTitle, onCreated }: { workspaceId: string; meetingId: string; itemTitle: string; onCreated: (d: Decision) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [title, setTitle] = useState(itemTitle);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await createDecision(workspaceId, { title: title.trim(), meetingId }));
      setTitle(itemTitle);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${uid}-head`}>
      <h3 id={`${uid}-head`}>{t('meetings.recordDecision')}</h3>
      <Field id={`${uid}-title`} label={t('decisions.decisionTitle')} required>
        <input id={`${uid}-title`} required value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <ErrorNotice error={error} compact />
      <button type="submit" className="btn btn-primary" disabled={busy || !title.trim()}>
        {busy ? t('common.creating') : t('meetings.recordDecisionSubmit')}
      </button>
    </form>
  );
}
