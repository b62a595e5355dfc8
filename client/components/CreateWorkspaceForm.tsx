/** Form to create a working group: name, description and mandate areas. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MANDATE_AREAS, type MandateArea } from '../../shared/constants.js';
import type { Workspace } from '../api/types.js';
import { createWorkspace } from '../api/workspaces.js';
import { useSubmissionKey } from '../lib/submissionKey.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ErrorNotice } from './ErrorNotice.js';
import { describedBy, Field } from './Field.js';

/** Calls `onCreated` with the new working group. */
export function CreateWorkspaceForm({ onCreated }: { onCreated: (w: Workspace) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const submission = useSubmissionKey();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [areas, setAreas] = useState<MandateArea[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();

  const toggle = (a: MandateArea, on: boolean) => setAreas((list) => (on ? [...list, a] : list.filter((x) => x !== a)));
  const nameError = check.tried && !name.trim() ? t('common.required') : null;
  const areasError = check.tried && areas.length === 0 ? t('workspaces.areasRequired') : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || areas.length === 0) return check.refuse();
    setBusy(true);
    setError(null);
    try {
      const body = { name: name.trim(), description: description.trim() || undefined, mandateAreas: areas };
      const ws = await createWorkspace(body, submission.keyFor(body));
      submission.done();
      setName('');
      setDescription('');
      setAreas([]);
      check.reset();
      onCreated(ws);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={check.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('workspaces.createTitle')}</h2>
      <Field id={`${uid}-name`} label={t('workspaces.name')} required error={nameError}>
        <input id={`${uid}-name`} required aria-invalid={!!nameError} aria-describedby={describedBy(`${uid}-name`, { error: nameError })} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-testid="workspace-name" />
      </Field>
      <Field id={`${uid}-desc`} label={t('workspaces.description')}>
        <textarea id={`${uid}-desc`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <fieldset aria-describedby={areasError ? `${uid}-areas-error` : undefined}>
        <legend>{t('workspaces.mandateAreas')}</legend>
        <div className="check-grid">
          {MANDATE_AREAS.map((a) => (
            <div className="check" key={a}>
              <input id={`${uid}-${a}`} type="checkbox" aria-invalid={!!areasError} checked={areas.includes(a)} onChange={(e) => toggle(a, e.target.checked)} />
              <label htmlFor={`${uid}-${a}`}>{t(`mandateAreas.${a}`)}</label>
            </div>
          ))}
        </div>
        {areasError && (
          <p id={`${uid}-areas-error`} className="field-error">
            {areasError}
          </p>
        )}
      </fieldset>
      <ErrorNotice error={error} compact />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('common.creating') : t('workspaces.create')}
      </button>
    </form>
  );
}
