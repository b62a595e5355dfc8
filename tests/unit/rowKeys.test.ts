/** The activity table's row keys: stable while nothing moves, distinct even when two rows share an id. */
import { describe, expect, it } from 'vitest';
import { distinctRowKeys } from '../../client/plan/rowKeys.js';

describe('distinctRowKeys', () => {
  it('gives two rows with one id distinct keys, the first keeping the id', () => {
    const ids = ['a', 'dup', 'b', 'dup', 'dup'];
    const keys = distinctRowKeys(ids.length, (p) => ids[p], []);
    expect(keys).toEqual(['a', 'dup', 'b', 'dup#1', 'dup#2']);
    expect(new Set(keys).size).toBe(ids.length);
  });

  it('returns the same array while every position keeps its key, and a new one when a row moves', () => {
    const ids = ['a', 'b', 'c'];
    const first = distinctRowKeys(3, (p) => ids[p], []);
    expect(distinctRowKeys(3, (p) => ids[p], first)).toBe(first);
    const moved = ['b', 'a', 'c'];
    expect(distinctRowKeys(3, (p) => moved[p], first)).toEqual(['b', 'a', 'c']);
  });

  it('does not collide a repeat with an id that looks like its suffix', () => {
    const ids = ['x', 'x#1', 'x'];
    const keys = distinctRowKeys(ids.length, (p) => ids[p], []);
    expect(new Set(keys).size).toBe(3);
  });
});
