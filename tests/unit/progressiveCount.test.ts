/** The activities table's mount limit when rows come and go while the rest of a big table still waits to mount. */
import { describe, expect, it } from 'vitest';
import { limitAfterResize } from '../../client/plan/useProgressiveCount.js';

describe('limitAfterResize', () => {
  it('raises a pending limit by the rows inserted, so the rows already mounted stay mounted', () => {
    expect(limitAfterResize(300, 500, 510)).toBe(310);
    expect(limitAfterResize(100, 250, 251)).toBe(101);
  });

  it('leaves the limit alone when rows are removed, and an unlimited table unlimited', () => {
    expect(limitAfterResize(300, 500, 480)).toBe(300);
    expect(limitAfterResize(Infinity, 500, 900)).toBe(Infinity);
    expect(limitAfterResize(300, 500, 500)).toBe(300);
  });
});
