/**
 * Re-reads something a page cannot hear about live (the home page is in no working group's room, so a meeting
 * closing or a stance recorded elsewhere sends it nothing): when the tab comes back into view or focus, and
 * every `everyMs` while it is shown.
 */
import { useEffect, useRef } from 'react';

/** Calls `refresh` on focus, on becoming visible, and periodically while visible. */
export function useRefreshWhileShown(refresh: () => void, everyMs = 30_000): void {
  const ref = useRef(refresh);
  ref.current = refresh;
  useEffect(() => {
    const shown = () => document.visibilityState === 'visible';
    const onShow = () => {
      if (shown()) ref.current();
    };
    const timer = setInterval(onShow, everyMs);
    window.addEventListener('focus', onShow);
    document.addEventListener('visibilitychange', onShow);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onShow);
      document.removeEventListener('visibilitychange', onShow);
    };
  }, [everyMs]);
}
