/** The facilitator's "close the meeting" control: closing freezes the minutes for good, so it asks first. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  disabled: boolean;
  onConfirm: () => void;
}

/**
 * A danger button that turns into an inline confirmation (question, confirm, cancel). Focus goes to
 * "Cancel", the harmless choice, and back to the button when the question is dismissed; Escape cancels.
 */
export function CloseMeetingButton({ disabled, onConfirm }: Props) {
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
        {t('meetings.close')}
      </button>
    );
  }
  return (
    <div
      className="confirm-inline"
      role="group"
      aria-labelledby={`${uid}-question`}
      data-testid="close-meeting-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <p id={`${uid}-question`} className="confirm-inline-question">
        {t('meetings.closeQuestion')}
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
        {t('meetings.closeConfirm')}
      </button>
      <button ref={cancelRef} type="button" className="btn btn-secondary" onClick={cancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
