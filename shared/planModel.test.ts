import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, readActivities } from './planModel.js';

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
});
