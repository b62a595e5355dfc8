/** One entry per person in "who is here now", whatever the order their tabs are read in (server and web app alike). */

/** What the merge reads of a presence entry. */
export interface PresenceLike {
  userId: string;
  state: 'active' | 'idle';
  documentId?: string | null;
  section?: string | null;
}

/** How much an entry says about where a person is: active before idle, then a plan before a section before neither. */
function rank(e: PresenceLike): number {
  return (e.state === 'active' ? 4 : 0) + (e.documentId ? 2 : e.section ? 1 : 0);
}

const placeKey = (e: PresenceLike) => `${e.documentId ?? ''}\u0000${e.section ?? ''}`;

/**
 * Merges several tabs (sockets) of one person into one entry: the best ranked, and among equals the first by plan and
 * section, so the result does not depend on the order they are read in (two nodes showed one person's two tabs
 * differently).
 */
export function mergeByUser<E extends PresenceLike>(entries: Iterable<E>): E[] {
  const byUser = new Map<string, E>();
  for (const e of entries) {
    const prev = byUser.get(e.userId);
    if (!prev || rank(e) > rank(prev) || (rank(e) === rank(prev) && placeKey(e) < placeKey(prev))) byUser.set(e.userId, e);
  }
  return [...byUser.values()];
}
