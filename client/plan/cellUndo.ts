/**
 * Undo and redo for the activities table. Its inputs are controlled by the plan (the browser's own undo has
 * nothing to go back to), and the prose editor's undo covers only the prose. This one covers what this person did
 * in the table, one step per press: a burst of typing in one field, or a row removed. Undoing a text edit takes
 * that edit out of what the field holds now (a three-way merge), so someone else's later typing stays; a list,
 * date or choice is put back only if nobody changed it since. Yjs's own undo manager was not enough: a step
 * someone else had overwritten was skipped silently and an older one undone instead (a whole row could go).
 */
import * as Y from 'yjs';
import { ACTIVITY_KEYS, type ActivityKey } from '../../shared/planModel.js';
import { MERGED_TEXT_FIELDS, mergeText, writeTextField } from './fieldRebase.js';

/** Keystrokes in one field closer together than this form one step. */
const STEP_MS = 500;
const MAX_STEPS = 100;

type FieldValue = unknown;

type Step =
  | {
      kind: 'field';
      rowId: string;
      key: ActivityKey;
      before: FieldValue;
      after: FieldValue;
      at: number;
      /** What the last undo or redo of this step turned the field from and into: the way back, if nobody changed it since. */
      applied?: { from: FieldValue; to: FieldValue };
    }
  | { kind: 'remove'; rowId: string; index: number; values: Record<string, unknown> };

const plain = (v: unknown): unknown => (v instanceof Y.AbstractType ? v.toJSON() : v);
const same = (a: unknown, b: unknown) => JSON.stringify(plain(a) ?? null) === JSON.stringify(plain(b) ?? null);

/**
 * Whether an edit that found the field holding `current` can join the step `top` (true: the caller extends it).
 * When someone else changed the field since the step's last keystroke, their change would sit in the step's `after`
 * but not in its `before`, and undoing the step would take it out as if this person had typed it (Ana's Ctrl+Z deleted
 * what Beto typed during her burst). Free text takes their change into `before` as well, so the step still holds only
 * this person's keystrokes; any other value starts a step of its own (only a value nobody changed since is put back).
 */
function joinStep(top: Extract<Step, { kind: 'field' }>, current: FieldValue): boolean {
  if (same(top.after, current)) return true;
  if (!MERGED_TEXT_FIELDS.has(top.key) || typeof top.before !== 'string' || typeof top.after !== 'string' || typeof current !== 'string') return false;
  // The field as it would be had this person not typed this step: their change applied to the step's start.
  top.before = mergeText(top.after, top.before, current);
  return true;
}

/** This person's table steps on one plan. */
export class CellUndo {
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];
  private capturing = true;

  constructor(private readonly activities: Y.Array<Y.Map<unknown>>) {}

  /** Records a field edit made through the table (keystrokes in one field within 500 ms join one step). */
  recordField(row: Y.Map<unknown>, key: ActivityKey, before: FieldValue, after: FieldValue): void {
    const rowId = row.get('id');
    if (typeof rowId !== 'string') return;
    const top = this.undoStack.at(-1);
    const now = Date.now();
    const joins = this.capturing && top?.kind === 'field' && top.rowId === rowId && top.key === key && now - top.at < STEP_MS;
    if (joins && joinStep(top, plain(before))) {
      top.after = plain(after);
      top.at = now;
    } else this.push({ kind: 'field', rowId, key, before: plain(before), after: plain(after), at: now });
    this.capturing = true;
  }

  /** Records a row about to be removed through the table. */
  recordRemove(row: Y.Map<unknown>, index: number): void {
    const rowId = row.get('id');
    if (typeof rowId !== 'string') return;
    this.push({ kind: 'remove', rowId, index, values: row.toJSON() });
  }

  /** Forgets every step (after a restore: undoing an edit the restore already replaced would write it in twice). */
  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  /** The next edit starts a step of its own (moving to another field, adding a row). */
  stopCapturing(): void {
    this.capturing = false;
  }

  /** Undoes this person's latest step; false when there is none. */
  undo(): boolean {
    return this.move(this.undoStack, this.redoStack, 'undo');
  }

  /** Redoes the latest undone step; false when there is none. */
  redo(): boolean {
    return this.move(this.redoStack, this.undoStack, 'redo');
  }

  private push(step: Step): void {
    this.undoStack.push(step);
    if (this.undoStack.length > MAX_STEPS) this.undoStack.shift();
    this.redoStack = [];
  }

  private move(from: Step[], to: Step[], direction: 'undo' | 'redo'): boolean {
    const step = from.pop();
    if (!step) return false;
    this.capturing = false;
    // A step that no longer applies (its row is gone, its field changed by someone else) is dropped, never replaced
    // by an older one: one press, at most one step.
    if (this.apply(step, direction)) to.push(step);
    return true;
  }

  private rowById(id: string): { row: Y.Map<unknown>; index: number } | undefined {
    const rows = this.activities.toArray();
    const index = rows.findIndex((r) => r instanceof Y.Map && r.get('id') === id);
    return index < 0 ? undefined : { row: rows[index], index };
  }

  private apply(step: Step, direction: 'undo' | 'redo'): boolean {
    const doc = this.activities.doc;
    if (!doc) return false;
    if (step.kind === 'remove') {
      const found = this.rowById(step.rowId);
      if (direction === 'undo') {
        if (found) return false; // someone put it back already
        const row = new Y.Map<unknown>();
        doc.transact(() => {
          for (const key of ACTIVITY_KEYS) if (key in step.values) row.set(key, step.values[key]);
          this.activities.insert(Math.min(step.index, this.activities.length), [row]);
        });
        return true;
      }
      if (!found) return false;
      doc.transact(() => this.activities.delete(found.index, 1));
      return true;
    }
    const found = this.rowById(step.rowId);
    if (!found) return false;
    const [from, target] = direction === 'undo' ? [step.after, step.before] : [step.before, step.after];
    const current = plain(found.row.get(step.key));
    // Untouched since the last undo or redo of this step: exactly back to what it was.
    const back = step.applied && same(current, step.applied.to) ? step.applied.from : undefined;
    if (back === undefined && MERGED_TEXT_FIELDS.has(step.key) && typeof from === 'string' && typeof target === 'string' && typeof current === 'string') {
      // Take this person's edit out of (or put it back into) what the field holds now.
      const next = current === from ? target : mergeText(from, target, current);
      if (next !== current) writeTextField(found.row, step.key, next);
      step.applied = { from: current, to: next };
      return true;
    }
    const next = back ?? (same(current, from) ? target : undefined);
    if (next === undefined) return false;
    if (typeof next === 'string' && MERGED_TEXT_FIELDS.has(step.key)) writeTextField(found.row, step.key, next);
    else doc.transact(() => found.row.set(step.key, next));
    step.applied = { from: current, to: next };
    return true;
  }
}

const undoByDoc = new WeakMap<Y.Doc, CellUndo>();

/** Makes the table's undo for a plan; the table's field writes record into it until `detach`. */
export function attachCellUndo(doc: Y.Doc, activities: Y.Array<Y.Map<unknown>>): { undo: CellUndo; detach(): void } {
  const undo = new CellUndo(activities);
  undoByDoc.set(doc, undo);
  return { undo, detach: () => undoByDoc.get(doc) === undo && undoByDoc.delete(doc) };
}

/** The table's undo for a plan, if its table is open. */
export function cellUndoOf(doc: Y.Doc | null): CellUndo | undefined {
  return doc ? undoByDoc.get(doc) : undefined;
}

/** Handles Ctrl/Cmd+Z (undo) and Ctrl/Cmd+Shift+Z or Ctrl+Y (redo) in the table's fields; true when it did. */
export function handleCellUndoKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; preventDefault(): void }, manager: CellUndo): boolean {
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
