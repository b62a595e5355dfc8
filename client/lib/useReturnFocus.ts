/**
 * Focus back on the control that opened a box (a reply or edit composer) once the box closes, if focus went down
 * with it: otherwise a keyboard user who sent a reply with Ctrl+Enter, or left it with Escape, was put back at the
 * top of the page (the page's focus rescue found nothing nearer than <main>).
 */
import { useLayoutEffect, useRef } from 'react';

/** A ref for the opener; after `open` turns false, the opener takes focus if nothing else holds it. */
export function useReturnFocus<T extends HTMLElement>(open: boolean) {
  const opener = useRef<T>(null);
  const wasOpen = useRef(open);
  // A layout effect: it runs before the focus rescue, which waits for the browser to report the loss.
  useLayoutEffect(() => {
    const closed = wasOpen.current && !open;
    wasOpen.current = open;
    if (!closed) return;
    const holder = document.activeElement;
    if (holder === null || holder === document.body || !holder.isConnected) opener.current?.focus();
  }, [open]);
  return opener;
}
