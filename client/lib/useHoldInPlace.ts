/**
 * Keeps an element where it is on the screen while the page around it changes for a few seconds: a form's
 * confirmation while the list above the form gains the row it just added, a row's while its new name sorts it
 * elsewhere. The browser's scroll anchoring keeps the first visible element from the top still, often a row of that
 * list, so the form and its confirmation were pushed down (on a phone, a new card pushed them off the screen).
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** How long after `hold()` a change above still moves the page back: the list's reload is one request away. */
const HOLD_MS = 5000;
/** The one element held: the page can keep only one thing still, the last one the person acted on. */
let holding: (() => void) | null = null;

/**
 * `ref` for the element; `hold()` keeps it where it is now on the screen (or wherever a scroll then puts it) for
 * HOLD_MS, `release()` sooner (once what it showed is gone, its own moves are not the page's).
 */
export function useHoldInPlace<T extends HTMLElement>(): { ref: RefObject<T | null>; hold: () => void; release: () => void } {
  const ref = useRef<T>(null);
  const release = useRef<(() => void) | null>(null);

  const hold = useCallback(() => {
    holding?.();
    const el = ref.current;
    if (!el) return;
    let top = el.getBoundingClientRect().top;
    // Both answer before paint: the page is moved back before anyone sees it move.
    const follow = () => {
      const moved = el.getBoundingClientRect().top - top;
      if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
    };
    // The page growing or shrinking; and rows put in another order, which moves the element without resizing anything.
    const resized = new ResizeObserver(follow);
    const mutated = new MutationObserver(follow);
    // A scroll (the person's, ours, or the browser's own anchoring) sets where the element now belongs.
    const rebase = () => {
      top = el.getBoundingClientRect().top;
    };
    resized.observe(document.documentElement);
    mutated.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.addEventListener('scroll', rebase, { passive: true });
    const end = () => {
      resized.disconnect();
      mutated.disconnect();
      window.removeEventListener('scroll', rebase);
      window.clearTimeout(timer);
      release.current = null;
      if (holding === end) holding = null;
    };
    const timer = window.setTimeout(end, HOLD_MS);
    release.current = end;
    holding = end;
  }, []);

  const stop = useCallback(() => release.current?.(), []);
  useEffect(() => stop, [stop]);
  return { ref, hold, release: stop };
}
