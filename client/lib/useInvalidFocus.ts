/**
 * For forms whose submit button stays enabled: a disabled one cannot be reached by keyboard and does not say what is
 * missing. A refused submit shows the fields' errors (`tried`) and then moves focus to the first field marked
 * `aria-invalid`, once its error is on screen, so a screen reader reads the error with the field.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

export interface InvalidFocus<T extends HTMLElement> {
  /** On the form (or the element holding its fields). */
  ref: RefObject<T | null>;
  /** Whether a submit was refused since the last reset: show the fields' errors. */
  tried: boolean;
  /** A submit was refused: show the errors and focus the first invalid field. */
  refuse(): void;
  /** The form was sent (or emptied): errors hidden until the next refused submit. */
  reset(): void;
}

export function useInvalidFocus<T extends HTMLElement = HTMLFormElement>(): InvalidFocus<T> {
  const ref = useRef<T>(null);
  // A count, not a flag: a second refused submit must move focus again.
  const [refusals, setRefusals] = useState(0);
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (refusals) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  return {
    ref,
    tried,
    refuse: () => {
      setTried(true);
      setRefusals((n) => n + 1);
    },
    reset: () => setTried(false),
  };
}
