/**
 * The activities table asking the comment margin for something: a new comment on a cell or a row, or a cell's
 * thread opened. They sit apart on the page (the margin beside the editor, the table below), so a request goes
 * through here rather than through props the whole page would re-render for.
 */

/** A new comment about one activity, or one of its cells. */
export interface CellCommentStart {
  documentId: string;
  activityId: string;
  /** The cell's field; none: the whole activity, and the composer asks which field first. */
  field?: string;
  /** Where Escape in the composer takes the focus back: the cell, or the row's «Comentar» button. */
  returnFocus: () => void;
}

/** A cell's threads: the margin opens the one after the open one (the first when none of them is open). */
export interface CellThreadOpen {
  documentId: string;
  threadIds: readonly string[];
  /** Where Escape on the opened thread takes the focus back: the cell's marker. */
  returnFocus?: () => void;
}

function channel<T extends { documentId: string }>() {
  const listeners = new Set<(request: T) => void>();
  return {
    /** Sends the request; false when no margin of its plan listens (the reader may not comment). */
    send(request: T): boolean {
      for (const listener of listeners) listener(request);
      return listeners.size > 0;
    },
    /** Listens for requests about `documentId`; returns the unsubscribe function. */
    listen(documentId: string, listener: (request: T) => void): () => void {
      const own = (request: T) => {
        if (request.documentId === documentId) listener(request);
      };
      listeners.add(own);
      return () => listeners.delete(own);
    },
  };
}

/** New comments started from the table. */
export const cellCommentStarts = channel<CellCommentStart>();
/** Cell threads opened from their markers. */
export const cellThreadOpens = channel<CellThreadOpen>();
