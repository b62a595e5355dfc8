/** A document loaded in memory: its Y.Doc, awareness, connections and broadcast fan-out. */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { frameBinary } from './framing.js';
import { encodeAwarenessMessage, encodeSyncStep2, encodeSyncUpdate } from './protocol.js';

/** The minimal view of a connection the document needs. */
export interface DocumentPeer {
  send(message: Uint8Array): void;
  /** Sends a broadcast: `frame` is `message` already framed once for every recipient (see framing.ts). */
  sendFramed(frame: Buffer, message: Uint8Array): void;
  readonly awarenessIds: Set<number>;
}

/** Origin of changes made by the server itself on a user's behalf (restore, …). */
export class ServerOrigin {
  constructor(readonly userId: string | null) {}
}

export class LiveDocument {
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<DocumentPeer>();
  /** Which connection controls each awareness client id: nobody may speak for another's caret. */
  readonly awarenessOwners = new Map<number, DocumentPeer>();
  /** Base64 state vector of what is stored, as last announced. */
  savedStateVector = '';
  /** Per client, the clock up to which this document's content is stored. */
  storedClocks = new Map<number, number>();
  /** Highest log id known stored for this document. */
  logPosition = 0;
  /** Log entries not yet folded into the snapshot (approximate; drives compaction). */
  logLength = 0;
  unloadTimer: NodeJS.Timeout | undefined;
  private fullStateMessage: Uint8Array | null = null;
  private awarenessChanged = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    readonly workspaceId: string,
    readonly doc: Y.Doc,
    private readonly awarenessTickMs: number,
    onAwarenessChange: (update: Uint8Array, origin: unknown) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullStateMessage = null;
      this.broadcast(encodeSyncUpdate(update), origin);
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const peer = origin as DocumentPeer | undefined;
      if (peer && this.peers.has(peer)) {
        for (const id of added) {
          peer.awarenessIds.add(id);
          this.awarenessOwners.set(id, peer);
        }
        for (const id of removed) {
          peer.awarenessIds.delete(id);
          this.awarenessOwners.delete(id);
        }
      }
      for (const id of [...added, ...updated, ...removed]) this.awarenessChanged.add(id);
      this.scheduleAwarenessFlush();
      if (origin !== 'remote') {
        onAwarenessChange(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]), origin);
      }
    });
  }

  /** Sends one message to every peer but `except`, framed once for all of them. */
  private broadcast(message: Uint8Array, except: unknown): void {
    const size = this.peers.size;
    if (size === 0 || (size === 1 && this.peers.has(except as DocumentPeer))) return;
    const frame = frameBinary(message);
    for (const peer of this.peers) if (peer !== except) peer.sendFramed(frame, message);
  }

  /** Counts an update as stored: each client's stored clock moves to the end of its structs in it. */
  markStored(update: Uint8Array): void {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (this.storedClocks.get(client) ?? 0)) this.storedClocks.set(client, clock);
    }
  }

  /** The sync-step-2 reply for a client's state vector; cached for empty vectors (fresh joiners). */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.length === 0 || (stateVector.length === 1 && stateVector[0] === 0);
    if (!empty) return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    this.fullStateMessage ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return this.fullStateMessage;
  }

  /** Every known awareness state, for a new connection or a query. */
  awarenessMessage(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  // Awareness is merged per document and sent at most once per tick: 500 carets stay cheap.
  private scheduleAwarenessFlush(): void {
    if (this.awarenessTimer) return;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = undefined;
      const ids = [...this.awarenessChanged];
      this.awarenessChanged.clear();
      if (!ids.length || !this.peers.size) return;
      this.broadcast(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)), null);
    }, this.awarenessTickMs);
  }

  /** Forgets a departing peer and its awareness states. */
  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    for (const id of peer.awarenessIds) if (this.awarenessOwners.get(id) === peer) this.awarenessOwners.delete(id);
    if (peer.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  destroy(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
