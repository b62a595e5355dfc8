/**
 * An action asked first, in place (restore a version, approve it): its button gives way to a question whose confirm
 * button takes the focus; Cancel, Escape or the action done give the focus back to the button. Each step replaces the
 * button pressed, so without this the focus fell to <body>.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** The question's state and focus moves; `busy` holds Escape while the action runs, `onCancel` clears what the question showed. */
export function useConfirmStep({ busy, onCancel }: { busy: boolean; onCancel?: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'confirm' | 'button' | null>(null);
  useEffect(() => {
    const target = focusNext.current === 'confirm' ? confirmRef.current : focusNext.current === 'button' ? buttonRef.current : null;
    focusNext.current = null;
    target?.focus();
  }, [confirming]);

  const ask = () => {
    focusNext.current = 'confirm';
    setConfirming(true);
  };
  /** Back to the button, the focus on it (after Cancel, or once the action is done). */
  const close = () => {
    focusNext.current = 'button';
    setConfirming(false);
  };
  const cancel = () => {
    onCancel?.();
    close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || busy) return;
    // Handled here: the Escape that cancels the question must not also close a panel around it.
    e.preventDefault();
    e.stopPropagation();
    cancel();
  };
  return { confirming, buttonRef, confirmRef, ask, close, cancel, onKeyDown };
}
