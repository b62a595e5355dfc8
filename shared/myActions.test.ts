import { describe, expect, it } from 'vitest';
import { dueGroupOf, endOfWeek, groupByDue } from './myActions.js';

describe('grouping one’s actions by where their due date stands', () => {
  it('ends the week on Sunday, whatever day it is', () => {
    expect(endOfWeek('2027-03-10')).toBe('2027-03-14'); // a Wednesday
    expect(endOfWeek('2027-03-14')).toBe('2027-03-14'); // the Sunday itself
    expect(endOfWeek('2027-03-15')).toBe('2027-03-21'); // the Monday after
    expect(endOfWeek('2027-12-29')).toBe('2028-01-02'); // across a year's end
  });

  it('tells overdue (open and past) from a closed action whose day has gone, this week from later', () => {
    const today = '2027-03-10';
    expect(dueGroupOf('2027-03-09', 'open', today)).toBe('overdue');
    expect(dueGroupOf('2027-03-09', 'done', today)).toBe('past');
    expect(dueGroupOf('2027-03-09', 'cancelled', today)).toBe('past');
    expect(dueGroupOf('2027-03-10', 'open', today)).toBe('thisWeek');
    expect(dueGroupOf('2027-03-14', 'open', today)).toBe('thisWeek');
    expect(dueGroupOf('2027-03-15', 'open', today)).toBe('later');
  });

  it('keeps the groups in order and each group in the order given, leaving empty ones out', () => {
    const items = [
      { id: 'a', dueDate: '2027-03-20', status: 'open' as const },
      { id: 'b', dueDate: '2027-03-01', status: 'open' as const },
      { id: 'c', dueDate: '2027-03-25', status: 'open' as const },
      { id: 'd', dueDate: '2027-02-01', status: 'open' as const },
    ];
    expect(groupByDue(items, '2027-03-10').map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ['overdue', ['b', 'd']],
      ['later', ['a', 'c']],
    ]);
  });
});
