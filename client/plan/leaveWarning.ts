/**
 * The browser's "leave this page?" question before a tab is closed or reloaded while edits made here have not
 * reached the server and cannot now (the plan's socket or the browser is offline). They are kept in this browser
 * (the offline copy, unloadRescue) and sent when a plan of theirs is next open here, but until then nobody else sees
 * them: someone closing a laptop after a meeting without a connection should know. Leaving inside the app asks
 * nothing (a closed plan's copy is sent by offlineCopySync while the tab stays open), nor does an edit the server
 * will confirm within milliseconds.
 */
import { useEffect, useRef } from 'react';

/** While mounted, asks before the tab goes whenever `holdsUnsent()` (read as it goes) is true. */
export function useLeaveWarning(holdsUnsent: () => boolean): void {
  const read = useRef(holdsUnsent);
  read.current = holdsUnsent;
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!read.current()) return;
      // Browsers show their own words; `returnValue` is still what older ones need to ask at all.
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
