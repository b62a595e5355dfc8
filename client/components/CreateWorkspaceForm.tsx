/** Form to create a working group: name, description and mandate areas. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workspace } from '../api/types.js';
import { createWorkspace } from '../api/workspaces.js';
import { useSubmissionKey } from '../lib/submissionKey.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ErrorNotice } from './ErrorNotice.js';
import { WorkspaceFields, workspaceFieldErrors, workspaceFieldsComplete, type WorkspaceFieldValues } from './WorkspaceFields.js';

const EMPTY: WorkspaceFieldValues = { name: '', description: '', areas: [] };

/** Calls `onCreated` with the new working group. */
export function CreateWorkspaceForm({ onCreated }: { onCreated: (w: Workspace) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const submission = useSubmissionKey();
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const errors = workspaceFieldErrors(values, check.tried, t);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!workspaceFieldsComplete(values)) return check.refuse();
    setBusy(true);
    setError(null);
    try {
      const body = { name: values.name.trim(), description: values.description.trim() || undefined, mandateAreas: values.areas };
      const ws = await createWorkspace(body, submission.keyFor(body));
      submission.done();
      setValues(EMPTY);
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
      <WorkspaceFields uid={uid} values={values} onChange={setValues} errors={errors} />
      <ErrorNotice error={error} compact />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('common.creating') : t('workspaces.create')}
      </button>
    </form>
  );
}
