/** The signed-in user for the whole app: loads `GET /api/me`, reloads on demand, signs out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, onUnauthenticated } from '../api/http.js';
import { getSession, logout, saveLocale } from '../api/session.js';
import type { Me } from '../api/types.js';
import { applyLanguage, asLanguage, takeSignedOutChoice } from '../i18n/index.js';
import { claimCachedPlans, clearCachedPlans } from '../plan/localCache.js';
import { pruneRevokedPlanCopies } from '../plan/revokedPlanCopies.js';

/** `idle`: not asked yet (public pages skip the check, so a signed-out visit logs no 401). */
export type SessionStatus = 'idle' | 'loading' | 'signedIn' | 'signedOut' | 'error';

const PUBLIC_PATHS = ['/login', '/setup'];

export interface SessionApi {
  status: SessionStatus;
  me: Me | null;
  error: unknown;
  /** Reloads `/api/me` (after sign-in, membership changes, …). */
  reload: () => Promise<void>;
  /** Signs out on the server, forgets the user here and deletes the offline plan copies (ask first: see useSignOut). */
  signOut: () => Promise<void>;
  /** True from this page's own sign-out until someone signs in again: its session's end is not news to tell. */
  signedOutHere: () => boolean;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Provides the session to the tree. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>(() => (PUBLIC_PATHS.includes(window.location.pathname) ? 'idle' : 'loading'));
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Set before the logout request: the server closes this page's socket as it ends the session, and that close can
  // arrive before the request's answer does.
  const signingOut = useRef(false);
  const signedOutHere = useCallback(() => signingOut.current, []);
  // Whose offline copies were checked against their groups on this page (see reload).
  const prunedFor = useRef<string | null>(null);

  const reload = useCallback(async () => {
    setStatus((s) => (s === 'idle' ? 'loading' : s));
    try {
      const next = await getSession();
      if (!next) {
        setMe(null);
        setError(null);
        setStatus('signedOut');
        return;
      }
      // Before any plan opens: offline copies kept for someone whose session ended elsewhere are not theirs.
      signingOut.current = false;
      await claimCachedPlans(next.user.id).catch((err: unknown) => console.warn('Could not check the offline plan copies', err));
      setMe(next);
      setError(null);
      setStatus('signedIn');
      // Copies of plans whose group this person left while this browser was closed go (in the background), once per
      // person and page: reloads after membership changes would list every group's plans again, and a removal while
      // the page is open is handled on `access:revoked` (AccessRevokedWatcher).
      if (prunedFor.current !== next.user.id) {
        prunedFor.current = next.user.id;
        pruneRevokedPlanCopies().catch((err: unknown) => console.warn('Offline plan copies were not checked', err));
      }
      // The language is remembered per person: their profile's applies on any device, except
      // that a choice made on the sign-in page just before becomes their profile's choice.
      const chosen = takeSignedOutChoice();
      const lng = chosen ?? asLanguage(next.user.locale);
      if (lng) await applyLanguage(lng, true);
      if (chosen && chosen !== asLanguage(next.user.locale)) {
        saveLocale(chosen).catch((err: unknown) => console.warn('Could not save the language', err));
      }
    } catch (err) {
      setMe(null);
      if (err instanceof ApiError && err.status === 401) {
        setError(null);
        setStatus('signedOut');
      } else {
        setError(err);
        setStatus('error');
      }
    }
  }, []);

  useEffect(() => {
    if (!PUBLIC_PATHS.includes(window.location.pathname)) void reload();
  }, [reload]);

  useEffect(() => {
    // A 401 anywhere means the session ended (expired, revoked): re-check, which leads to sign-in.
    // A session that ended elsewhere (another tab, an admin, expiry) keeps the offline plan copies: nobody here chose to
    // drop edits that may not have reached the server yet. They sync when the same person signs in again (the server
    // authorizes every write), and claimCachedPlans deletes them if someone else signs in on this browser.
    onUnauthenticated(() => void reload());
    return () => onUnauthenticated(null);
  }, [reload]);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await logout();
    } finally {
      setMe(null);
      setStatus('signedOut');
      // Offline copies of plans would otherwise stay on this (possibly shared) device. Only this explicit sign-out
      // deletes them, and it asks first while edits are unconfirmed (useSignOut).
      await clearCachedPlans().catch((err: unknown) => console.warn('Could not clear offline plan copies', err));
    }
  }, []);

  const value = useMemo<SessionApi>(
    () => ({ status, me, error, reload, signOut, signedOutHere }),
    [status, me, error, reload, signOut, signedOutHere],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session API. */
export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only valid below RequireSession. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
