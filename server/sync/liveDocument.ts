/** A document loaded in memory: its Y.Doc, awareness, connections and broadcast fan-out. */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { frameBinary } from './framing.js';
import { encodeAwarenessMessage, encodeSyncStep2, encodeSyncUpdate } from './protocol.js';
import { turnCoalescer } from './writeCoalescing.js';

/** The minimal view of a connection the document needs. */
export interface DocumentPeer {
  send(message: Uint8Array): void;
  /** Sends a broadcast: `frame` is `messages` already framed once for every recipient (see framing.ts), in order. */
  sendFramed(frame: Buffer, messages: Uint8Array | readonly Uint8Array[]): void;
  readonly awarenessIds: Set<number>;
  /** Whose connection this is: awareness ids set on another node may be taken over by the same person only. */
  readonly userId: string;
}

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

/** Origin of changes made by the server itself on a user's behalf (restore, …). */
export class ServerOrigin {
  constructor(readonly userId: string | null) {}
}

/** Origin of applying a document's stored state when it is loaded: already stored, already known to every peer. */
export const LOAD_ORIGIN = Symbol('load');

const sameStateVector = (a: Map<number, number>, b: Map<number, number>): boolean => a.size === b.size && [...a].every(([client, clock]) => b.get(client) === clock);
const sameBytes = (a: Uint8Array, b: Uint8Array | null | undefined): boolean => !!b && a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 0 || (sv.length === 1 && sv[0] === 0);
const EMPTY_STATE_VECTOR = new Uint8Array([0]);
/**
 * A lazily loaded plan that nothing needed decoded (fresh readers only) is decoded once its joins have been quiet
 * for a while, so a first edit later finds it ready and the server's opening sync step 1 (which waits for the decode)
 * goes out while people are still arriving, not in a burst seconds later. The wait gives the fresh readers time to
 * apply what they were sent (about 0.25 s per MB of fine-grained edits) before the decode competes with them for a
 * shared machine's cores: a second per MB stored, at least QUIET_DECODE_MIN_MS. Until then the plan costs the stored
 * bytes only (2 MB against 28 MB of heap decoded for a plan of 100,000 edits).
 */
const QUIET_DECODE_MIN_MS = 250;
const QUIET_DECODE_MS_PER_MB = 1000;
/** Joins that keep coming, or a plan of many megabytes, do not hold the decode back longer than this after the load. */
const LATEST_DECODE_MS = 5000;

export class LiveDocument {
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<DocumentPeer>();
  /** Which connection controls each awareness client id: nobody may speak for another's caret. */
  readonly awarenessOwners = new Map<number, DocumentPeer | RemoteAwarenessOwner>();
  /** Per client, the clock up to which this document's content is stored (change through markStored / setStoredClocks). */
  private storedClockMap = new Map<number, number>();
  /** `savedStateVector`, encoded on first read after a change: most saves are announced to nobody. */
  private savedVectorCache: string | null = null;
  /** Highest log id known stored for this document. */
  logPosition = 0;
  /** Log entries not yet folded into the snapshot (approximate; drives compaction). */
  logLength = 0;
  /** Bytes stored for this document, roughly (snapshot and log as loaded, plus updates stored since): what a fold reads. */
  storedBytes = 0;
  unloadTimer: NodeJS.Timeout | undefined;
  /** Broadcasts held to the end of this turn, each with the peer it came from (not sent back to it). */
  private held: { frames: Buffer[]; messages: Uint8Array[]; excepts: unknown[] } | null = null;
  /** When this plan's last fold started (0: never), and the timer of the next one while the interval runs. */
  compactedAt = 0;
  compactTimer: NodeJS.Timeout | undefined;
  private fullStateMessage: Uint8Array | null = null;
  private awarenessChanged = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | undefined;
  private lastAwarenessFlushAt = 0;
  /**
   * The stored state (one compacted snapshot) not yet applied to `doc`. Decoding a large
   * plan takes about as long as a client takes to apply it (0.5 s for 100,000 edits), so a fresh joiner gets
   * these stored bytes as they are and the server decodes them meanwhile; `doc` applies them on first use.
   */
  private stored: Uint8Array | null = null;
  private materializeTimer: NodeJS.Timeout | undefined;
  /** When the stored state is decoded at the latest, joins or not (see LATEST_DECODE_MS). */
  private decodeDeadline = 0;
  private onMaterialized: Array<() => void> = [];
  /** Replies served from `stored` not yet handed to the kernel: decoding now would hold them back. */
  private storedRepliesInFlight = 0;
  /** Who sees updates as they arrive, before Yjs integrates them (and may collect what lands in deleted content). */
  private incomingWatchers: Set<(update: Uint8Array, origin?: unknown) => void> | null = null;

  constructor(
    readonly id: string,
    readonly workspaceId: string,
    private readonly ydoc: Y.Doc,
    /** Awareness merging: the tick grows by `perPeerMs` per connection, up to `maxMs`. */
    private readonly awarenessTick: { maxMs: number; perPeerMs: number },
    /** Awareness changes made here, for other nodes, with the person whose connection made them ('' for the server). Undefined on a single node: nothing is encoded for nobody. */
    onAwarenessChange: ((update: Uint8Array, userId: string) => void) | undefined,
  ) {
    this.awareness = new awarenessProtocol.Awareness(ydoc);
    // The server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      // Applying the stored state changes nothing anyone has not got: the cached reply stays valid, nothing to send.
      if (origin === LOAD_ORIGIN) return;
      this.fullStateMessage = null;
      this.broadcast(encodeSyncUpdate(update), origin);
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const remote = origin instanceof RemoteAwarenessOwner ? origin : undefined;
      const peer = remote ? undefined : (origin as DocumentPeer | undefined);
      const owner = remote ?? (peer && this.peers.has(peer) ? peer : undefined);
      if (owner) {
        for (const ids of [added, updated]) {
          for (const id of ids) {
            if (this.awarenessOwners.get(id) === owner) continue;
            this.forgetOwner(id);
            this.awarenessOwners.set(id, owner);
            if (owner === peer) peer.awarenessIds.add(id);
          }
        }
      }
      for (const id of removed) this.forgetOwner(id);
      for (const ids of [added, updated, removed]) for (const id of ids) this.awarenessChanged.add(id);
      this.scheduleAwarenessFlush();
      if (onAwarenessChange && !remote) {
        onAwarenessChange(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]), peer && this.peers.has(peer) ? peer.userId : '');
      }
    });
  }

  /** Drops whoever held an awareness id (a connection here forgets it too). */
  private forgetOwner(id: number): void {
    const previous = this.awarenessOwners.get(id);
    if (previous === undefined) return;
    if (!(previous instanceof RemoteAwarenessOwner)) previous.awarenessIds.delete(id);
    this.awarenessOwners.delete(id);
  }

  /** Sends one message to every peer but `except`, framed once for all of them; a repeat within a turn is held (see writeCoalescing.ts). */
  private broadcast(message: Uint8Array, except: unknown): void {
    const size = this.peers.size;
    if (size === 0 || (size === 1 && this.peers.has(except as DocumentPeer))) return;
    const frame = frameBinary(message);
    if (!turnCoalescer.repeatInTurn(this)) {
      for (const peer of this.peers) if (peer !== except) peer.sendFramed(frame, message);
      return;
    }
    if (!this.held) {
      this.held = { frames: [], messages: [], excepts: [] };
      turnCoalescer.atEndOfTurn(this.flushHeld);
    }
    this.held.frames.push(frame);
    this.held.messages.push(message);
    this.held.excepts.push(except);
  }

  /** Sends this turn's held broadcasts: to each peer, in one buffer, all of them but those it sent itself. */
  private readonly flushHeld = (): void => {
    const held = this.held;
    this.held = null;
    if (!held) return;
    const { frames, messages, excepts } = held;
    const senders = new Set(excepts);
    let all: Buffer | undefined;
    for (const peer of this.peers) {
      if (!senders.has(peer)) {
        all ??= joinFrames(frames);
        if (all) peer.sendFramed(all, messages);
        else frames.forEach((frame, i) => peer.sendFramed(frame, messages[i]));
        continue;
      }
      // A peer that sent some of them gets the others' only.
      const othersFrames = frames.filter((_, i) => excepts[i] !== peer);
      if (!othersFrames.length) continue;
      const othersMessages = messages.filter((_, i) => excepts[i] !== peer);
      const joined = joinFrames(othersFrames);
      if (joined) peer.sendFramed(joined, othersMessages);
      else othersFrames.forEach((frame, i) => peer.sendFramed(frame, othersMessages[i]));
    }
  };

  /**
   * Applies a client's update. When Yjs throws, says whether the document is untouched: no struct integrated,
   * nothing deleted, nothing left pending (then the update was malformed and the copy is fine); otherwise the
   * live copy may be half-changed and must be dropped. Checked after the fact, so the hot path pays nothing.
   * `leftPending`: part of it builds on what this copy lacks, so Yjs keeps it aside (unsaved) until that arrives.
   */
  applyFrom(update: Uint8Array, origin: unknown): { failed: false; leftPending: boolean } | { failed: true; untouched: boolean; error: unknown } {
    const doc = this.doc;
    const { pendingStructs, pendingDs } = doc.store;
    const pendingBefore = pendingStructs?.update;
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
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (this.storedClockMap.get(client) ?? 0)) {
        this.storedClockMap.set(client, clock);
        this.savedVectorCache = null;
      }
    }
  }

  /** Counts stored what an update's transaction reached: flat [client, clock, …] pairs (see the hub's reachOf). */
  markStoredUpTo(reach: readonly number[]): void {
    for (let i = 0; i < reach.length; i += 2) {
      if (reach[i + 1] > (this.storedClockMap.get(reach[i]) ?? 0)) {
        this.storedClockMap.set(reach[i], reach[i + 1]);
        this.savedVectorCache = null;
      }
    }
  }

  /** Per client, the clock up to which the content is stored. */
  get storedClocks(): ReadonlyMap<number, number> {
    return this.storedClockMap;
  }

  /** Sets what is stored (on load: everything applied so far). */
  setStoredClocks(clocks: Map<number, number>): void {
    this.storedClockMap = clocks;
    this.savedVectorCache = null;
  }

  /** Base64 state vector of what is stored. */
  get savedStateVector(): string {
    this.savedVectorCache ??= Buffer.from(Y.encodeStateVector(this.storedClockMap as Map<number, number>)).toString('base64');
    return this.savedVectorCache;
  }

  /** Whether the document is decoded (a lazily loaded one is not until first use): its stored clocks are known. */
  get materialized(): boolean {
    return !this.stored;
  }

  /** Whether everything up to `vector` (a client's state vector) is stored. */
  storedCovers(vector: Map<number, number>): boolean {
    if (!this.materialized) return false;
    for (const [client, clock] of vector) if ((this.storedClockMap.get(client) ?? 0) < clock) return false;
    return true;
  }

  /** The document, with its stored state applied (done here on first use when it was loaded lazily). */
  get doc(): Y.Doc {
    if (this.stored) this.materialize();
    return this.ydoc;
  }

  /**
   * Loads lazily: `update` (a snapshot) becomes the document's content on first use of `doc`. Even its state
   * vector waits (reading it from the update costs a tenth of decoding it): `storedClocks` is set when it is
   * applied, before any edit can be (an edit goes through `doc`).
   */
  setStoredState(update: Uint8Array): void {
    this.stored = update;
    this.decodeDeadline = Date.now() + LATEST_DECODE_MS;
    this.scheduleDecode();
  }

  /**
   * Decoded on first use, else once joins are quiet: not while replies just served are still being written, nor
   * while their clients apply them (on a machine they share, that halved their speed in the coldload bench).
   */
  private scheduleDecode(): void {
    if (this.materializeTimer) clearTimeout(this.materializeTimer);
    const quiet = Math.max(QUIET_DECODE_MIN_MS, ((this.stored?.byteLength ?? 0) / 2 ** 20) * QUIET_DECODE_MS_PER_MB);
    const wait = Math.min(quiet, Math.max(0, this.decodeDeadline - Date.now()));
    this.materializeTimer = setTimeout(() => this.materializeWhenIdle(), wait);
    this.materializeTimer.unref();
  }

  /** The sync-step-2 reply for a fresh client, and a callback for when it is written (see `storedRepliesInFlight`). */
  freshReply(): { message: Uint8Array; onWritten: (() => void) | undefined } {
    const message = this.syncStep2For(EMPTY_STATE_VECTOR);
    if (!this.stored) return { message, onWritten: undefined };
    this.storedRepliesInFlight++;
    return {
      message,
      onWritten: () => {
        this.storedRepliesInFlight--;
        if (!this.storedRepliesInFlight && this.stored) this.scheduleDecode();
      },
    };
  }

  private materializeWhenIdle(): void {
    this.materializeTimer = undefined;
    if (!this.storedRepliesInFlight) this.materialize(); // else: the last write's callback schedules it again
  }

  /** Applies the stored state now if it is still pending. */
  materialize(): void {
    const stored = this.stored;
    if (!stored) return;
    this.stored = null;
    if (this.materializeTimer) clearTimeout(this.materializeTimer);
    this.materializeTimer = undefined;
    Y.applyUpdate(this.ydoc, stored, LOAD_ORIGIN);
    this.setStoredClocks(Y.decodeStateVector(Y.encodeStateVector(this.ydoc)));
    for (const fn of this.onMaterialized.splice(0)) fn();
  }

  /** Runs `fn` once the stored state is applied (now if it is). */
  whenMaterialized(fn: () => void): void {
    if (this.stored) this.onMaterialized.push(fn);
    else fn();
  }

  /** The sync-step-2 reply for a client's state vector; cached for empty vectors (fresh joiners). */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (!isEmptyStateVector(stateVector)) return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    // The stored snapshot is a complete update: sent as it is, no decode and re-encode.
    this.fullStateMessage ??= encodeSyncStep2(this.stored ?? Y.encodeStateAsUpdate(this.ydoc));
    return this.fullStateMessage;
  }

  /** Every known awareness state, for a new connection or a query. */
  awarenessMessage(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  // Awareness is merged per document and sent at most once per tick, so 500 moving carets stay cheap; a change
  // after a quiet tick goes out at once (with whatever arrives within a millisecond), so one caret is not held back.
  // A broadcast costs a write per connection (and stock clients send each change they receive back), so the tick
  // grows with the audience: a meeting of ten sees carets within 20 ms, a plan with fifty open within 100 ms.
  private scheduleAwarenessFlush(): void {
    if (this.awarenessTimer) return;
    const tick = Math.min(this.awarenessTick.maxMs, this.peers.size * this.awarenessTick.perPeerMs);
    const wait = Math.max(0, this.lastAwarenessFlushAt + tick - Date.now());
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = undefined;
      this.lastAwarenessFlushAt = Date.now();
      const ids = [...this.awarenessChanged];
      this.awarenessChanged.clear();
      if (!ids.length || !this.peers.size) return;
      this.broadcast(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)), null);
    }, wait);
  }

  /** Forgets a departing peer and its awareness states. */
  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    for (const id of peer.awarenessIds) if (this.awarenessOwners.get(id) === peer) this.awarenessOwners.delete(id);
    if (peer.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
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

  destroy(): void {
    this.incomingWatchers = null;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    clearTimeout(this.compactTimer);
    if (this.materializeTimer) clearTimeout(this.materializeTimer);
    this.stored = null;
    this.onMaterialized = [];
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

/** Held frames above this many bytes in all are written one by one: joining would copy a large paste per recipient. */
const JOIN_FRAMES_MAX_BYTES = 256 * 1024;

/** Frames joined in one buffer (the one frame itself when alone); undefined when they are too large to copy. */
function joinFrames(frames: Buffer[]): Buffer | undefined {
  if (frames.length === 1) return frames[0];
  let bytes = 0;
  for (const f of frames) bytes += f.byteLength;
  return bytes <= JOIN_FRAMES_MAX_BYTES ? Buffer.concat(frames, bytes) : undefined;
}
