/** Instance admins add a person: name, email, initial password, organization and the admin flag. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LIMITS } from '../../../shared/constants.js';
import { createPerson } from '../../api/admin.js';
import { ApiError } from '../../api/http.js';
import type { User } from '../../api/types.js';
import { looksLikeEmail } from '../../lib/emailShape.js';
import { useServerError } from '../../lib/useServerError.js';
import { describedBy, Field } from '../Field.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { SubmitRow, useFormStatus } from '../FormStatus.js';
import { OrganizationSelect } from '../OrganizationSelect.js';

const MIN = DEFAULT_LIMITS.passwordMinLength;

type PersonField = 'name' | 'email' | 'password' | 'organizationId';

/** A taken email is about the email field: editing it makes the refusal stale. */
function refusedFields(err: unknown): PersonField[] {
  return err instanceof ApiError && err.reason === 'email_taken' ? ['email'] : [];
}

/** Calls `onCreated` with the new account, and says it was created beside its button. */
export function PersonForm({ onCreated }: { onCreated: (u: User) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const status = useFormStatus();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const { error, fail, clear, change } = useServerError<PersonField>(refusedFields);
  const emailInput = useRef<HTMLInputElement>(null);

  // A taken email is said at the email field, where it is fixed, not in a notice under the form.
  const emailTaken = refusedFields(error).includes('email');
  const errors = {
    name: touched && !name.trim() ? t('common.required') : null,
    email: touched && !looksLikeEmail(email) ? t('common.invalidEmail') : emailTaken ? `${t('errors.conflictReasons.email_taken.title')} ${t('errors.conflictReasons.email_taken.hint')}` : null,
    password: touched && password.length < MIN ? t('setup.passwordTooShort', { min: MIN }) : null,
    organizationId: touched && !organizationId ? t('common.required') : null,
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    // Emptied first, so the same words said again (a namesake) are announced again.
    status.clear();
    setTouched(true);
    if (!name.trim() || !looksLikeEmail(email) || password.length < MIN || !organizationId) return;
    setBusy(true);
    try {
      const user = await createPerson({ name: name.trim(), email: email.trim(), password, organizationId, isAdmin });
      setName('');
      setEmail('');
      setPassword('');
      setIsAdmin(false);
      setTouched(false);
      status.say(t('admin.personCreated', { name: user.name }));
      onCreated(user);
    } catch (err) {
      fail(err);
      if (refusedFields(err).includes('email')) emailInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form inline-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-title`} data-testid="person-form">
      <h3 id={`${uid}-title`}>{t('admin.createPerson')}</h3>
      {/* Top-aligned: a refusal under the email (a taken one) must not push the name down out of line. */}
      <div className="field-row field-row-top">
        <Field id={`${uid}-name`} label={t('setup.name')} required error={errors.name}>
          <input
            id={`${uid}-name`}
            required
            maxLength={200}
            autoComplete="off"
            value={name}
            aria-invalid={!!errors.name}
            aria-describedby={describedBy(`${uid}-name`, { error: errors.name })}
            onChange={(e) => change('name', setName)(e.target.value)}
          />
        </Field>
        <Field id={`${uid}-email`} label={t('setup.email')} required error={errors.email}>
          <input
            id={`${uid}-email`}
            ref={emailInput}
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            value={email}
            aria-invalid={!!errors.email}
            aria-describedby={describedBy(`${uid}-email`, { error: errors.email })}
            onChange={(e) => change('email', setEmail)(e.target.value)}
          />
        </Field>
      </div>
      <div className="field-row field-row-top">
        <Field id={`${uid}-password`} label={t('admin.initialPassword')} required hint={t('admin.initialPasswordHint', { min: MIN })} error={errors.password}>
          <input
            id={`${uid}-password`}
            type="text"
            required
            autoComplete="new-password"
            value={password}
            aria-invalid={!!errors.password}
            aria-describedby={describedBy(`${uid}-password`, { hint: true, error: errors.password })}
            onChange={(e) => change('password', setPassword)(e.target.value)}
          />
        </Field>
        <Field id={`${uid}-org`} label={t('members.organization')} required error={errors.organizationId}>
          <OrganizationSelect
            id={`${uid}-org`}
            required
            value={organizationId}
            invalid={!!errors.organizationId}
            aria-describedby={describedBy(`${uid}-org`, { error: errors.organizationId })}
            onChange={change('organizationId', setOrganizationId)}
          />
        </Field>
      </div>
      <div className="check">
        <input id={`${uid}-admin`} type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
        <label htmlFor={`${uid}-admin`}>{t('admin.isAdmin')}</label>
      </div>
      <ErrorNotice error={emailTaken ? null : error} compact />
      <SubmitRow status={status.text}>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.creating') : t('admin.addPerson')}
        </button>
      </SubmitRow>
    </form>
  );
}
