/** Puts the keyboard back on the control that opened something (an inline editor) once it closes. */
import { useEffect, useRef, type RefObject } from 'react';

/** A ref for the opening control, focused whenever `open` goes from true to false. */
export function useFocusOnClose<T extends HTMLElement>(open: boolean): RefObject<T | null> {
  const opener = useRef<T>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return opener;
}
