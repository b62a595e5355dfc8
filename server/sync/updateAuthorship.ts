/**
 * Who wrote what, in Yjs terms: the clients a person's log entries wrote with and the ranges they deleted. Read
 * from log entries while they exist, and kept per person when compaction folds them away, so "since your last
 * visit" can still leave out a reader's own edits after the fold (see notifications/changesSince.ts).
 */
import * as Y from 'yjs';

/** One delete range: [client, clock, length]. */
export type DeleteRange = [number, number, number];

/** What one writer's entries did: Yjs clients written with, and deletions. `userId` null: no one known. */
export interface Authorship {
  userId: string | null;
  clients: number[];
  deletes: DeleteRange[];
}

/** Sorted, merged copies of delete ranges, so a person's stored ranges stay as few as their edits allow. */
export function mergeDeleteRanges(ranges: Iterable<DeleteRange>): DeleteRange[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: DeleteRange[] = [];
  for (const [client, clock, len] of sorted) {
    const last = merged[merged.length - 1];
    if (last && last[0] === client && clock <= last[1] + last[2]) last[2] = Math.max(last[2], clock + len - last[1]);
    else merged.push([client, clock, len]);
  }
  return merged;
}

/** The clients and deletions of one encoded update, attributed to `userId`. */
export function authorshipOf(update: Uint8Array, userId: string | null): Authorship {
  const { structs, ds } = Y.decodeUpdate(update);
  const clients = new Set<number>();
  for (const struct of structs) clients.add(struct.id.client);
  const deletes: DeleteRange[] = [];
  for (const [client, items] of ds.clients) for (const item of items) deletes.push([client, item.clock, item.len]);
  return { userId, clients: [...clients], deletes };
}

/** One entry per known writer of `updates` (`authors[i]` wrote `updates[i]`; null authors are left out). */
export function authorshipByUser(updates: readonly Uint8Array[], authors: ReadonlyArray<string | null>): Authorship[] {
  const byUser = new Map<string, { clients: Set<number>; deletes: DeleteRange[] }>();
  updates.forEach((update, i) => {
    const userId = authors[i];
    if (!userId) return;
    const one = authorshipOf(update, userId);
    let acc = byUser.get(userId);
    if (!acc) byUser.set(userId, (acc = { clients: new Set(), deletes: [] }));
    for (const c of one.clients) acc.clients.add(c);
    acc.deletes.push(...one.deletes);
  });
  return [...byUser].map(([userId, acc]) => ({ userId, clients: [...acc.clients], deletes: mergeDeleteRanges(acc.deletes) }));
}
