import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { activityDigests, MAX_DIGESTED_ACTIVITIES, sortActivityNews, stillChanged, wholeActivityDigests } from './activityDigests.js';

function plan(...ids: string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const id of ids) insertActivity(doc, { id, title: `Fila ${id}` });
  return doc;
}

const fieldsOf = (doc: Y.Doc) => ({ fields: activityDigests(doc) });

describe('activity digests for "since your last visit"', () => {
  it('drops an activity changed and changed back, keeps one that reads differently or is new, naming the fields that differ', () => {
    const doc = plan('a', 'b');
    const atVisit = fieldsOf(doc);
    getActivities(doc).get(0).set('title', 'Otro título');
    getActivities(doc).get(0).set('title', 'Fila a');
    getActivities(doc).get(1).set('status', 'done');
    getActivities(doc).get(1).set('target', '30 talleres');
    getActivities(doc).get(1).set('endDate', '2027-01-31');
    getActivities(doc).get(1).set('title', 'Otra');
    getActivities(doc).get(1).set('title', 'Fila b');
    insertActivity(doc, { id: 'c', title: 'Nueva' });
    expect(stillChanged(doc, ['a', 'b', 'c'], atVisit)).toEqual([
      { id: 'b', fields: ['endDate', 'status', 'target'] },
      { id: 'c', fields: [] },
    ]);
  });

  it('keeps every id when the visit kept no digests, and leaves out ids two rows share', () => {
    const doc = plan('a', 'a', 'b');
    const atVisit = fieldsOf(doc);
    expect(stillChanged(doc, ['a', 'b'], atVisit)).toEqual([{ id: 'a', fields: [] }]);
    expect(stillChanged(doc, ['a', 'b'], null)).toEqual([{ id: 'a', fields: [] }, { id: 'b', fields: [] }]);
  });

  it('reads a visit kept in the old format (one digest per activity): changed or not, no fields named', () => {
    const doc = plan('a', 'b');
    const atVisit = { fields: null, whole: wholeActivityDigests(doc) };
    getActivities(doc).get(0).set('status', 'done');
    getActivities(doc).get(1).set('status', 'done');
    getActivities(doc).get(1).set('status', 'planned');
    expect(stillChanged(doc, ['a', 'b'], atVisit)).toEqual([{ id: 'a', fields: [] }]);
    // Packed digests of a layout this version does not know read as none kept.
    expect(stillChanged(doc, ['a', 'b'], { fields: new Uint8Array([9, 1, 2]) })).toEqual([{ id: 'a', fields: [] }, { id: 'b', fields: [] }]);
  });

  it('sorts new rows into added activities and activities the visit knew (a row brought back), by the digests', () => {
    const doc = plan('a', 'b');
    const atVisit = fieldsOf(doc);
    // «a» deleted and brought back as a new row, as it was; «b» brought back changed; «c» is new.
    getActivities(doc).delete(0, 2);
    insertActivity(doc, { id: 'a', title: 'Fila a' });
    insertActivity(doc, { id: 'b', title: 'Fila b, otra' });
    insertActivity(doc, { id: 'c', title: 'Nueva' });
    const rows = { addedActivityIds: ['a', 'b', 'c'], changedActivityIds: [] };
    expect(sortActivityNews(doc, rows, atVisit)).toEqual({ added: ['c'], changed: [{ id: 'b', fields: ['title'] }] });
    // No digests kept with the visit: the rows decide.
    expect(sortActivityNews(doc, rows, null)).toEqual({ added: ['a', 'b', 'c'], changed: [] });
    // A visit before there were any activities kept an empty set: all of them are added.
    expect(sortActivityNews(doc, rows, fieldsOf(new Y.Doc()))).toEqual({ added: ['a', 'b', 'c'], changed: [] });
  });

  it('keeps 44 bytes per activity up to the bound, and none past it', () => {
    const doc = new Y.Doc();
    // Rows holding only an id (missing fields read as empty): the bound is about rows.
    getActivities(doc).push(Array.from({ length: MAX_DIGESTED_ACTIVITIES }, (_, i) => new Y.Map<unknown>([['id', `r${i}`]])));
    const digests = activityDigests(doc);
    expect(digests?.byteLength).toBe(1 + 44 * MAX_DIGESTED_ACTIVITIES);
    insertActivity(doc, { id: 'one-more' });
    expect(activityDigests(doc)).toBeNull();
  });
});
