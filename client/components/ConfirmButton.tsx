/** A danger button for a step that cannot be undone (closing or cancelling a meeting): it asks first. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The button's words, and the step it takes. */
  label: string;
  /** The question asked before taking it, naming what cannot be undone. */
  question: string;
  /** The confirming button's words ("Yes, …"). */
  confirmLabel: string;
  /** The harmless choice's words; "Cancel" unless that would read as the step itself. */
  dismissLabel?: string;
  disabled: boolean;
  onConfirm: () => void;
  testId?: string;
}

/**
 * A danger button that turns into an inline confirmation (question, confirm, dismiss). Focus goes to the
 * harmless choice, and back to the button when the question is dismissed; Escape dismisses.
 */
export function ConfirmButton({ label, question, confirmLabel, dismissLabel, disabled, onConfirm, testId }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [asking, setAsking] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Only a dismissed question hands focus back; the first render must not steal it.
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openerRef.current?.focus();
    }
  }, [asking]);

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button ref={openerRef} type="button" className="btn btn-danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div
      className="confirm-inline"
      role="group"
      aria-labelledby={`${uid}-question`}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <p id={`${uid}-question`} className="confirm-inline-question">
        {question}
      </p>
      <button
        type="button"
        className="btn btn-danger"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button ref={cancelRef} type="button" className="btn btn-secondary" onClick={cancel}>
        {dismissLabel ?? t('common.cancel')}
      </button>
    </div>
  );
}
