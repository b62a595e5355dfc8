/**
 * A document loaded in memory: its Y.Doc, awareness, connections and broadcast fan-out. It owns the helpers that do
 * each part: the fan-out (documentBroadcast), the carets (documentAwareness), what is stored (storedClocks) and the
 * lazy decode of a stored snapshot (lazyDecode).
 */
import * as Y from 'yjs';
import type * as awarenessProtocol from 'y-protocols/awareness';
import { DocumentAwareness, RemoteAwarenessOwner, type AwarenessTick } from './documentAwareness.js';
import { DocumentBroadcast } from './documentBroadcast.js';
import type { DocumentPeer } from './documentPeer.js';
import { LazyDecode, LOAD_ORIGIN } from './lazyDecode.js';
import { encodeSyncStep2, encodeSyncUpdate } from './protocol.js';
import { StoredClocks } from './storedClocks.js';

// Re-exported: the rest of the server reaches these through the live document.
export type { DocumentPeer } from './documentPeer.js';
export { LOAD_ORIGIN, RemoteAwarenessOwner };

/** Origin of changes made by the server itself on a user's behalf (restore, …). */
export class ServerOrigin {
  constructor(readonly userId: string | null) {}
}

const sameStateVector = (a: Map<number, number>, b: Map<number, number>): boolean => a.size === b.size && [...a].every(([client, clock]) => b.get(client) === clock);
const sameBytes = (a: Uint8Array, b: Uint8Array | null | undefined): boolean => !!b && a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 0 || (sv.length === 1 && sv[0] === 0);
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** One plan loaded on this node: applies clients' updates, fans them out, and keeps what is stored and its carets. */
export class LiveDocument {
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<DocumentPeer>();
  /** Which connection controls each awareness client id: nobody may speak for another's caret. */
  readonly awarenessOwners: Map<number, DocumentPeer | RemoteAwarenessOwner>;
  /** Highest log id known stored for this document. */
  logPosition = 0;
  /** Log entries not yet folded into the snapshot (approximate; drives compaction). */
  logLength = 0;
  /** Bytes stored for this document, roughly (snapshot and log as loaded, plus updates stored since): what a fold reads. */
  storedBytes = 0;
  unloadTimer: NodeJS.Timeout | undefined;
  /** When this plan's last fold started (0: never), and the timer of the next one while the interval runs. */
  compactedAt = 0;
  compactTimer: NodeJS.Timeout | undefined;
  private readonly fanOut: DocumentBroadcast;
  private readonly carets: DocumentAwareness;
  private readonly saved = new StoredClocks();
  private readonly lazy: LazyDecode;
  private fullStateMessage: Uint8Array | null = null;
  /** Who sees updates as they arrive, once Yjs has integrated them (and may collect what lands in deleted content). */
  private incomingWatchers: Set<(update: Uint8Array, origin?: unknown) => void> | null = null;

  constructor(
    readonly id: string,
    readonly workspaceId: string,
    private readonly ydoc: Y.Doc,
    /** Awareness merging: the tick grows by `perPeerMs` per connection, up to `maxMs`. */
    awarenessTick: AwarenessTick,
    /** Awareness changes made here, for other nodes, with the person whose connection made them ('' for the server). Undefined on a single node: nothing is encoded for nobody. */
    onAwarenessChange: ((update: Uint8Array, userId: string) => void) | undefined,
  ) {
    this.fanOut = new DocumentBroadcast(this.peers);
    this.lazy = new LazyDecode(ydoc, this.saved);
    this.carets = new DocumentAwareness(ydoc, this.peers, this.fanOut, awarenessTick, onAwarenessChange);
    this.awareness = this.carets.awareness;
    this.awarenessOwners = this.carets.owners;
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      // Applying the stored state changes nothing anyone has not got: the cached reply stays valid, nothing to send.
      if (origin === LOAD_ORIGIN) return;
      this.fullStateMessage = null;
      this.fanOut.send(encodeSyncUpdate(update), origin);
    });
  }

  /**
   * Applies a client's update. When Yjs throws, says whether the document is untouched: no struct integrated,
   * nothing deleted, nothing left pending (then the update was malformed and the copy is fine); otherwise the
   * live copy may be half-changed and must be dropped. Checked after the fact, so the hot path pays nothing.
   * `leftPending`: part of it builds on what this copy lacks. That part is not kept: Yjs would hold it aside and
   * retry it with every later update (thousands of tiny such frames stalled the node for a minute), and a deletion of
   * clocks nobody has written yet would delete another person's typing as it arrives, unseen by them. Its sender is
   * asked for everything this copy lacks instead, which an honest client answers with what it built on.
   */
  applyFrom(update: Uint8Array, origin: unknown): { failed: false; leftPending: boolean } | { failed: true; untouched: boolean; error: unknown } {
    const doc = this.doc;
    const { pendingStructs, pendingDs } = doc.store;
    const pendingBefore = pendingStructs?.update;
    // Yjs changes what waits in place; a copy to put back (something waits only after a gap in other nodes' updates).
    const structsBefore = pendingStructs && { missing: new Map(pendingStructs.missing), update: pendingStructs.update };
    let transaction: Y.Transaction | undefined;
    try {
      Y.transact(doc, (tr) => {
        transaction = tr;
        Y.applyUpdate(doc, update, origin);
      }, origin, false);
      this.incoming(update, origin);
      // Yjs re-encodes what stays pending on every apply: only different bytes mean this update left something.
      const structsNow = doc.store.pendingStructs?.update;
      const leftPending = (!!structsNow && !sameBytes(structsNow, pendingBefore)) || (!!doc.store.pendingDs && !sameBytes(doc.store.pendingDs, pendingDs));
      if (leftPending) {
        doc.store.pendingStructs = structsBefore;
        doc.store.pendingDs = pendingDs;
      }
      return { failed: false, leftPending };
    } catch (error) {
      const untouched =
        transaction !== undefined &&
        transaction.deleteSet.clients.size === 0 &&
        sameStateVector(transaction.beforeState, Y.decodeStateVector(Y.encodeStateVector(doc))) &&
        doc.store.pendingStructs === pendingStructs &&
        doc.store.pendingDs === pendingDs;
      return { failed: true, untouched, error };
    }
  }

  /** Counts an update as stored: each client's stored clock moves to the end of its structs in it. */
  markStored(update: Uint8Array): void {
    this.saved.markUpdate(update);
  }

  /** Counts stored what an update's transaction reached: flat [client, clock, …] pairs (see logWiring's reachOf). */
  markStoredUpTo(reach: readonly number[]): void {
    this.saved.markReach(reach);
  }

  /** Per client, the clock up to which the content is stored. */
  get storedClocks(): ReadonlyMap<number, number> {
    return this.saved.map;
  }

  /** Sets what is stored (on load: everything applied so far). */
  setStoredClocks(clocks: Map<number, number>): void {
    this.saved.set(clocks);
  }

  /** Base64 state vector of what is stored. */
  get savedStateVector(): string {
    return this.saved.stateVector;
  }

  /** Whether the document is decoded (a lazily loaded one is not until first use): its stored clocks are known. */
  get materialized(): boolean {
    return !this.lazy.pending;
  }

  /** Whether everything up to `vector` (a client's state vector) is stored. */
  storedCovers(vector: Map<number, number>): boolean {
    return this.materialized && this.saved.covers(vector);
  }

  /** The document, with its stored state applied (done here on first use when it was loaded lazily). */
  get doc(): Y.Doc {
    if (this.lazy.pending) this.lazy.decodeNow();
    return this.ydoc;
  }

  /**
   * Loads lazily: `update` (a snapshot) becomes the document's content on first use of `doc`. Even its state
   * vector waits (reading it from the update costs a tenth of decoding it): `storedClocks` is set when it is
   * applied, before any edit can be (an edit goes through `doc`).
   */
  setStoredState(update: Uint8Array): void {
    this.lazy.hold(update);
  }

  /** The sync-step-2 reply for a fresh client, and a callback for when it is written (see lazyDecode's replies in flight). */
  freshReply(): { message: Uint8Array; onWritten: (() => void) | undefined } {
    const message = this.syncStep2For(EMPTY_STATE_VECTOR);
    return { message, onWritten: this.lazy.replyServed() };
  }

  /** Applies the stored state now if it is still pending. */
  materialize(): void {
    this.lazy.decodeNow();
  }

  /** Runs `fn` once the stored state is applied (now if it is). */
  whenMaterialized(fn: () => void): void {
    this.lazy.whenDecoded(fn);
  }

  /** The sync-step-2 reply for a client's state vector; cached for empty vectors (fresh joiners). */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (!isEmptyStateVector(stateVector)) return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    // The stored snapshot is a complete update: sent as it is, no decode and re-encode.
    this.fullStateMessage ??= encodeSyncStep2(this.lazy.pending ?? Y.encodeStateAsUpdate(this.ydoc));
    return this.fullStateMessage;
  }

  /** Every known awareness state, for a new connection or a query. */
  awarenessMessage(): Uint8Array | null {
    return this.carets.message();
  }

  /** Forgets a departing peer and its awareness states. */
  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    this.carets.forgetPeer(peer);
  }

  /**
   * Calls `fn` with every update a client or another node sends this copy, as received, until the returned stop is
   * called or the copy is destroyed. Edits typed into content deleted meanwhile are garbage-collected as Yjs
   * integrates them: only the received bytes still hold them (see versions/lateEdits).
   */
  watchIncoming(fn: (update: Uint8Array, origin?: unknown) => void): () => void {
    (this.incomingWatchers ??= new Set()).add(fn);
    return () => {
      this.incomingWatchers?.delete(fn);
      if (!this.incomingWatchers?.size) this.incomingWatchers = null;
    };
  }

  /** Hands a received update to the watchers, if any (see watchIncoming); `origin`: the connection it came from. */
  incoming(update: Uint8Array, origin?: unknown): void {
    if (this.incomingWatchers) for (const fn of this.incomingWatchers) fn(update, origin);
  }

  /** Stops every timer, drops the undecoded state and the watchers, and destroys the awareness and the doc. */
  destroy(): void {
    this.incomingWatchers = null;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    clearTimeout(this.compactTimer);
    this.lazy.destroy();
    this.carets.destroy();
    this.ydoc.destroy();
  }
}
