/** Whether the first-run setup page should show its form, or send the visitor on because setup is done. */
import { useEffect, useState } from 'react';
import { isAbort } from '../api/http.js';
import { setupStatus } from '../api/session.js';
import { useSession } from '../session/SessionContext.js';

/** `needed`: show the form; `signedIn`/`signedOut`: the instance is set up, go home or to sign-in. */
export type SetupGate = 'checking' | 'needed' | 'signedIn' | 'signedOut';

/** Asks the server once, on arrival; a setup completed on this page afterwards keeps the page as it is. */
export function useSetupGate(): SetupGate {
  const { status, reload } = useSession();
  const [needsSetup, setNeedsSetup] = useState<boolean | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setupStatus(ctl.signal).then(setNeedsSetup, (err: unknown) => {
      // Status unknown: show the form; submitting it still reports an instance already set up.
      if (!isAbort(err)) setNeedsSetup(true);
    });
    return () => ctl.abort();
  }, []);

  // /setup is a public page, so the session was not checked on arrival; it decides where to go.
  useEffect(() => {
    if (needsSetup === false && status === 'idle') void reload();
  }, [needsSetup, status, reload]);

  if (needsSetup === null) return 'checking';
  if (needsSetup) return 'needed';
  if (status === 'signedIn') return 'signedIn';
  if (status === 'idle' || status === 'loading') return 'checking';
  return 'signedOut';
}
