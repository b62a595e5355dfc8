/** Instance admins add an organization (agency): name, acronym, level and, optionally, its INEGI state. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationLevel } from '../../../shared/constants.js';
import { createOrganization } from '../../api/admin.js';
import type { Organization } from '../../api/types.js';
import { describedBy, Field } from '../Field.js';
import { OrganizationLevelField, OrganizationStateField } from '../OrganizationProfileFields.js';
import { acronymHolder, OrganizationErrorNotice, sameAcronym } from './AcronymConflictNotice.js';

/** Calls `onCreated` with the new organization. */
export function OrganizationForm({ onCreated }: { onCreated: (o: Organization) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [name, setName] = useState('');
  const [acronym, setAcronym] = useState('');
  const [level, setLevel] = useState<OrganizationLevel>('federal');
  const [stateCode, setStateCode] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The acronym already warned about: submitting it again means "another agency with the same acronym", and creates it.
  const [warnedFor, setWarnedFor] = useState<string | null>(null);

  const errors = {
    name: touched && !name.trim() ? t('common.required') : null,
    acronym: touched && !acronym.trim() ? t('common.required') : null,
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!name.trim() || !acronym.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const wanted = acronym.trim();
      if (warnedFor === null || !sameAcronym(warnedFor, wanted)) {
        const holder = await acronymHolder(wanted);
        if (holder) {
          setWarnedFor(wanted);
          setError(holder);
          return;
        }
      }
      const org = await createOrganization({ name: name.trim(), acronym: wanted, level, ...(stateCode ? { stateCode } : {}) });
      setWarnedFor(null);
      setName('');
      setAcronym('');
      setStateCode('');
      setTouched(false);
      onCreated(org);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form inline-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-title`} data-testid="organization-form">
      <h3 id={`${uid}-title`}>{t('admin.createOrganization')}</h3>
      <Field id={`${uid}-name`} label={t('org.name')} required error={errors.name}>
        <input id={`${uid}-name`} required maxLength={200} value={name} aria-invalid={!!errors.name} aria-describedby={describedBy(`${uid}-name`, { error: errors.name })} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="field-row">
        <Field id={`${uid}-acronym`} label={t('org.acronym')} required error={errors.acronym}>
          <input id={`${uid}-acronym`} required maxLength={30} value={acronym} aria-invalid={!!errors.acronym} aria-describedby={describedBy(`${uid}-acronym`, { error: errors.acronym })} onChange={(e) => setAcronym(e.target.value)} />
        </Field>
        <OrganizationLevelField id={`${uid}-level`} value={level} onChange={setLevel} />
      </div>
      <OrganizationStateField id={`${uid}-state`} value={stateCode} onChange={setStateCode} />
      <OrganizationErrorNotice error={error} confirmable />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('common.creating') : t('admin.addOrganization')}
      </button>
    </form>
  );
}
