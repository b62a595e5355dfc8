/** Whether a CSS media query matches now, followed as the window changes size. */
import { useCallback, useSyncExternalStore } from 'react';

/** True while `query` (e.g. `(max-width: 960px)`) matches; re-renders when that changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
