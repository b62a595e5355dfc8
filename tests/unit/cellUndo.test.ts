/**
 * The activities table's undo: one step per press, only this person's edits, never a step someone else
 * overwrote traded for an older one (a whole row went that way with Yjs's undo manager).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeField } from '../../client/plan/activityCells.js';
import { attachCellUndo } from '../../client/plan/cellUndo.js';
import { installFieldRebase } from '../../client/plan/fieldRebase.js';
import { getActivities, insertActivity, readActivities } from '../../shared/planModel.js';

/** Two peers kept in sync at once (each change delivered right away), on one activity titled `title`. */
function pair(title = '') {
  const [ana, beto] = [1, 2].map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    installFieldRebase(doc);
    return doc;
  });
  ana.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(beto, u, 'net'));
  beto.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(ana, u, 'net'));
  insertActivity(ana, { id: 'act-1', title });
  const { undo } = attachCellUndo(ana, getActivities(ana));
  const row = (doc: Y.Doc) => getActivities(doc).get(0);
  /** Types into a field as the table does: one write per keystroke. */
  const type = (doc: Y.Doc, key: 'title' | 'target', text: string) => {
    for (const c of text) {
      const shown = (row(doc).get(key) as string) ?? '';
      writeField(row(doc), key, shown + c, shown);
    }
  };
  return { ana, beto, undo, row, type };
}

describe('activities table undo', () => {
  it('takes out only this person’s typing, keeping what someone else added after it, and never removes the row', () => {
    const { ana, beto, undo, row, type } = pair();
    type(ana, 'title', 'Taller');
    type(beto, 'title', ' regional');
    expect(row(ana).get('title')).toBe('Taller regional');
    expect(undo.undo()).toBe(true);
    expect(row(ana).get('title')).toBe(' regional');
    expect(row(beto).get('title')).toBe(' regional');
    // Nothing else of Ana's to undo: the row stays.
    expect(undo.undo()).toBe(false);
    expect(readActivities(beto).map((a) => a.id)).toEqual(['act-1']);
    expect(undo.redo()).toBe(true);
    expect(row(beto).get('title')).toBe('Taller regional');
  });

  it('drops a step whose choice someone else changed since, without undoing an older one instead', () => {
    const { ana, beto, undo, row, type } = pair();
    type(ana, 'target', '120 fiscales');
    undo.stopCapturing();
    writeField(row(ana), 'status', 'in_progress');
    writeField(row(beto), 'status', 'done');
    expect(undo.undo()).toBe(true); // the status step no longer applies: dropped, nothing changes
    expect(row(beto).get('status')).toBe('done');
    expect(row(beto).get('target')).toBe('120 fiscales');
    expect(undo.undo()).toBe(true); // the next press undoes the typing
    expect(row(beto).get('target')).toBe('');
  });

  it('brings back a row this person removed, with its values, and removes it again on redo', () => {
    const { ana, beto, undo, row, type } = pair();
    type(ana, 'title', 'Capacitación');
    insertActivity(beto, { id: 'act-2', title: 'Otra' });
    const activities = getActivities(ana);
    ana.transact(() => {
      undo.recordRemove(row(ana), 0);
      activities.delete(0, 1);
    });
    expect(readActivities(beto).map((a) => a.id)).toEqual(['act-2']);
    undo.undo();
    expect(readActivities(beto).map((a) => [a.id, a.title])).toEqual([
      ['act-1', 'Capacitación'],
      ['act-2', 'Otra'],
    ]);
    undo.redo();
    expect(readActivities(beto).map((a) => a.id)).toEqual(['act-2']);
  });
});

describe('an undo step that someone else typed into', () => {
  it('undoes only this person’s keystrokes, keeping what the other typed between them', () => {
    const { ana, beto, undo, row } = pair('Base');
    const title = (doc: Y.Doc) => row(doc).get('title') as string;
    // Keystrokes alternate, each one delivered at once: Ana appends, Beto inserts at the start.
    const anaTyped = ' finalDeAna';
    const betoTyped = 'InicioDeBeto ';
    for (let i = 0; i < Math.max(anaTyped.length, betoTyped.length); i++) {
      if (i < anaTyped.length) writeField(row(ana), 'title', title(ana) + anaTyped[i], title(ana));
      if (i < betoTyped.length) writeField(row(beto), 'title', betoTyped.slice(0, i + 1) + title(beto).slice(i), title(beto));
    }
    expect(title(ana)).toBe('InicioDeBeto Base finalDeAna');
    expect(undo.undo()).toBe(true);
    expect(title(beto)).toBe('InicioDeBeto Base');
    expect(undo.redo()).toBe(true);
    expect(title(beto)).toBe('InicioDeBeto Base finalDeAna');
  });
});
