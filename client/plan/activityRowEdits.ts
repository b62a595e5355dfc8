/** Adding and removing the activities table's rows, with the focus where a keyboard user expects it after each. */
import { useCallback, type RefObject } from 'react';
import * as Y from 'yjs';
import { activityIdOf, insertActivity } from '../../shared/planModel.js';
import type { CellUndo } from './cellUndo.js';
import { newActivityId } from './newActivityId.js';
import { WINDOWED_MIN_ROWS } from './useRowWindow.js';

interface RowEditsInput {
  ydoc: Y.Doc;
  activities: Y.Array<Y.Map<unknown>>;
  rowCount: number;
  /** True when the plan holds as many rows as the server takes. */
  full: boolean;
  undo: RefObject<CellUndo | null>;
  /** Clears the table's search, so a new (empty) row shows. */
  clearQuery: () => void;
  /** Brings a windowed table's row at `position` into the page, then calls `then` with it. */
  reveal: (position: number, then: (row: HTMLElement) => void) => void;
}

/** The table's `add` (a new last row, its title focused) and `remove` (focus on the next row, undoable). */
export function useActivityRowEdits({ ydoc, activities, rowCount, full, undo, clearQuery, reveal }: RowEditsInput) {
  const add = () => {
    if (full) return;
    // The new row goes last. An empty row matches no search: the search is cleared so it shows.
    clearQuery();
    const willWindow = rowCount + 1 >= WINDOWED_MIN_ROWS;
    const id = newActivityId();
    insertActivity(ydoc, { id });
    // Not an undo step (undoing it would take away whatever others typed in the row; the row has its remove button).
    undo.current?.stopCapturing();
    // Put the cursor in the new row's title so keyboard users can type right away.
    const focusTitle = (row: HTMLElement) => row.querySelector<HTMLInputElement>('input[data-field="title"]')?.focus();
    if (willWindow) {
      // The row is in the table's list once the store has read it: reveal it then (others may have added rows too).
      requestAnimationFrame(() => reveal(rowPosition(activities.toArray(), id), focusTitle));
      return;
    }
    // Found by its id, not as the last row: someone else's row added at the same moment may sort after it, and the
    // person's typing went into that row.
    requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(`[data-testid="activity-row"][data-activity-id="${CSS.escape(id)}"]`);
      if (row) focusTitle(row);
    });
  };
  // Stable, so the memoized rows do not re-render for it.
  const remove = useCallback(
    (row: Y.Map<unknown>) => {
      let neighbour: string | undefined;
      ydoc.transact(() => {
        const i = activities.toArray().indexOf(row);
        if (i < 0) return;
        const next = i + 1 < activities.length ? activities.get(i + 1) : i > 0 ? activities.get(i - 1) : undefined;
        neighbour = next ? activityIdOf(next) : undefined;
        undo.current?.recordRemove(row, i);
        activities.delete(i, 1);
      });
      // Focus stays in the table (on the next row, else on the table itself), where Ctrl+Z brings the row back: it fell
      // to the page, where the keys undo nothing.
      requestAnimationFrame(() => {
        const title = neighbour ? document.querySelector<HTMLElement>(`[data-testid="activity-row"][data-activity-id="${CSS.escape(neighbour)}"] input[data-field="title"]`) : null;
        (title ?? document.querySelector<HTMLElement>('[data-testid="activities-scroll"]'))?.focus();
      });
    },
    [ydoc, activities, undo],
  );
  return { add, remove };
}

/**
 * The table position of the row with `id`: among the list's Y.Map entries only, as the table counts them (another
 * client may put other values in the list; read as rows, they threw here and the new row was never shown).
 */
function rowPosition(entries: readonly unknown[], id: string): number {
  let position = 0;
  for (const entry of entries) {
    if (!(entry instanceof Y.Map)) continue;
    if (activityIdOf(entry) === id) return position;
    position++;
  }
  return -1;
}
