/**
 * A count of open comment threads in the activities table (on a cell, or on a whole activity in its row's number
 * cell): calm, in the plan's colour; pressed, the margin opens the next of them.
 */
import { CommentIcon } from './icons.js';

interface Props {
  threadIds: readonly string[];
  /** What it counts, in words ("2 comentarios abiertos sobre Fin, actividad 3"). */
  label: string;
  className: string;
  testId: string;
  onOpen: (threadIds: readonly string[]) => void;
}

/** The marker button: an icon and the number, named in full for assistive technology. */
export function ThreadCountMarker({ threadIds, label, className, testId, onOpen }: Props) {
  return (
    <button type="button" className={className} data-testid={testId} aria-label={label} onClick={() => onOpen(threadIds)}>
      <CommentIcon />
      <span aria-hidden="true">{threadIds.length}</span>
    </button>
  );
}
