/** The focus rules of an inline confirmation (a button that turns into "confirm" / "cancel" in its place). */
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/** What an inline confirmation needs: whether it is asking, how to ask and dismiss, and the two buttons' refs. */
export interface InlineConfirm {
  asking: boolean;
  ask: () => void;
  /** Dismisses the question and hands the focus back to the opener. */
  dismiss: () => void;
  /** Closes the question without moving the focus (the step was taken). */
  close: () => void;
  /** Escape dismisses, without closing a panel around the question. */
  onKeyDown: (e: KeyboardEvent) => void;
  openerRef: RefObject<HTMLButtonElement | null>;
  cancelRef: RefObject<HTMLButtonElement | null>;
}

/**
 * The focus goes to the harmless choice when the question opens, and back to the opener when it is dismissed (Cancel
 * or Escape); on "confirm" a second Enter would take the step. The first render does not take the focus.
 */
export function useInlineConfirm(): InlineConfirm {
  const [asking, setAsking] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openerRef.current?.focus();
    }
  }, [asking]);
  const dismiss = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!asking || e.key !== 'Escape') return;
    e.stopPropagation();
    dismiss();
  };
  return { asking, ask: () => setAsking(true), dismiss, close: () => setAsking(false), onKeyDown, openerRef, cancelRef };
}
