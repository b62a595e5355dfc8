/** Who a y-websocket connection speaks for, and the hooks its owner (the document hub) gives it. */
import type { SyncConnection } from './syncConnection.js';

export interface SyncIdentity {
  userId: string;
  name: string;
  organizationId: string;
  /** The organization's acronym, as carets show it. */
  acronym: string;
  sessionHash: string;
}

export interface ConnectionHooks {
  /** Whether an update of `bytes` may join what waits for the database (false while it is down too long). */
  acceptingWrites(bytes: number): boolean;
  onClose(conn: SyncConnection): void;
  onMessage?(bytes: number): void;
  /** Yjs threw while applying a validated update: the live copy may be half-changed and must be dropped. */
  onBroken(conn: SyncConnection, err: unknown): void;
  /**
   * A returning client (one that came with content: its sync step 1 named clocks) has sent its sync step 2, what it
   * had that this copy lacked, and it is applied; `vector` is the client's state vector from its step 1, `resent` its
   * step 2 when it carried anything (edits made offline, on the base `vector` describes).
   */
  onReturningSync?(conn: SyncConnection, vector: Map<number, number>, resent?: Uint8Array): void;
}
