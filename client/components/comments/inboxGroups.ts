/**
 * The inbox's rows. One projection pass can flag dozens of a plan's activities at once (a plan of similar rows, or a
 * plan imported beside another group's): each is its own notification, and listed one by one they buried everything
 * else. Overlap notifications of one plan, read or unread alike, are shown as one row where the newest of them is.
 */
import type { AppNotification } from './api.js';

export type InboxRow = { kind: 'one'; notification: AppNotification } | { kind: 'overlaps'; key: string; notifications: AppNotification[] };

/** Groups `items` (newest first) into rows: a plan's overlap notices in one row once there are two of the same read state. */
export function inboxRows(items: AppNotification[]): InboxRow[] {
  const groups = new Map<string, AppNotification[]>();
  const keyOf = (n: AppNotification) => (n.kind === 'overlap' && typeof n.target.documentId === 'string' ? `${n.target.documentId}|${n.readAt ? 'read' : 'unread'}` : null);
  for (const n of items) {
    const key = keyOf(n);
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push(n);
    else groups.set(key, [n]);
  }
  const rows: InboxRow[] = [];
  const placed = new Set<string>();
  for (const n of items) {
    const key = keyOf(n);
    const group = key ? groups.get(key) : undefined;
    if (!key || !group || group.length < 2) rows.push({ kind: 'one', notification: n });
    else if (!placed.has(key)) {
      placed.add(key);
      rows.push({ kind: 'overlaps', key, notifications: group });
    }
  }
  return rows;
}
