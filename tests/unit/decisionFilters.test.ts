/** The decision log's owner and overdue filters. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Decision } from '../../client/api/types.js';
import { applyDecisionFilters, isOverdue } from '../../client/components/DecisionFilters.js';

const d = (ref: string, extra: Partial<Decision>): Decision => ({ id: ref, ref, workspaceId: 'ws', title: ref, status: 'proposed', ...extra });

describe('decision filters', () => {
  const list = [
    d('D-1', { ownerOrganizationId: 'org_a', dueDate: '2026-01-10' }),
    d('D-2', { ownerOrganizationId: 'org_b', dueDate: '2026-01-10', status: 'agreed' }),
    d('D-3', { ownerOrganizationId: 'org_a', dueDate: '2026-03-01' }),
    d('D-4', {}),
  ];

  it('counts as overdue only a proposed decision whose due date has passed', () => {
    expect(list.map((x) => isOverdue(x, '2026-02-01'))).toEqual([true, false, false, false]);
  });

  afterEach(() => vi.useRealTimers());

  it('turns overdue when the day has passed in Mexico City, not in UTC (which turns at 18:00 there)', () => {
    const dueToday = d('D-5', { dueDate: '2026-12-03' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T01:30:00Z')); // 19:30 on 3 December in Mexico City
    expect(isOverdue(dueToday)).toBe(false);
    vi.setSystemTime(new Date('2026-12-04T06:30:00Z')); // 00:30 on 4 December there
    expect(isOverdue(dueToday)).toBe(true);
  });

  it('filters by owner agency and by overdue together', () => {
    expect(applyDecisionFilters(list, { status: '', owner: 'org_a', overdue: false }).map((x) => x.ref)).toEqual(['D-1', 'D-3']);
    expect(applyDecisionFilters(list, { status: '', owner: '', overdue: false })).toHaveLength(4);
    const overdueNow = applyDecisionFilters(list, { status: '', owner: 'org_a', overdue: true }).map((x) => x.ref);
    expect(overdueNow).toContain('D-1');
    expect(overdueNow).not.toContain('D-4');
  });
});
