/** Gate for signed-in pages: sends visitors to /setup or /login, then provides the realtime layer. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { isAbort } from '../api/http.js';
import { setupStatus } from '../api/session.js';
import { RealtimeProvider } from '../realtime/RealtimeContext.js';
import { OrganizationsProvider } from '../session/OrganizationsContext.js';
import { useSession } from '../session/SessionContext.js';
import { AccessRevokedWatcher } from './AccessRevokedWatcher.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Loading } from './Loading.js';

/** Where a signed-out visitor should go: the first-run setup, or the sign-in page. */
function SignedOutRedirect() {
  const location = useLocation();
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const next = location.pathname + location.search;
    const login = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    setupStatus(ctl.signal).then(
      (needsSetup) => setTarget(needsSetup ? '/setup' : login),
      (err: unknown) => {
        // An older server without /api/setup/status: sign-in is the safe default.
        if (!isAbort(err)) setTarget(login);
      },
    );
    return () => ctl.abort();
  }, [location.pathname, location.search]);
  return target ? <Navigate to={target} replace /> : <Loading />;
}

/** Renders the nested routes only for a signed-in user. */
export function RequireSession() {
  const { status, error, reload } = useSession();
  const { t } = useTranslation();
  useEffect(() => {
    if (status === 'idle') void reload();
  }, [status, reload]);
  if (status === 'loading' || status === 'idle') return <Loading label={t('session.checking')} />;
  if (status === 'signedOut') return <SignedOutRedirect />;
  if (status === 'error') {
    return (
      <div className="page narrow">
        <ErrorNotice error={error} onRetry={() => void reload()} />
      </div>
    );
  }
  return (
    <OrganizationsProvider>
      <RealtimeProvider>
        <AccessRevokedWatcher />
        <Outlet />
      </RealtimeProvider>
    </OrganizationsProvider>
  );
}
