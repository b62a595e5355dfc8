import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyToMarkdown, getActivities, getBody, insertActivity, readActivities, writeWorkPlanTemplate } from '../../shared/planModel.js';
import { restorePlan } from './restorePlan.js';

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

const content = (doc: Y.Doc) => ({ body: bodyToMarkdown(getBody(doc)), activities: readActivities(doc) });

describe('restorePlan', () => {
  it('makes body and activities equal to the version, as a forward change that syncs to a replica', () => {
    const live = new Y.Doc();
    writeWorkPlanTemplate(live, 'es');
    insertActivity(live, { id: 'a1', title: 'Taller', stateCodes: ['08'] });
    insertActivity(live, { id: 'a2', title: 'Mesa técnica' });
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(live));
    const expected = content(version);

    // After the version: prose added and changed, one activity edited, one removed, one added, reordered.
    live.transact(() => {
      getBody(live).insert(2, [paragraph('Párrafo nuevo')]);
      (getBody(live).get(4) as Y.XmlElement).insert(0, [new Y.XmlText('Cambio ')]);
      getActivities(live).get(0).set('title', 'Taller regional');
      getActivities(live).get(0).set('extra', 'campo');
      getActivities(live).delete(1, 1);
    });
    insertActivity(live, { id: 'a3', title: 'Nueva' });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
    const untouched = getBody(live).get(0);

    const before = Y.encodeStateVector(live);
    live.transact(() => restorePlan(live, version));
    expect(content(live)).toEqual(expected);
    expect(getActivities(live).get(0).has('extra')).toBe(false);
    // Unchanged blocks keep their identity: concurrent edits inside them are not lost.
    expect(getBody(live).get(0)).toBe(untouched);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live, Y.encodeStateVector(replica)));
    expect(content(replica)).toEqual(expected);
    expect(Y.encodeStateVector(live)).not.toEqual(before);
  });

  it('restores a body that holds characters and values among its blocks (stored before they were refused) without them', () => {
    const live = new Y.Doc();
    writeWorkPlanTemplate(live, 'es');
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(live));
    // Written as a client's getText('body') or a raw insert would: characters and values where blocks belong.
    (getBody(version) as unknown as Y.Array<unknown>).insert(1, ['x', 42, { a: 1 }]);
    (getBody(version).get(0) as unknown as Y.Array<unknown>).insert(0, ['y']);
    getBody(live).insert(0, [paragraph('Añadido después')]);
    (getBody(live) as unknown as Y.Array<unknown>).insert(2, ['z']);
    live.transact(() => restorePlan(live, version));
    const blocks = getBody(live).toArray();
    expect(blocks.every((n) => n instanceof Y.XmlElement || n instanceof Y.XmlText)).toBe(true);
    const template = new Y.Doc();
    writeWorkPlanTemplate(template, 'es');
    expect(bodyToMarkdown(getBody(live))).toBe(bodyToMarkdown(getBody(template)));
  });

  it('restores the order of reordered activities and clears an emptied body', () => {
    const version = new Y.Doc();
    insertActivity(version, { id: 'x', title: 'X' });
    insertActivity(version, { id: 'y', title: 'Y' });
    const live = new Y.Doc();
    getBody(live).insert(0, [paragraph('sobra')]);
    insertActivity(live, { id: 'y', title: 'Y' });
    insertActivity(live, { id: 'x', title: 'X cambiada' });
    insertActivity(live, { id: 'x', title: 'duplicada' });
    live.transact(() => restorePlan(live, version));
    expect(content(live)).toEqual(content(version));
  });
});
