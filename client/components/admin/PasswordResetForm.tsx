/** An instance admin sets a new password for a person (typed or generated), then sees it once to pass on. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LIMITS } from '../../../shared/constants.js';
import { resetPassword } from '../../api/passwords.js';
import { useServerError } from '../../lib/useServerError.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Field } from '../Field.js';
import { PasswordInput } from '../PasswordInput.js';
import { generatePassword } from './generatedPassword.js';

const MIN = DEFAULT_LIMITS.passwordMinLength;

interface Props {
  person: { id: string; name: string };
  onClose: () => void;
}

/** The form, then (once the server has it) the password shown this once with a copy button. */
export function PasswordResetForm({ person, onClose }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const shownRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const { error, fail, clear, edited, change } = useServerError<'password'>();
  const [done, setDone] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const tooShort = touched && password.length < MIN ? t('setup.passwordTooShort', { min: MIN }) : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setTouched(true);
    if (password.length < MIN) return;
    setBusy(true);
    try {
      await resetPassword(person.id, password);
      setDone(password);
      setPassword('');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!done) return;
    try {
      await navigator.clipboard.writeText(done);
      setCopied(true);
    } catch (err) {
      // Clipboard access can be denied (plain http, permissions): select the text for a manual copy.
      console.warn('Clipboard unavailable; the password is selected for copying by hand', err);
      shownRef.current?.select();
    }
  };

  if (done) {
    return (
      <div className="form" data-testid="password-reset-done">
        <p className="notice notice-info" role="status">
          {t('admin.passwordResetDone', { name: person.name })}
        </p>
        <Field id={`${uid}-shown`} label={t('admin.newPassword')} hint={t('admin.passwordShownOnce')}>
          <input id={`${uid}-shown`} ref={shownRef} readOnly value={done} aria-describedby={`${uid}-shown-hint`} onFocus={(e) => e.target.select()} data-testid="password-reset-shown" />
        </Field>
        <div className="actions-cell">
          <button type="button" className="btn btn-secondary" onClick={() => void copy()}>
            {copied ? t('admin.passwordCopied') : t('admin.copyPassword')}
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('admin.done')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="password-reset-form">
      <p className="muted">{t('admin.resetPasswordIntro', { name: person.name })}</p>
      <Field id={`${uid}-password`} label={t('admin.newPassword')} required hint={t('admin.initialPasswordHint', { min: MIN })} error={tooShort}>
        <PasswordInput id={`${uid}-password`} visible autoComplete="new-password" value={password} error={tooShort} hint onChange={change('password', setPassword)} />
      </Field>
      <div>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => {
            setPassword(generatePassword());
            edited('password');
          }}
        >
          {t('admin.generatePassword')}
        </button>
      </div>
      <ErrorNotice error={error} compact />
      <div className="actions-cell">
        <button type="submit" className="btn btn-danger" disabled={busy}>
          {busy ? t('admin.resetting') : t('admin.resetSubmit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
