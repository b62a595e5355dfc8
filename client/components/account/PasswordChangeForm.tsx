/** The signed-in person changes their password: the current one, the new one twice. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LIMITS } from '../../../shared/constants.js';
import { ApiError } from '../../api/http.js';
import { changeOwnPassword } from '../../api/passwords.js';
import { useServerError } from '../../lib/useServerError.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Field } from '../Field.js';
import { PasswordInput } from '../PasswordInput.js';

const MIN = DEFAULT_LIMITS.passwordMinLength;

/** Whether the server refused the request because the current password is wrong (a 400 on that field). */
function isWrongCurrent(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'validation_failed' && Array.isArray(err.details) && err.details.some((d: { path?: unknown }) => d?.path === 'currentPassword');
}

/** Calls `onChanged` once the server accepted the new password. */
export function PasswordChangeForm({ onChanged, onCancel }: { onChanged: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const currentRef = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  // Fields named as the API names them: a wrong current password is a 400 about `currentPassword`.
  const { error, fail, clear, change } = useServerError<'currentPassword' | 'newPassword'>();
  const wrongCurrent = isWrongCurrent(error);

  const errors = {
    current: wrongCurrent ? t('account.wrongCurrent') : touched && !current ? t('common.required') : null,
    next: touched && next.length < MIN ? t('setup.passwordTooShort', { min: MIN }) : null,
    confirm: touched && confirm !== next ? t('setup.passwordMismatch') : null,
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setTouched(true);
    if (!current || next.length < MIN || confirm !== next) return;
    setBusy(true);
    try {
      await changeOwnPassword(current, next);
      onChanged();
    } catch (err) {
      fail(err);
      if (isWrongCurrent(err)) currentRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="password-change-form">
      <p className="muted">{t('account.passwordIntro')}</p>
      <Field id={`${uid}-current`} label={t('account.currentPassword')} required error={errors.current}>
        <PasswordInput id={`${uid}-current`} inputRef={currentRef} autoComplete="current-password" value={current} error={errors.current} onChange={change('currentPassword', setCurrent)} />
      </Field>
      <Field id={`${uid}-new`} label={t('account.newPassword')} required hint={t('setup.passwordHint', { min: MIN })} error={errors.next}>
        <PasswordInput id={`${uid}-new`} autoComplete="new-password" value={next} error={errors.next} hint onChange={change('newPassword', setNext)} />
      </Field>
      <Field id={`${uid}-confirm`} label={t('account.confirmPassword')} required error={errors.confirm}>
        <PasswordInput id={`${uid}-confirm`} autoComplete="new-password" value={confirm} error={errors.confirm} onChange={setConfirm} />
      </Field>
      {/* A wrong current password shows on its field instead. */}
      <ErrorNotice error={wrongCurrent ? null : error} compact />
      <div className="actions-cell">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('account.submitting') : t('account.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
