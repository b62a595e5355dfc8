/** The facilitator's form for a working group's settings: name, description, mandate areas and overlap sharing. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workspace } from '../../api/types.js';
import { updateWorkspace, type WorkspaceSettingsPatch } from '../../api/workspaces.js';
import { useInvalidFocus } from '../../lib/useInvalidFocus.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { orderedAreas, WorkspaceFields, workspaceFieldErrors, workspaceFieldsComplete, type WorkspaceFieldValues } from '../WorkspaceFields.js';
import { ShareOverlapsField } from './ShareOverlapsField.js';

interface Props {
  workspace: Workspace;
  /** Called with the group as the server now has it; null when there was nothing to change. */
  onSaved: (workspace: Workspace | null) => void;
  onCancel: () => void;
}

const fieldsOf = (w: Workspace): WorkspaceFieldValues => ({ name: w.name, description: w.description ?? '', areas: orderedAreas(w.mandateAreas) });

/**
 * Only what the person changed since the form opened is sent, so another facilitator's change to a field left alone
 * meanwhile is not overwritten with the old value.
 */
function changesFrom(opened: Workspace, values: WorkspaceFieldValues, share: boolean): WorkspaceSettingsPatch {
  const before = fieldsOf(opened);
  const patch: WorkspaceSettingsPatch = {};
  const name = values.name.trim();
  const description = values.description.trim();
  const areas = orderedAreas(values.areas);
  if (name !== before.name) patch.name = name;
  if (description !== before.description.trim()) patch.description = description;
  if (areas.join() !== before.areas.join()) patch.mandateAreas = areas;
  if (share !== opened.shareOverlaps) patch.shareOverlaps = share;
  return patch;
}

/** Prefilled with the group as it was when opened. */
export function GroupSettingsForm({ workspace, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [opened] = useState(workspace);
  const [values, setValues] = useState(() => fieldsOf(workspace));
  const [share, setShare] = useState(workspace.shareOverlaps);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const errors = workspaceFieldErrors(values, check.tried, t);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!workspaceFieldsComplete(values)) return check.refuse();
    const patch = changesFrom(opened, values, share);
    if (!Object.keys(patch).length) return onSaved(null);
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateWorkspace(opened.id, patch));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form ref={check.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="group-settings-form">
      <WorkspaceFields uid={uid} values={values} onChange={setValues} errors={errors} />
      <ShareOverlapsField id={`${uid}-share`} checked={share} onChange={setShare} />
      <ErrorNotice error={error} compact />
      <div className="inline-controls">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('groupSettings.saving') : t('groupSettings.save')}
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
