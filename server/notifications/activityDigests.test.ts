import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { activityDigests, MAX_DIGESTED_ACTIVITIES, sortActivityNews, stillChanged } from './activityDigests.js';

function plan(...ids: string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const id of ids) insertActivity(doc, { id, title: `Fila ${id}` });
  return doc;
}

describe('activity digests for "since your last visit"', () => {
  it('drops an activity changed and changed back, keeps one that reads differently or is new', () => {
    const doc = plan('a', 'b');
    const atVisit = activityDigests(doc);
    getActivities(doc).get(0).set('title', 'Otro título');
    getActivities(doc).get(0).set('title', 'Fila a');
    getActivities(doc).get(1).set('status', 'done');
    insertActivity(doc, { id: 'c', title: 'Nueva' });
    expect(stillChanged(doc, ['a', 'b', 'c'], atVisit)).toEqual(['b', 'c']);
  });

  it('keeps every id when the visit kept no digests, and leaves out ids two rows share', () => {
    const doc = plan('a', 'a', 'b');
    const atVisit = activityDigests(doc);
    expect(Object.keys(atVisit ?? {})).toEqual(['b']);
    expect(stillChanged(doc, ['a', 'b'], atVisit)).toEqual(['a']);
    expect(stillChanged(doc, ['a', 'b'], null)).toEqual(['a', 'b']);
  });

  it('sorts new rows into added activities and activities the visit knew (a row brought back), by the digests', () => {
    const doc = plan('a', 'b');
    const atVisit = activityDigests(doc);
    // «a» deleted and brought back as a new row, as it was; «b» brought back changed; «c» is new.
    getActivities(doc).delete(0, 2);
    insertActivity(doc, { id: 'a', title: 'Fila a' });
    insertActivity(doc, { id: 'b', title: 'Fila b, otra' });
    insertActivity(doc, { id: 'c', title: 'Nueva' });
    const rows = { addedActivityIds: ['a', 'b', 'c'], changedActivityIds: [] };
    expect(sortActivityNews(doc, rows, atVisit)).toEqual({ added: ['c'], changed: ['b'] });
    // No digests kept with the visit: the rows decide.
    expect(sortActivityNews(doc, rows, null)).toEqual({ added: ['a', 'b', 'c'], changed: [] });
    // A visit before there were any activities kept an empty set: all of them are added.
    expect(sortActivityNews(doc, rows, activityDigests(new Y.Doc()))).toEqual({ added: ['a', 'b', 'c'], changed: [] });
  });

  it('keeps none for a plan past the bound', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i <= MAX_DIGESTED_ACTIVITIES; i++) insertActivity(doc, { id: `r${i}`, title: 'x' });
    });
    expect(activityDigests(doc)).toBeNull();
  });
});
