import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, MAX_ACTIVITY_MUNICIPALITIES, readActivities } from './planModel.js';

describe('readActivities', () => {
  it('reads text fields written as other shared types or values: text as text, numbers as digits, maps and arrays as empty', () => {
    const doc = new Y.Doc();
    const row = new Y.Map<unknown>();
    getActivities(doc).push([row]);
    row.set('id', 'a1');
    const title = new Y.Text();
    row.set('title', title);
    title.insert(0, 'Operativo conjunto');
    row.set('description', new Y.Map());
    row.set('target', 250);
    row.set('indicator', ['personas']);
    const [a] = readActivities(doc);
    expect(a).toMatchObject({ id: 'a1', title: 'Operativo conjunto', description: '', target: '250', indicator: '' });
  });

  it('reads each place once and bounds the municipalities: one row repeating a code cannot bloat every member\'s matrix', () => {
    const doc = new Y.Doc();
    const row = new Y.Map<unknown>();
    getActivities(doc).push([row]);
    row.set('id', 'a1');
    row.set('stateCodes', Array.from({ length: 60_000 }, (_, i) => (i % 2 ? '21' : '07')));
    const many = Array.from({ length: 3000 }, (_, i) => `21${String(i % 999 + 1).padStart(3, '0')}`);
    row.set('municipalityCodes', ['21114', '21114', ...many]);
    const [a] = readActivities(doc);
    expect(a.stateCodes).toEqual(['07', '21']);
    expect(a.municipalityCodes.slice(0, 2)).toEqual(['21114', '21001']);
    expect(new Set(a.municipalityCodes).size).toBe(a.municipalityCodes.length);
    expect(a.municipalityCodes.length).toBe(999);
    row.set('municipalityCodes', [...Array.from({ length: 3000 }, (_, i) => `${String((i % 32) + 1).padStart(2, '0')}${String(Math.floor(i / 32) + 1).padStart(3, '0')}`)]);
    expect(readActivities(doc)[0].municipalityCodes.length).toBe(MAX_ACTIVITY_MUNICIPALITIES);
  });
});
