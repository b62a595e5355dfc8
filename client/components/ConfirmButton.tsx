/** A danger button for a step that cannot be undone (closing or cancelling a meeting): it asks first. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useInlineConfirm } from '../lib/useInlineConfirm.js';

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
  /** 'primary' for a wanted step that still asks first (starting a meeting on another day than scheduled). */
  tone?: 'danger' | 'primary';
}

/**
 * A button (a danger one unless told) that turns into an inline confirmation (question, confirm, dismiss). Focus goes to the
 * harmless choice, and back to the button when the question is dismissed; Escape dismisses.
 */
export function ConfirmButton({ label, question, confirmLabel, dismissLabel, disabled, onConfirm, testId, tone = 'danger' }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const confirm = useInlineConfirm();

  if (!confirm.asking) {
    return (
      <button ref={confirm.openerRef} type="button" className={`btn btn-${tone}`} disabled={disabled} onClick={confirm.ask}>
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
      onKeyDown={confirm.onKeyDown}
    >
      <p id={`${uid}-question`} className="confirm-inline-question">
        {question}
      </p>
      <button
        type="button"
        className={`btn btn-${tone}`}
        disabled={disabled}
        onClick={() => {
          confirm.close();
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button ref={confirm.cancelRef} type="button" className="btn btn-secondary" onClick={confirm.dismiss}>
        {dismissLabel ?? t('common.cancel')}
      </button>
    </div>
  );
}
