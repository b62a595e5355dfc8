import { describe, expect, it } from 'vitest';
import { mergeByUser, type PresenceLike } from './presenceMerge.js';

const permutations = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));

describe('mergeByUser', () => {
  it('gives one person the same entry whatever order their tabs are read in: active first, then a plan, then a section', () => {
    const tabs: PresenceLike[] = [
      { userId: 'u1', state: 'idle', documentId: 'd2', section: null },
      { userId: 'u1', state: 'active', documentId: null, section: null },
      { userId: 'u1', state: 'active', documentId: null, section: 'decisions' },
      { userId: 'u1', state: 'idle', documentId: null, section: 'meeting' },
    ];
    for (const order of permutations(tabs)) expect(mergeByUser(order)).toEqual([{ userId: 'u1', state: 'active', documentId: null, section: 'decisions' }]);
    const twoPlans: PresenceLike[] = [
      { userId: 'u2', state: 'active', documentId: 'd9' },
      { userId: 'u2', state: 'active', documentId: 'd3' },
    ];
    for (const order of permutations(twoPlans)) expect(mergeByUser(order)).toEqual([{ userId: 'u2', state: 'active', documentId: 'd3' }]);
  });

  it('keeps one entry per person', () => {
    const merged = mergeByUser([
      { userId: 'a', state: 'idle' },
      { userId: 'b', state: 'active' },
      { userId: 'a', state: 'active', documentId: 'd1' },
    ]);
    expect(merged.map((e) => [e.userId, e.state, e.documentId])).toEqual([
      ['a', 'active', 'd1'],
      ['b', 'active', undefined],
    ]);
  });
});
