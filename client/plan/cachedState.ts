/**
 * What a plan's offline copy held when it was read back, per Yjs client (a state vector). Edits typed in an earlier
 * visit carry that visit's client id, not this page's: the save badge counts them unsaved until the server's saved
 * state covers them, and signing out asks first while any copy holds edits the server lacks.
 */
import type * as Y from 'yjs';

const cached = new WeakMap<Y.Doc, Promise<Map<number, number>>>();

/** Records the state vector `ydoc` had once its offline copy was loaded. */
export function noteCachedState(ydoc: Y.Doc, loaded: Promise<Map<number, number>>): void {
  cached.set(
    ydoc,
    loaded.catch((err: unknown) => {
      console.warn('The offline copy of the plan could not be read', err);
      return new Map();
    }),
  );
}

/** The state vector of `ydoc`'s offline copy once loaded; empty for a doc without one. */
export function cachedStateOf(ydoc: Y.Doc): Promise<Map<number, number>> {
  return cached.get(ydoc) ?? Promise.resolve(new Map());
}

/** Whether `stored` (the server's saved state vector) lacks any of `held`. */
export function holdsUnstored(held: ReadonlyMap<number, number>, stored: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of held) if ((stored.get(client) ?? 0) < clock) return true;
  return false;
}
