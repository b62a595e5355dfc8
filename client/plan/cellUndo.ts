/**
 * Undo and redo for the activities table. Its inputs are controlled by the plan (the browser's own undo has
 * nothing to go back to), and the prose editor's undo covers only the prose: this one covers what this person
 * did in the table (field edits, rows added or removed), never anyone else's changes.
 */
import * as Y from 'yjs';

/** Transaction origin of a person's own edits in the table (rebased merges are not theirs to undo). */
export const CELL_EDIT = Object.freeze({ source: 'activities-table' });

/** An undo manager over the activities that tracks only CELL_EDIT transactions; keystrokes within 500 ms form one step. */
export function createCellUndo(activities: Y.Array<Y.Map<unknown>>): Y.UndoManager {
  return new Y.UndoManager(activities, { trackedOrigins: new Set<unknown>([CELL_EDIT]), captureTimeout: 500 });
}

/** Handles Ctrl/Cmd+Z (undo) and Ctrl/Cmd+Shift+Z or Ctrl+Y (redo) in the table's fields; true when it did. */
export function handleCellUndoKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; preventDefault(): void }, manager: Y.UndoManager): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return false;
  const key = event.key.toLowerCase();
  const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
  const undo = key === 'z' && !event.shiftKey;
  if (!undo && !redo) return false;
  event.preventDefault();
  if (undo) manager.undo();
  else manager.redo();
  return true;
}
