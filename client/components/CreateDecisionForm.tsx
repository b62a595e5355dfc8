/** Form to propose a decision in a working group. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDecision } from '../api/decisions.js';
import type { Decision } from '../api/types.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Field } from './Field.js';

/** Calls `onCreated` with the new decision. */
export function CreateDecisionForm({ workspaceId, onCreated }: { workspaceId: string; onCreated: (d: Decision) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const { list } = useOrganizations();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [hidden, setHidden] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const d = await createDecision(workspaceId, {
        title: title.trim(),
        ...(body.trim() ? { body: body.trim() } : {}),
        ...(owner ? { ownerOrganizationId: owner } : {}),
        ...(dueDate ? { dueDate } : {}),
        stanceVisibility: hidden ? 'hidden_until_closed' : 'open',
      });
      setTitle('');
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

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('decisions.createTitle')}</h2>
      <Field id={`${uid}-dtitle`} label={t('decisions.decisionTitle')} required>
        <input id={`${uid}-dtitle`} required value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id={`${uid}-body`} label={t('decisions.body')}>
        <textarea id={`${uid}-body`} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <div className="field-row">
        <Field id={`${uid}-owner`} label={t('decisions.owner')}>
          <select id={`${uid}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {list.map((o) => (
              <option key={o.id} value={o.id}>
                {o.acronym} · {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${uid}-due`} label={t('decisions.dueDate')}>
          <input id={`${uid}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </Field>
      </div>
      <div className="check">
        <input id={`${uid}-hidden`} type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
        <label htmlFor={`${uid}-hidden`}>{t('decisions.hiddenStances')}</label>
      </div>
      <ErrorNotice error={error} compact />
      <button type="submit" className="btn btn-primary" disabled={busy || !title.trim()}>
        {busy ? t('common.creating') : t('decisions.create')}
      </button>
    </form>
  );
}
