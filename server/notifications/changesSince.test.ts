import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, getBody, insertActivity, writeWorkPlanTemplate } from '../../shared/planModel.js';
import { changesSince, takeSnapshot, visitHeadings } from './changesSince.js';

/** The XmlText of the n-th top-level block. */
function textOf(doc: Y.Doc, index: number): Y.XmlText {
  const el = getBody(doc).get(index) as Y.XmlElement;
  return el.get(0) as Y.XmlText;
}

/** A document as the server would hold it after a reload: state only, no history (compaction). */
function reloaded(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function plan(): Y.Doc {
  const doc = new Y.Doc();
  writeWorkPlanTemplate(doc, 'es');
  insertActivity(doc, { id: 'act-1', title: 'Capacitación' });
  insertActivity(doc, { id: 'act-2', title: 'Campaña' });
  return doc;
}

describe('changesSince', () => {
  it('reports nothing when nothing changed', () => {
    const doc = plan();
    expect(changesSince(doc, takeSnapshot(doc), undefined, visitHeadings(doc))).toEqual({ changedSections: [], removedSections: [], addedActivityIds: [], changedActivityIds: [], removedActivities: 0 });
  });

  it('names the section of an insertion, a deletion and a formatting change, and the heading a renamed heading got', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    // blocks: 0 title, 1 Objetivos, 2 hint, 3 Líneas de trabajo, 4 hint, 5 Actividades, 6 hint, 7 Indicadores, 8 hint, …
    textOf(doc, 2).insert(0, 'Reducir la trata. ');
    textOf(doc, 8).delete(0, 6);
    const changed = changesSince(reloaded(doc), snap);
    expect(changed.changedSections).toEqual(['Objetivos', 'Indicadores']);
    expect(changed.changedActivityIds).toEqual([]);

    const snap2 = takeSnapshot(doc);
    textOf(doc, 3).insert(textOf(doc, 3).length, ' prioritarias');
    textOf(doc, 6).format(0, 4, { bold: true });
    expect(changesSince(doc, snap2).changedSections).toEqual(['Líneas de trabajo prioritarias', 'Actividades']);
  });

  it('attributes a deleted block to the section it was in', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    getBody(doc).delete(4, 1);
    expect(changesSince(reloaded(doc), snap).changedSections).toEqual(['Líneas de trabajo']);
  });

  it('sees text typed after the visit even when Yjs merged it with older text of the same client', () => {
    const doc = plan();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Primera parte')]);
    getBody(doc).push([p]);
    const snap = takeSnapshot(doc);
    const t = p.get(0) as Y.XmlText;
    t.insert(t.length, ' y segunda parte');
    const copy = reloaded(doc);
    expect(changesSince(copy, snap).changedSections).toEqual(['Mecanismos de coordinación']);
  });

  it('reports added and edited activities apart, not untouched ones', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    getActivities(doc).get(1).set('status', 'in_progress');
    insertActivity(doc, { id: 'act-3', title: 'Nueva' });
    // Filled in after it was added: still an addition, not a change.
    getActivities(doc).get(2).set('status', 'done');
    const changed = changesSince(reloaded(doc), snap);
    expect(changed.addedActivityIds).toEqual(['act-3']);
    expect(changed.changedActivityIds).toEqual(['act-2']);
  });

  it('tells every activity as added after a visit to a plan that had none', () => {
    const doc = new Y.Doc();
    writeWorkPlanTemplate(doc, 'es');
    const snap = takeSnapshot(doc);
    insertActivity(doc, { id: 'act-1', title: 'Primera' });
    insertActivity(doc, { id: 'act-2', title: 'Segunda' });
    expect(changesSince(reloaded(doc), snap)).toMatchObject({ addedActivityIds: ['act-1', 'act-2'], changedActivityIds: [], removedActivities: 0 });
  });

  it('counts activities deleted since the visit (their ids went with them), and one added and deleted since as nothing', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    insertActivity(doc, { id: 'act-9', title: 'Efímera' });
    getActivities(doc).delete(getActivities(doc).length - 1, 1);
    getActivities(doc).delete(0, 1);
    const changed = changesSince(reloaded(doc), snap);
    expect(changed.removedActivities).toBe(1);
    expect(changed.changedActivityIds).toEqual([]);
    expect(changed.addedActivityIds).toEqual([]);
  });

  it('counts a value removed from an activity and ignores text added and removed again since the visit', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    getActivities(doc).get(0).delete('indicator');
    const t = textOf(doc, 2);
    t.insert(0, 'borrador');
    t.delete(0, 'borrador'.length);
    const changed = changesSince(reloaded(doc), snap);
    expect(changed.changedActivityIds).toEqual(['act-1']);
    expect(changed.changedSections).toEqual([]);
  });

  it('names a section deleted since the visit, heading and all, instead of the section above it', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    const headings = visitHeadings(doc);
    expect(headings.map((h) => h.text).slice(0, 4)).toEqual(['Plan de trabajo conjunto', 'Objetivos', 'Líneas de trabajo', 'Actividades']);
    // blocks: … 3 Líneas de trabajo, 4 hint, 5 Actividades, …: the whole «Líneas de trabajo» section goes.
    getBody(doc).delete(3, 2);
    const changed = changesSince(reloaded(doc), snap, undefined, headings);
    expect(changed.removedSections).toEqual(['Líneas de trabajo']);
    expect(changed.changedSections).toEqual([]);
    // Without the visit's headings (a visit recorded before they were kept) the old reading stands.
    expect(changesSince(reloaded(doc), snap).changedSections).toEqual(['Objetivos']);
  });

  it('a deleted heading whose text stays reads as removed, and later edits in its text show under the section above', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    const headings = visitHeadings(doc);
    getBody(doc).delete(7, 1); // «Indicadores»; its hint paragraph now follows «Actividades»
    textOf(doc, 7).insert(0, 'Meta: ');
    const changed = changesSince(reloaded(doc), snap, undefined, headings);
    expect(changed.removedSections).toEqual(['Indicadores']);
    expect(changed.changedSections).toEqual(['Actividades']);
  });

  it('a heading the reader deleted is not news to them, nor one added and deleted since the visit', () => {
    const doc = plan();
    const snap = takeSnapshot(doc);
    const headings = visitHeadings(doc);
    const h = new Y.XmlElement('heading');
    h.insert(0, [new Y.XmlText('Efímera')]);
    getBody(doc).insert(1, [h]);
    getBody(doc).delete(1, 1);
    const before = Y.encodeStateVector(doc);
    getBody(doc).delete(3, 1); // «Líneas de trabajo», by the reader
    const byReader = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before)).ds;
    const deletes = new Map([...byReader.clients].map(([client, items]) => [client, items.map((i) => ({ clock: i.clock, len: i.len }))]));
    const changed = changesSince(reloaded(doc), snap, { clients: new Set(), deletes }, headings);
    expect(changed.removedSections).toEqual([]);
  });
});

