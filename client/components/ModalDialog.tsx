/** A modal `<dialog>`: the browser traps focus in it, Escape closes it, and focus returns to what opened it. */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface Props {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

// The app's stylesheet has no dialog rule: a card, as wide as a form needs, centred by the browser.
const DIALOG_STYLE = { width: 'min(30rem, calc(100vw - 2rem))', margin: 'auto' } as const;

/** Shown with `showModal()` while `open`; `onClose` hears Escape and any other way the dialog closed. */
export function ModalDialog({ open, title, onClose, children, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // In the body, not where it is opened from: a table cell's rules (no wrapping, narrow inputs) would reach into it.
  return createPortal(
    <dialog ref={ref} className="card" style={DIALOG_STYLE} aria-labelledby={titleId} onClose={onClose} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {open && children}
    </dialog>,
    document.body,
  );
}
