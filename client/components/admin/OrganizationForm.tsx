/** Instance admins add an organization (agency): name, acronym, level and, optionally, its INEGI state. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createOrganization } from '../../api/admin.js';
import type { Organization } from '../../api/types.js';
import { SubmitRow, useFormStatus } from '../FormStatus.js';
import { acronymHolder, OrganizationErrorNotice, sameAcronym } from './AcronymConflictNotice.js';
import { OrganizationFields, useOrganizationDraft } from './OrganizationFields.js';

/** Calls `onCreated` with the new organization, and says it was added beside its button. */
export function OrganizationForm({ onCreated }: { onCreated: (o: Organization) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const status = useFormStatus();
  const [touched, setTouched] = useState(false);
  const { draft, set, server, fields } = useOrganizationDraft({ name: '', acronym: '', level: 'federal', stateCode: '' }, touched);
  const { name, acronym, level, stateCode } = draft;
  const { error, fail, clear } = server;
  const [busy, setBusy] = useState(false);
  // The acronym already warned about: submitting it again means "another agency with the same acronym", and creates it.
  const [warnedFor, setWarnedFor] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    // Emptied first, so the same words said again for the next one are announced again.
    status.clear();
    setTouched(true);
    if (!name.trim() || !acronym.trim()) return;
    setBusy(true);
    try {
      const wanted = acronym.trim();
      if (warnedFor === null || !sameAcronym(warnedFor, wanted)) {
        const holder = await acronymHolder(wanted);
        if (holder) {
          setWarnedFor(wanted);
          fail(holder);
          return;
        }
      }
      const org = await createOrganization({ name: name.trim(), acronym: wanted, level, ...(stateCode ? { stateCode } : {}) });
      setWarnedFor(null);
      set.name('');
      set.acronym('');
      set.stateCode('');
      setTouched(false);
      status.say(t('admin.organizationCreated', { acronym: org.acronym }));
      onCreated(org);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form inline-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-title`} data-testid="organization-form">
      <h3 id={`${uid}-title`}>{t('admin.createOrganization')}</h3>
      <OrganizationFields
        uid={uid}
        {...fields}
        onAcronym={(v) => {
          fields.onAcronym(v);
          // The warning is gone from the screen: a submit now can no longer mean "create it anyway".
          setWarnedFor(null);
        }}
      />
      <OrganizationErrorNotice error={error} confirmable />
      <SubmitRow status={status.text}>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.creating') : t('admin.addOrganization')}
        </button>
      </SubmitRow>
    </form>
  );
}
