/** Sign-in page; sends a fresh instance to the first-run setup. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, isAbort } from '../api/http.js';
import { login, setupStatus } from '../api/session.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { validationFields } from '../lib/useServerError.js';
import { useSession } from '../session/SessionContext.js';

/** Only same-app paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The id of the server's refusal, for the fields it is about. */
const REFUSAL_ID = 'login-refusal';

/**
 * Which fields a refusal of the sign-in is about. A wrong password and an unknown email are one answer
 * (`invalid_credentials`: the server does not say which, so whether an account exists stays hidden): both fields. A 400
 * names the fields it refused (an address that is not one).
 */
function refusedFields(err: unknown): { email: boolean; password: boolean } {
  if (err instanceof ApiError && err.code === 'invalid_credentials') return { email: true, password: true };
  const named = validationFields(err);
  return { email: named.includes('email'), password: named.includes('password') };
}

/** The /login page. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { status, reload } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [needsSetup, setNeedsSetup] = useState(false);
  // Which empty fields a submit found: the button stays reachable by keyboard and says what is missing.
  const [missing, setMissing] = useState<{ email: boolean; password: boolean }>({ email: false, password: false });
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('login.title'));

  useEffect(() => {
    const ctl = new AbortController();
    setupStatus(ctl.signal).then(setNeedsSetup, (err: unknown) => {
      // Without the status route we simply show the sign-in form.
      if (!isAbort(err)) setNeedsSetup(false);
    });
    return () => ctl.abort();
  }, []);

  // Someone already signed in who comes here (a bookmark, the back button) goes on instead of seeing the form under a
  // signed-out header. /login is public, so the session was not checked on arrival; asking for it logs no 401.
  useEffect(() => {
    if (status === 'idle') void reload();
  }, [status, reload]);

  if (needsSetup) return <Navigate to="/setup" replace />;
  // (Mutually exclusive with `missing`: a submit with an empty field clears the refusal and is not sent.)
  const refused = refusedFields(error);
  if (status === 'signedIn') return <Navigate to={safeNext(params.get('next'))} replace />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = { email: !email.trim(), password: !password };
    setMissing(empty);
    setError(null); // an earlier refusal no longer describes what is in the form
    if (empty.email || empty.password) {
      (empty.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await login(email.trim(), password);
      await reload();
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(err);
      // To the field to fix, marked and described by the refusal: the password, emptied, after a wrong password or
      // email (the server does not say which); the email when the address is what was refused.
      const refused = refusedFields(err);
      if (refused.email && refused.password) {
        setPassword('');
        passwordRef.current?.focus();
      } else if (refused.email) emailRef.current?.focus();
      else if (refused.password) passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow auth-page">
      <section className="card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        <form onSubmit={(e) => void onSubmit(e)} className="form" noValidate>
          <Field id="login-email" label={t('login.email')} required error={missing.email ? t('common.required') : undefined}>
            <input
              ref={emailRef}
              aria-invalid={missing.email || refused.email || undefined}
              aria-describedby={missing.email ? 'login-email-error' : refused.email ? REFUSAL_ID : undefined}
              id="login-email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <Field id="login-password" label={t('login.password')} required error={missing.password ? t('common.required') : undefined}>
            <input
              ref={passwordRef}
              aria-invalid={missing.password || refused.password || undefined}
              aria-describedby={missing.password ? 'login-password-error' : refused.password ? REFUSAL_ID : undefined}
              id="login-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          {/* Told only to someone who gave the account's password; other 403s (a cross-site refusal) say their own thing. */}
          {error instanceof ApiError && error.reason === 'account_deactivated' ? (
            <p className="notice notice-warning" role="alert" data-testid="login-deactivated">
              {t('login.deactivated')}
            </p>
          ) : (
            <ErrorNotice error={error} compact id={REFUSAL_ID} />
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </section>
    </div>
  );
}
