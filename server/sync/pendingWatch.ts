/**
 * What waits inside Yjs (structs or deletions whose dependencies have not arrived) around an apply of stored
 * updates. Yjs integrates a client's waiting change in whatever transaction brings what it lacked, so a "remote"
 * transaction may carry a change that is not stored yet: that transaction is logged again, but only when something
 * that waited went in with it.
 */
import type * as Y from 'yjs';

/**
 * Origin of applying stored updates while a client's change waits inside Yjs for what they bring: Yjs integrates the
 * waiting change in the same transaction, so that transaction's update is not all stored already.
 */
export const REMOTE_WITH_PENDING = Symbol('remote with pending');

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null): boolean => a === b || (!!a && !!b && Buffer.compare(a, b) === 0);

export class PendingWatch {
  /** What waited when the current apply began (applies are synchronous, so one record serves every plan). */
  private before: { structs: Uint8Array | null; ds: Uint8Array | null } = { structs: null, ds: null };

  /** Records what waits in `doc` now; returns the origin for applying stored updates to it. */
  begin(doc: Y.Doc): typeof REMOTE_WITH_PENDING | 'remote' {
    const { pendingStructs, pendingDs } = doc.store;
    this.before = { structs: pendingStructs?.update ?? null, ds: pendingDs };
    return pendingStructs || pendingDs ? REMOTE_WITH_PENDING : 'remote';
  }

  /** Whether what waited in `doc` when `begin` ran has changed since (part of it went in). */
  changed(doc: Y.Doc): boolean {
    const store = doc.store;
    return !sameBytes(store.pendingStructs?.update ?? null, this.before.structs) || !sameBytes(store.pendingDs, this.before.ds);
  }
}
