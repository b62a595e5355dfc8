/** The signed-in person changes their password: the current one, the new one twice. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LIMITS } from '../../../shared/constants.js';
import { ApiError } from '../../api/http.js';
import { changeOwnPassword } from '../../api/passwords.js';
import { useServerError } from '../../lib/useServerError.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { describedBy, Field } from '../Field.js';

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
  const { error, fail, clear, edited } = useServerError<'currentPassword' | 'newPassword'>();
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

  const input = (id: string, value: string, set: (v: string) => void, autoComplete: string, fieldError: string | null, hint?: boolean) => (
    <input
      id={id}
      type="password"
      required
      maxLength={256}
      autoComplete={autoComplete}
      value={value}
      aria-invalid={!!fieldError}
      aria-describedby={describedBy(id, { hint, error: fieldError })}
      onChange={(e) => set(e.target.value)}
    />
  );

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="password-change-form">
      <p className="muted">{t('account.passwordIntro')}</p>
      <Field id={`${uid}-current`} label={t('account.currentPassword')} required error={errors.current}>
        <input
          id={`${uid}-current`}
          ref={currentRef}
          type="password"
          required
          maxLength={256}
          autoComplete="current-password"
          value={current}
          aria-invalid={!!errors.current}
          aria-describedby={describedBy(`${uid}-current`, { error: errors.current })}
          onChange={(e) => {
            setCurrent(e.target.value);
            edited('currentPassword');
          }}
        />
      </Field>
      <Field id={`${uid}-new`} label={t('account.newPassword')} required hint={t('setup.passwordHint', { min: MIN })} error={errors.next}>
        {input(`${uid}-new`, next, (v) => {
          setNext(v);
          edited('newPassword');
        }, 'new-password', errors.next, true)}
      </Field>
      <Field id={`${uid}-confirm`} label={t('account.confirmPassword')} required error={errors.confirm}>
        {input(`${uid}-confirm`, confirm, setConfirm, 'new-password', errors.confirm)}
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
