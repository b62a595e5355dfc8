/** First-run setup: the first instance admin and their organization. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { DEFAULT_LIMITS, type OrganizationLevel } from '../../shared/constants.js';
import { ApiError } from '../api/http.js';
import { setup, type DemoCredential, type SetupBody } from '../api/session.js';
import { DemoCredentials } from '../components/DemoCredentials.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { describedBy, Field } from '../components/Field.js';
import { Loading } from '../components/Loading.js';
import { OrganizationLevelField, OrganizationStateField, stateExpected } from '../components/OrganizationProfileFields.js';
import { looksLikeEmail } from '../lib/emailShape.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useServerError } from '../lib/useServerError.js';
import { useSession } from '../session/SessionContext.js';
import { useSetupGate } from './useSetupGate.js';

/** The /setup page. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { reload } = useSession();
  const gate = useSetupGate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [orgName, setOrgName] = useState('');
  const [acronym, setAcronym] = useState('');
  const [level, setLevel] = useState<OrganizationLevel>('federal');
  const [stateCode, setStateCode] = useState('');
  const [demo, setDemo] = useState(false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  // A 400 names the body's fields: the organization's as `organization.…`.
  const { error, fail, clear, change } = useServerError<'name' | 'email' | 'password' | 'organization'>();
  const [demoAccounts, setDemoAccounts] = useState<DemoCredential[] | null>(null);
  useDocumentTitle(t('setup.title'));

  const min = DEFAULT_LIMITS.passwordMinLength;
  const passwordError = touched && password.length < min ? t('setup.passwordTooShort', { min }) : null;
  const confirmError = touched && confirm !== password ? t('setup.passwordMismatch') : null;
  const missing = !name.trim() || !email.trim() || !orgName.trim() || !acronym.trim();
  const requiredError = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  // A malformed address is marked at its field, as a missing one is (the server's refusal showed only below the form).
  const emailError = requiredError(email) ?? (touched && !looksLikeEmail(email) ? t('common.invalidEmail') : null);
  const errors = { name: requiredError(name), email: emailError, orgName: requiredError(orgName), acronym: requiredError(acronym) };
  // After a refused submit, focus the first field to fix (on a small screen it may be far above the button).
  const formRef = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setTouched(true);
    if (missing || !looksLikeEmail(email) || password.length < min || confirm !== password) {
      setRefusals((n) => n + 1);
      return;
    }
    const body: SetupBody = {
      email: email.trim(),
      password,
      name: name.trim(),
      organization: { name: orgName.trim(), acronym: acronym.trim(), level, ...(stateCode ? { stateCode } : {}) },
      ...(demo ? { demo: true } : {}),
    };
    setBusy(true);
    try {
      const res = await setup(body);
      await reload();
      // Demo passwords are shown once; keep the page until they have been noted.
      if (res.demoCredentials?.length) setDemoAccounts(res.demoCredentials);
      // The form stays busy until the home page replaces it (its code may still be loading).
      else navigate('/', { replace: true });
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  const alreadySetUp = error instanceof ApiError && error.status === 409;
  // Once an instance is set up, this page only sends people on.
  if (gate === 'checking') return <Loading />;
  if (gate === 'signedIn') return <Navigate to="/" replace />;
  if (gate === 'signedOut') return <Navigate to="/login" replace />;
  if (demoAccounts) return <DemoCredentials accounts={demoAccounts} onContinue={() => navigate('/', { replace: true })} />;

  return (
    <div className="page narrow auth-page">
      <section className="card" aria-labelledby="setup-title">
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} className="form" noValidate>
          <fieldset>
            <legend>{t('setup.adminLegend')}</legend>
            <Field id="setup-name" label={t('setup.name')} required error={errors.name}>
              <input id="setup-name" autoComplete="name" required maxLength={200} value={name} aria-invalid={!!errors.name} aria-describedby={describedBy('setup-name', { error: errors.name })} onChange={(e) => change('name', setName)(e.target.value)} />
            </Field>
            <Field id="setup-email" label={t('setup.email')} required error={errors.email}>
              <input id="setup-email" type="email" autoComplete="email" required maxLength={254} value={email} aria-invalid={!!errors.email} aria-describedby={describedBy('setup-email', { error: errors.email })} onChange={(e) => change('email', setEmail)(e.target.value)} />
            </Field>
            <Field id="setup-password" label={t('setup.password')} hint={t('setup.passwordHint', { min })} error={passwordError} required>
              <input
                id="setup-password"
                type="password"
                autoComplete="new-password"
                minLength={min}
                required
                value={password}
                aria-invalid={!!passwordError}
                aria-describedby={describedBy('setup-password', { hint: true, error: passwordError })}
                onChange={(e) => change('password', setPassword)(e.target.value)}
              />
            </Field>
            <Field id="setup-confirm" label={t('setup.confirm')} error={confirmError} required>
              <input
                id="setup-confirm"
                type="password"
                autoComplete="new-password"
                required
                value={confirm}
                aria-invalid={!!confirmError}
                aria-describedby={describedBy('setup-confirm', { error: confirmError })}
                onChange={(e) => setConfirm(e.target.value)}
              />
            </Field>
          </fieldset>
          <fieldset>
            <legend>{t('setup.orgLegend')}</legend>
            <Field id="setup-org-name" label={t('org.name')} required error={errors.orgName}>
              <input id="setup-org-name" autoComplete="organization" required maxLength={200} value={orgName} aria-invalid={!!errors.orgName} aria-describedby={describedBy('setup-org-name', { error: errors.orgName })} onChange={(e) => change('organization', setOrgName)(e.target.value)} />
            </Field>
            <div className="field-row">
              <Field id="setup-org-acronym" label={t('org.acronym')} required error={errors.acronym}>
                <input id="setup-org-acronym" required maxLength={30} value={acronym} aria-invalid={!!errors.acronym} aria-describedby={describedBy('setup-org-acronym', { error: errors.acronym })} onChange={(e) => change('organization', setAcronym)(e.target.value)} />
              </Field>
              <OrganizationLevelField id="setup-org-level" value={level} onChange={change('organization', setLevel)} />
            </div>
            <OrganizationStateField
              id="setup-org-state"
              value={stateCode}
              onChange={change('organization', setStateCode)}
              warning={stateExpected(level, stateCode) ? t(level === 'state' ? 'org.stateMissingState' : 'org.stateMissingMunicipal') : null}
            />
          </fieldset>
          <div className="check">
            <input id="setup-demo" type="checkbox" checked={demo} onChange={(e) => setDemo(e.target.checked)} />
            <label htmlFor="setup-demo">{t('setup.demo')}</label>
          </div>
          {alreadySetUp ? (
            <div className="notice notice-warning" role="alert">
              <p>{t('setup.alreadyDone')}</p>
              <Link to="/login">{t('setup.goToLogin')}</Link>
            </div>
          ) : (
            <ErrorNotice error={error} compact />
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('setup.submitting') : t('setup.submit')}
          </button>
        </form>
      </section>
    </div>
  );
}
