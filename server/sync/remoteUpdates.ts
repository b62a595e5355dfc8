/**
 * Updates that reach a loaded plan already stored: another node's (from the cross-node stream), or everything
 * stored re-read after a gap in that stream. They are applied noting what waits inside Yjs (see pendingWatch.ts), so
 * a transaction that took in a client's waiting edit with them can still be logged.
 */
import * as Y from 'yjs';
import type { StoredStateReader } from './documentStore.js';
import type { LiveDocument } from './liveDocument.js';
import { PendingWatch } from './pendingWatch.js';

/** What applying stored updates needs from the hub. */
export interface RemoteUpdatesOptions {
  readState: StoredStateReader;
  /** Yjs failed halfway through applying: the live copy must be dropped (the hub's `discard`). */
  onBroken(live: LiveDocument, err: unknown): void;
  log?: { warn(obj: unknown, msg?: string): void };
}

/** Applies already-stored updates to loaded plans, and tells whether a client's waiting edit went in with them. */
export class RemoteUpdates {
  private readonly pending = new PendingWatch();

  constructor(private readonly opts: RemoteUpdatesOptions) {}

  /** Applies updates already stored (another node's, or re-read); a failure inside Yjs drops the live copy (see `onBroken`). */
  apply(live: LiveDocument, updates: Uint8Array[]): void {
    const origin = this.pending.begin(live.doc);
    try {
      live.doc.transact(() => updates.forEach((u) => Y.applyUpdate(live.doc, u, origin)), origin);
    } catch (err) {
      this.opts.onBroken(live, err);
    }
  }

  /** Re-reads stored state after a gap in the cross-node stream; Yjs ignores what it already has. */
  async catchUp(live: LiveDocument): Promise<void> {
    let updates: Uint8Array[];
    try {
      updates = (await this.opts.readState(live.id)).updates;
    } catch (err) {
      this.opts.log?.warn({ err, documentId: live.id }, 'catch-up after stream gap failed');
      return;
    }
    this.apply(live, updates);
  }

  /** Whether, in the apply under way on `live`, part of what waited inside Yjs went in (see PendingWatch.changed). */
  carriedWaiting(live: LiveDocument): boolean {
    return this.pending.changed(live.doc);
  }
}
