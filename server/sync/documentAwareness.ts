/**
 * A plan's carets: its awareness, which connection (here or on another node) controls each awareness client id,
 * and the merged flush of awareness changes to the plan's peers.
 */
import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocumentBroadcast } from './documentBroadcast.js';
import type { DocumentPeer } from './documentPeer.js';
import { encodeAwarenessMessage } from './protocol.js';

/**
 * Who set an awareness client id through another node (that node checked its own connection's claim). A connection
 * here may take such an id over only for the same person, e.g. a client that reconnected to this node; anyone
 * else's frame naming it is dropped, as for an id a connection on this node holds.
 */
export class RemoteAwarenessOwner {
  constructor(
    readonly node: string,
    readonly userId: string,
  ) {}
}

/** Awareness merging: the tick grows by `perPeerMs` per connection, up to `maxMs`; renewals wait up to `renewalMs`. */
export interface AwarenessTick {
  maxMs: number;
  perPeerMs: number;
  renewalMs: number;
}

/** One plan's awareness states, their owners, and their merged broadcast. */
export class DocumentAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection controls each awareness client id: nobody may speak for another's caret. */
  readonly owners = new Map<number, DocumentPeer | RemoteAwarenessOwner>();
  private changed = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = 0;
  /** Ids whose presence only renewed itself (same state, newer clock) since the last renewal flush. */
  private renewed = new Set<number>();
  private renewalTimer: NodeJS.Timeout | undefined;
  /** Ids whose state the awareness's 'change' event, emitted just before its 'update', said changed. */
  private justChanged: ReadonlySet<number> | null = null;

  constructor(
    ydoc: Y.Doc,
    /** The plan's peers (the set the plan owns): owners must be among them, and the tick grows with them. */
    private readonly peers: ReadonlySet<DocumentPeer>,
    private readonly fanOut: DocumentBroadcast,
    private readonly tick: AwarenessTick,
    /** Awareness changes made here, for other nodes, with the person whose connection made them ('' for the server). Undefined on a single node: nothing is encoded for nobody. */
    onChange: ((update: Uint8Array, userId: string) => void) | undefined,
  ) {
    this.awareness = new awarenessProtocol.Awareness(ydoc);
    // The server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    // y-protocols emits 'change' (states that differ) and then 'update' (every newer clock) for the same apply.
    this.awareness.on('change', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      this.justChanged = new Set([...added, ...updated, ...removed]);
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const remote = origin instanceof RemoteAwarenessOwner ? origin : undefined;
      const peer = remote ? undefined : (origin as DocumentPeer | undefined);
      const owner = remote ?? (peer && this.peers.has(peer) ? peer : undefined);
      if (owner) {
        for (const ids of [added, updated]) {
          for (const id of ids) {
            if (this.owners.get(id) === owner) continue;
            this.forgetOwner(id);
            this.owners.set(id, owner);
            if (owner === peer) peer.awarenessIds.add(id);
          }
        }
      }
      for (const id of removed) this.forgetOwner(id);
      const changedNow = this.justChanged;
      this.justChanged = null;
      for (const ids of [added, updated, removed]) {
        for (const id of ids) {
          if (changedNow?.has(id)) {
            this.changed.add(id);
            this.renewed.delete(id);
          } else if (!this.changed.has(id)) this.renewed.add(id);
        }
      }
      if (this.changed.size) this.scheduleFlush();
      if (this.renewed.size) this.scheduleRenewalFlush();
      if (onChange && !remote) {
        onChange(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]), peer && this.peers.has(peer) ? peer.userId : '');
      }
    });
  }

  /** Drops whoever held an awareness id (a connection here forgets it too). */
  private forgetOwner(id: number): void {
    const previous = this.owners.get(id);
    if (previous === undefined) return;
    if (!(previous instanceof RemoteAwarenessOwner)) previous.awarenessIds.delete(id);
    this.owners.delete(id);
  }

  // Awareness is merged per document and sent at most once per tick, so 500 moving carets stay cheap; a change
  // after a quiet tick goes out at once (with whatever arrives within a millisecond), so one caret is not held back.
  // A broadcast costs a write per connection (and stock clients send each change they receive back), so the tick
  // grows with the audience: a meeting of ten sees carets within 20 ms, a plan with fifty open within 100 ms.
  private scheduleFlush(): void {
    if (this.timer) return;
    const tick = Math.min(this.tick.maxMs, this.peers.size * this.tick.perPeerMs);
    const wait = Math.max(0, this.lastFlushAt + tick - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastFlushAt = Date.now();
      const ids = [...this.changed];
      this.changed.clear();
      if (!ids.length || !this.peers.size) return;
      this.fanOut.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)), null);
    }, wait);
  }

  // A stock client renews its unchanged presence every 15 s, and each peer's provider sends what it receives back:
  // passed on one by one, 200 readers' renewals cost 200 writes and 200 echoes each. Peers only need to hear of a
  // presence within 30 s, so renewals go out together, within `renewalMs`.
  private scheduleRenewalFlush(): void {
    if (this.renewalTimer) return;
    this.renewalTimer = setTimeout(() => {
      this.renewalTimer = undefined;
      // A presence that changed meanwhile went out with its tick, newest clock included; one removed since went too.
      const ids = [...this.renewed].filter((id) => this.awareness.states.has(id));
      this.renewed.clear();
      if (!ids.length || !this.peers.size) return;
      this.fanOut.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)), null);
    }, this.tick.renewalMs);
  }

  /** Every known awareness state, for a new connection or a query. */
  message(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  /** Forgets the awareness states of a peer that has left the plan's peers. */
  forgetPeer(peer: DocumentPeer): void {
    for (const id of peer.awarenessIds) if (this.owners.get(id) === peer) this.owners.delete(id);
    if (peer.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  /** Stops the pending flush and the awareness itself. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.renewalTimer) clearTimeout(this.renewalTimer);
    this.awareness.destroy();
  }
}
