import { describe, expect, it } from 'vitest';
import type { Activity } from '../../shared/planModel.js';
import { sampleActivity } from '../exports/testSupport.js';
import { diffActivities } from './activityDiff.js';

const row = (id: string, title: string): Activity => sampleActivity({ id, title });

describe('diffActivities', () => {
  it('reports added, removed and changed rows by id', () => {
    const d = diffActivities([row('a', 'Uno'), row('b', 'Dos')], [row('b', 'Dos bis'), row('c', 'Tres')]);
    expect(d.added.map((a) => a.id)).toEqual(['c']);
    expect(d.removed.map((a) => a.id)).toEqual(['a']);
    expect(d.changed).toEqual([{ id: 'b', field: 'title', from: 'Dos', to: 'Dos bis', title: 'Dos bis' }]);
  });

  it('shows a second row with an id already used as added or removed, not hidden behind the first', () => {
    const once = [row('o1', 'Original')];
    const twice = [row('o1', 'Original'), row('o1', 'Original')];
    expect(diffActivities(once, twice)).toMatchObject({ added: [{ id: 'o1' }], removed: [], changed: [] });
    expect(diffActivities(twice, once)).toMatchObject({ added: [], removed: [{ id: 'o1' }], changed: [] });
    expect(diffActivities(twice, [row('o1', 'Original'), row('o1', 'Cambiada')]).changed).toEqual([{ id: 'o1', field: 'title', from: 'Original', to: 'Cambiada', title: 'Cambiada' }]);
  });
});
