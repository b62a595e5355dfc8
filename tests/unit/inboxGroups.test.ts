/** The inbox shows a plan's overlap notices as one row: which go together, and where the row stands. */
import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../../client/components/comments/api.js';
import { inboxRows } from '../../client/components/comments/inboxGroups.js';

const note = (id: string, kind: string, target: Record<string, unknown>, readAt: string | null = null): AppNotification => ({ id, kind, workspaceId: 'ws1', target, createdAt: '2026-12-01T10:00:00.000Z', readAt });
const overlap = (id: string, documentId: string, readAt: string | null = null) => note(id, 'overlap', { type: 'overlap', overlapId: `ov-${id}`, documentId, activityId: `act-${id}` }, readAt);

describe('inboxRows', () => {
  it('puts a plan’s overlap notices in one row, where the newest of them is, and leaves every other notification alone', () => {
    const items = [overlap('1', 'docA'), note('2', 'mention', { documentId: 'docA' }), overlap('3', 'docB'), overlap('4', 'docA'), overlap('5', 'docA')];
    const rows = inboxRows(items);
    expect(rows.map((r) => (r.kind === 'one' ? r.notification.id : r.notifications.map((n) => n.id).join('+')))).toEqual(['1+4+5', '2', '3']);
  });

  it('keeps read and unread notices of one plan apart, and a lone notice as it is', () => {
    const rows = inboxRows([overlap('1', 'docA'), overlap('2', 'docA', '2026-12-01T11:00:00.000Z'), overlap('3', 'docA'), overlap('4', 'docA', '2026-12-01T11:00:00.000Z'), overlap('5', 'docC')]);
    expect(rows.map((r) => (r.kind === 'one' ? r.notification.id : r.notifications.map((n) => n.id).join('+')))).toEqual(['1+3', '2+4', '5']);
    expect(rows[2].kind).toBe('one');
  });

  it('does not group an overlap notice that names no plan', () => {
    const rows = inboxRows([note('1', 'overlap', { type: 'overlap' }), note('2', 'overlap', { type: 'overlap' })]);
    expect(rows.map((r) => r.kind)).toEqual(['one', 'one']);
  });
});
