/**
 * The activities table's markers read the margin's threads grouped by activity and field (the whole activity's under
 * WHOLE_ACTIVITY, for the row's number cell): only open threads about an activity count, and a row's object stays the
 * same while its threads do, so memoized rows are not re-rendered.
 */
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../client/components/comments/api.js';
import { cellThreadsOf, clearCellThreads, setCellThreads, WHOLE_ACTIVITY } from '../../client/components/comments/cellThreads.js';
import type { Thread } from '../../client/components/comments/useComments.js';

function thread(id: string, anchor: Comment['anchor'], opts: { resolved?: boolean; detached?: boolean; deleted?: boolean } = {}): Thread {
  const root = { id, threadId: id, anchor, deleted: opts.deleted ?? false, detached: opts.detached ?? false } as Comment;
  return { id, root, replies: [], resolved: opts.resolved ?? false };
}

describe('cell threads for the table markers', () => {
  it('groups the open threads about a cell or a whole activity by activity and field, oldest first', () => {
    setCellThreads('doc-1', [
      thread('t1', { type: 'activity', activityId: 'a', field: 'endDate' }),
      thread('t2', { type: 'activity', activityId: 'a' }),
      thread('t3', { type: 'activity', activityId: 'a', field: 'endDate' }),
      thread('t4', { type: 'activity', activityId: 'b', field: 'partnerOrganizationIds' }),
      thread('t5', { type: 'activity', activityId: 'b', field: 'target' }, { resolved: true }),
      thread('t6', { type: 'activity', activityId: 'c', field: 'target' }, { detached: true }),
      thread('t7', { type: 'activity', activityId: 'c', field: 'status' }, { deleted: true }),
      thread('t8', null),
    ]);
    const rows = cellThreadsOf('doc-1');
    expect(Object.fromEntries(rows)).toEqual({ a: { endDate: ['t1', 't3'], [WHOLE_ACTIVITY]: ['t2'] }, b: { partnerOrganizationIds: ['t4'] } });
    expect(cellThreadsOf('doc-2').size).toBe(0);
    clearCellThreads('doc-1');
  });

  it('keeps a row’s object while its threads stand, and replaces only the rows that changed', () => {
    const a = thread('t1', { type: 'activity', activityId: 'a', field: 'endDate' });
    const b = thread('t2', { type: 'activity', activityId: 'b', field: 'status' });
    setCellThreads('doc-1', [a, b]);
    const before = cellThreadsOf('doc-1');
    // The threads fetched again (new objects), a general one added: nothing a row shows changed.
    setCellThreads('doc-1', [{ ...a }, { ...b }, thread('t3', null)]);
    expect(cellThreadsOf('doc-1')).toBe(before);
    // B's thread resolved: A's row keeps its object, B's row goes.
    setCellThreads('doc-1', [a, { ...b, resolved: true }]);
    const after = cellThreadsOf('doc-1');
    expect(after.get('a')).toBe(before.get('a'));
    expect(after.has('b')).toBe(false);
    // A thread on the whole of A added, then resolved: A's row gets a new object each time (its number cell's count changes).
    const whole = thread('t4', { type: 'activity', activityId: 'a' });
    setCellThreads('doc-1', [a, whole]);
    const withWhole = cellThreadsOf('doc-1').get('a');
    expect(withWhole).toEqual({ endDate: ['t1'], [WHOLE_ACTIVITY]: ['t4'] });
    expect(withWhole).not.toBe(after.get('a'));
    setCellThreads('doc-1', [a, { ...whole, resolved: true }]);
    expect(cellThreadsOf('doc-1').get('a')).toEqual({ endDate: ['t1'] });
    expect(cellThreadsOf('doc-1').get('a')).not.toBe(withWhole);
    // Another plan's margin going does not take this plan's markers.
    clearCellThreads('doc-2');
    expect(cellThreadsOf('doc-1').get('a')).toEqual({ endDate: ['t1'] });
    clearCellThreads('doc-1');
    expect(cellThreadsOf('doc-1').size).toBe(0);
  });
});
