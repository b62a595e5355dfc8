/** Two people setting one single-value cell at once: the one whose value was replaced unseen is told, nobody else. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { watchLostCellValues, type LostCellValue } from '../../client/plan/lostCellValues.js';
import { getActivities, insertActivity } from '../../shared/planModel.js';

/** Two peers; `sync()` exchanges everything each has that the other lacks. */
function pair(ids: [number, number]) {
  const docs = ids.map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    return doc;
  });
  const lost: LostCellValue[][] = docs.map(() => []);
  docs.forEach((doc, i) => watchLostCellValues(doc, (l) => lost[i].push(l)));
  const sync = () => {
    const [a, b] = docs;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'net');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'net');
  };
  insertActivity(docs[0], { id: 'act-1', title: 'Patrullaje', status: 'planned' });
  sync();
  const row = (i: number) => getActivities(docs[i]).get(0);
  const set = (i: number, key: string, value: string) => docs[i].transact(() => row(i).set(key, value));
  return { docs, lost, sync, row, set };
}

describe('lost single-value cells', () => {
  it('tells the one whose concurrent value lost, with both values, whichever client id wins', () => {
    for (const ids of [
      [1, 2],
      [2, 1],
    ] as [number, number][]) {
      const p = pair(ids);
      p.set(0, 'status', 'completed');
      p.set(1, 'status', 'in_progress');
      p.sync();
      const final = p.row(0).get('status');
      expect(p.row(1).get('status')).toBe(final);
      const loser = final === 'completed' ? 1 : 0;
      expect(p.lost[loser]).toEqual([{ activityId: 'act-1', key: 'status', ours: loser === 0 ? 'completed' : 'in_progress', theirs: final }]);
      expect(p.lost[1 - loser]).toEqual([]);
    }
  });

  it('says nothing when the other person changed the value after seeing this one, or chose the same', () => {
    const p = pair([1, 2]);
    p.set(0, 'endDate', '2027-05-01');
    p.sync();
    p.set(1, 'endDate', '2027-06-30');
    p.sync();
    expect(p.row(0).get('endDate')).toBe('2027-06-30');
    p.set(0, 'status', 'completed');
    p.set(1, 'status', 'completed');
    p.sync();
    expect(p.lost).toEqual([[], []]);
  });

  it('leaves text fields to the merge, and tells of each lost field once', () => {
    const p = pair([1, 2]);
    p.set(0, 'title', 'Patrullaje A');
    p.set(1, 'title', 'Patrullaje B');
    p.set(0, 'startDate', '2027-01-10');
    p.set(1, 'startDate', '2027-02-10');
    p.set(0, 'mandateArea', 'corruption');
    p.set(1, 'mandateArea', 'money_laundering');
    p.sync();
    p.sync();
    const told = [...p.lost[0], ...p.lost[1]].map((l) => l.key).sort();
    expect(told).toEqual(['mandateArea', 'startDate']);
  });
});
