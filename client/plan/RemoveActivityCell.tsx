/** The last cell of an editable activity row: remove, asked first. */
import { useEffect, useRef, useState } from 'react';
import type { ActivityRowTexts } from './activityRowTexts.js';

/**
 * "Remove", then "Confirm" / "Cancel" in its place. As the app's other confirmations do, the focus goes to the harmless
 * choice, and back to "Remove" when the question is dismissed (Cancel or Escape): it landed on "Confirm", so a second
 * Enter removed the row, and Escape did nothing.
 */
export function RemoveActivityCell({ n, texts, onRemove }: { n: number; texts: ActivityRowTexts; onRemove: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Only a dismissed question hands the focus back: the first render must not take it.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  }, [confirming]);
  const cancel = () => {
    returnFocus.current = true;
    setConfirming(false);
  };

  return (
    <td
      className="actions-cell"
      onKeyDown={(e) => {
        if (confirming && e.key === 'Escape') {
          e.stopPropagation();
          cancel();
        }
      }}
    >
      {confirming ? (
        <>
          <button type="button" className="btn btn-danger btn-small" data-testid="confirm-remove-activity" aria-label={texts.confirmRemoveNamed(n)} onClick={onRemove}>
            {texts.confirmRemove}
          </button>
          <button ref={cancelButton} type="button" className="btn btn-ghost btn-small" onClick={cancel}>
            {texts.cancel}
          </button>
        </>
      ) : (
        <button ref={opener} type="button" className="btn btn-ghost btn-small" data-testid="remove-activity" aria-label={texts.removeNamed(n)} onClick={() => setConfirming(true)}>
          {texts.remove}
        </button>
      )}
    </td>
  );
}
