/**
 * Creating an account with an invitation made for a person without one: name, email and password (the institution is
 * the one the facilitator named, shown, not chosen). Success signs the person in and opens the group.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DEFAULT_LIMITS } from '../../../shared/constants.js';
import { ApiError } from '../../api/http.js';
import { signUpWithInvitation } from '../../api/invitations.js';
import { looksLikeEmail } from '../../lib/emailShape.js';
import { useServerError } from '../../lib/useServerError.js';
import { useSession } from '../../session/SessionContext.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { describedBy, Field } from '../Field.js';
import { useNotices } from '../Notices.js';
import { InviteRefusal } from './InviteRefusal.js';
import { signInThenBack } from './signInThenBack.js';

interface Props {
  token: string;
  organization: { name: string; acronym: string };
}

/** The sign-up form of the invitation page. */
export function InviteSignUpForm({ token, organization }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { reload } = useSession();
  const { show } = useNotices();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  // A taken email is about the email field: editing it makes the refusal stale.
  const { error, fail, clear, change } = useServerError<'name' | 'email' | 'password'>((err) => (err instanceof ApiError && err.reason === 'email_taken' ? ['email'] : []));
  // After a refused submit, focus the first field to fix (on a small screen it may be far above the button).
  const formRef = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const min = DEFAULT_LIMITS.passwordMinLength;
  const required = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  const errors = {
    name: required(name),
    // A malformed address is marked at its field, as a missing one is (the server's refusal showed only below the form).
    email: required(email) ?? (touched && !looksLikeEmail(email) ? t('common.invalidEmail') : null),
    password: touched && password.length < min ? t('setup.passwordTooShort', { min }) : null,
    confirm: touched && confirm !== password ? t('setup.passwordMismatch') : null,
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    clear(); // an earlier refusal no longer describes what is in the form
    if (!name.trim() || !looksLikeEmail(email) || password.length < min || confirm !== password) {
      setRefusals((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const { workspaceId } = await signUpWithInvitation({ token, name: name.trim(), email: email.trim(), password });
      // Signed in now (the answer set the session cookie): the group's page needs the session loaded first.
      await reload();
      show(t('invite.signedUp'));
      navigate(`/w/${encodeURIComponent(workspaceId)}`, { replace: true });
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  if (error instanceof ApiError && error.status === 404) return <InviteRefusal error={error} />;
  const emailTaken = error instanceof ApiError && error.reason === 'email_taken';
  return (
    <form ref={formRef} className="form" noValidate aria-labelledby="invite-sign-up-title" onSubmit={(e) => void onSubmit(e)} data-testid="invite-sign-up">
      <h2 id="invite-sign-up-title">{t('invite.signUp.title')}</h2>
      <p className="muted">{t('invite.signUp.intro', { name: organization.name, acronym: organization.acronym })}</p>
      <Field id="invite-name" label={t('setup.name')} required error={errors.name}>
        <input
          id="invite-name"
          autoComplete="name"
          required
          maxLength={200}
          value={name}
          aria-invalid={!!errors.name}
          aria-describedby={describedBy('invite-name', { error: errors.name })}
          onChange={(e) => change('name', setName)(e.target.value)}
        />
      </Field>
      <Field id="invite-email" label={t('setup.email')} required error={errors.email}>
        <input
          id="invite-email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          aria-invalid={!!errors.email}
          aria-describedby={describedBy('invite-email', { error: errors.email })}
          onChange={(e) => change('email', setEmail)(e.target.value)}
        />
      </Field>
      <Field id="invite-password" label={t('setup.password')} hint={t('setup.passwordHint', { min })} error={errors.password} required>
        <input
          id="invite-password"
          type="password"
          autoComplete="new-password"
          minLength={min}
          required
          value={password}
          aria-invalid={!!errors.password}
          aria-describedby={describedBy('invite-password', { hint: true, error: errors.password })}
          onChange={(e) => change('password', setPassword)(e.target.value)}
        />
      </Field>
      <Field id="invite-confirm" label={t('setup.confirm')} error={errors.confirm} required>
        <input
          id="invite-confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          aria-invalid={!!errors.confirm}
          aria-describedby={describedBy('invite-confirm', { error: errors.confirm })}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </Field>
      {emailTaken ? (
        <div className="notice notice-warning" role="alert" data-testid="invite-email-taken">
          <p>{t('invite.signUp.emailTaken')}</p>
          <Link to={signInThenBack(token)}>{t('invite.signIn')}</Link>
        </div>
      ) : (
        <ErrorNotice error={error} compact />
      )}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('invite.signUp.submitting') : t('invite.signUp.submit')}
      </button>
      <p>
        {t('invite.signUp.haveAccount')} <Link to={signInThenBack(token)}>{t('invite.signUp.signIn')}</Link>
      </p>
    </form>
  );
}
