/** Instance admins change an organization: its name, acronym, level and state, each checked as when it was added. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateOrganization, type OrganizationChange } from '../../api/admin.js';
import type { Organization } from '../../api/types.js';
import { explainAcronymConflict, OrganizationErrorNotice } from './AcronymConflictNotice.js';
import { OrganizationFields, useOrganizationDraft, type OrganizationDraft } from './OrganizationFields.js';

interface Props {
  organization: Organization;
  /** The organization as saved. */
  onSaved: (o: Organization) => void;
  onCancel: () => void;
}

/** The fields of the draft that differ from the organization: only those are sent. */
function changedFields(o: Organization, draft: OrganizationDraft): OrganizationChange {
  const change: OrganizationChange = {};
  if (draft.name !== o.name) change.name = draft.name;
  if (draft.acronym !== o.acronym) change.acronym = draft.acronym;
  if (draft.level !== o.level) change.level = draft.level;
  if (draft.stateCode !== (o.stateCode ?? '')) change.stateCode = draft.stateCode || null;
  return change;
}

/** The edit form of one organization, opened from the admin page's list; focus starts on its name. */
export function OrganizationEditForm({ organization: o, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const { draft, errors, server, fields } = useOrganizationDraft({ name: o.name, acronym: o.acronym, level: o.level, stateCode: o.stateCode ?? '' }, true);
  const { error, fail, clear } = server;
  const [busy, setBusy] = useState(false);
  useEffect(() => nameRef.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    if (errors.name || errors.acronym) return;
    const change = changedFields(o, { ...draft, name: draft.name.trim(), acronym: draft.acronym.trim() });
    // Nothing changed: nothing to save or announce.
    if (!Object.keys(change).length) return onCancel();
    setBusy(true);
    try {
      onSaved(await updateOrganization(o.id, change));
    } catch (err) {
      fail(await explainAcronymConflict(err, draft.acronym.trim(), o.id));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form inline-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-title`} data-testid="organization-edit-form">
      <h3 id={`${uid}-title`}>{t('admin.editOrganizationTitle', { acronym: o.acronym })}</h3>
      <OrganizationFields uid={uid} {...fields} nameRef={nameRef} />
      <OrganizationErrorNotice error={error} />
      <div className="inline-controls">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('admin.saveOrganization')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
