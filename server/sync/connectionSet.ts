/** The sync connections open on this node: one shared heartbeat, and closing those that match (revocation, shutdown). */
import type { SyncConnection } from './syncConnection.js';

/** How often every connection is pinged (a peer that missed the last ping is gone). */
const HEARTBEAT_MS = 30000;

/** The hub's set of attached connections and their shared heartbeat. */
export class SyncConnectionSet {
  private readonly open = new Set<SyncConnection>();
  // One heartbeat timer for every connection instead of one per connection (memory at 2,000 sockets).
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.open.forEach((c) => c.heartbeat()), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** How many connections are attached. */
  get size(): number {
    return this.open.size;
  }

  /** Adds an attached connection to the heartbeat. */
  add(conn: SyncConnection): void {
    this.open.add(conn);
  }

  /** Forgets a connection that ended. */
  delete(conn: SyncConnection): void {
    this.open.delete(conn);
  }

  /** Closes every connection matching a predicate; returns how many it closed. */
  closeWhere(pred: (c: SyncConnection) => boolean, code: number, reason: string): number {
    let n = 0;
    for (const c of [...this.open]) {
      if (pred(c)) {
        c.close(code, reason);
        n++;
      }
    }
    return n;
  }

  /** Stops the shared heartbeat (shutdown). */
  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }
}
