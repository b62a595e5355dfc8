/** The last cell of an editable activity row: remove, asked first. */
import { useInlineConfirm } from '../lib/useInlineConfirm.js';
import type { ActivityRowTexts } from './activityRowTexts.js';

/**
 * "Remove", then "Confirm" / "Cancel" in its place, with the app's confirmation focus rules (useInlineConfirm): the
 * focus landed on "Confirm", so a second Enter removed the row, and Escape did nothing.
 */
export function RemoveActivityCell({ n, texts, onRemove }: { n: number; texts: ActivityRowTexts; onRemove: () => void }) {
  const confirm = useInlineConfirm();
  return (
    <td className="actions-cell" onKeyDown={confirm.onKeyDown}>
      {confirm.asking ? (
        <>
          <button type="button" className="btn btn-danger btn-small" data-testid="confirm-remove-activity" aria-label={texts.confirmRemoveNamed(n)} onClick={onRemove}>
            {texts.confirmRemove}
          </button>
          <button ref={confirm.cancelRef} type="button" className="btn btn-ghost btn-small" onClick={confirm.dismiss}>
            {texts.cancel}
          </button>
        </>
      ) : (
        <button ref={confirm.openerRef} type="button" className="btn btn-ghost btn-small" data-testid="remove-activity" aria-label={texts.removeNamed(n)} onClick={confirm.ask}>
          {texts.remove}
        </button>
      )}
    </td>
  );
}
