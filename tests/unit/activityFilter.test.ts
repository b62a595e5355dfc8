/** The activities table's search: every word, accents and case aside, over the row's texts; found rows stay found. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, insertActivity, readActivity, type Activity } from '../../shared/planModel.js';
import { filterActivities } from '../../client/plan/activityFilter.js';

const doc = new Y.Doc();
/** A row of the plan as the table's store holds it. */
function snapshot(fields: Partial<Activity> & { id: string }) {
  insertActivity(doc, fields);
  const row = getActivities(doc).get(getActivities(doc).length - 1);
  return { row, activity: readActivity(row) };
}

describe('filterActivities', () => {
  const rows = [
    snapshot({ id: 'a', title: 'Capacitación a fiscalías', description: 'Sonora y Sinaloa' }),
    snapshot({ id: 'b', title: 'Mesa regional', target: '30 fiscales capacitados', municipalityCodes: ['26030'] }),
    snapshot({ id: 'c', title: 'Operativo conjunto', indicator: 'Armas aseguradas' }),
  ];

  it('finds rows holding every word, without regard to accents or case, in title, description, target, indicator and municipalities', () => {
    expect(filterActivities(rows, 'CAPACITACION')).toEqual([0]);
    expect(filterActivities(rows, 'capacit')).toEqual([0, 1]);
    expect(filterActivities(rows, 'capacit  sonora')).toEqual([0]);
    expect(filterActivities(rows, 'armas')).toEqual([2]);
    expect(filterActivities(rows, '26030')).toEqual([1]);
    // 26030 is Hermosillo in INEGI's catalog: the name finds it too, accents and case aside.
    expect(filterActivities(rows, 'hermosillo')).toEqual([1]);
    expect(filterActivities(rows, 'fiscalías operativo')).toEqual([]);
  });

  it('shows every row for an empty query', () => {
    expect(filterActivities(rows, '   ')).toBeNull();
  });

  it('keeps rows found before in the list, and adds the rows it finds', () => {
    const kept = new Set<Y.Map<unknown>>([rows[2].row]);
    expect(filterActivities(rows, 'sonora', kept)).toEqual([0, 2]);
    expect(kept.has(rows[0].row)).toBe(true);
  });
});
