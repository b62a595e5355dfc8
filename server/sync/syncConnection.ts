/** One y-websocket client: decodes its frames, enforces its limits, and writes only if allowed. */
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Limits } from '../../shared/constants.js';
import { FrameThrottle, type ThrottledConnection } from './frameThrottle.js';
import { rawSocketOf } from './framing.js';
import { awarenessClaims } from './awarenessClaims.js';
import { MalformedFrame, StateTooLarge, validateAwarenessStates } from './awarenessFrames.js';
import { relabelled, speaksAs, withIdentity } from './awarenessIdentity.js';
import { admitClientUpdate } from './updateAdmission.js';
import type { DocumentPeer, LiveDocument } from './liveDocument.js';
import type { ConnectionHooks, SyncIdentity } from './connectionHooks.js';
import {
  CLOSE,
  encodeSyncStep1,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from './protocol.js';

/** Thrown when applying an update that passed validation fails inside Yjs. */
class ApplyFailed extends Error {
  constructor(readonly reason: unknown) {
    super('update could not be applied');
  }
}

/** How long a closed peer gets to answer the close handshake before its socket is dropped. */
export const CLOSE_GRACE_MS = 2000;

const CONNECTION = Symbol('syncConnection');

/** Whether a frame is a sync step 2 (both type bytes are one-byte varints), the one kind allowed past maxFrameBytes. */
function isSyncStep2(frame: Buffer): boolean {
  return frame.length > 2 && frame[0] === MESSAGE_SYNC && frame[1] === SYNC_STEP2;
}
type TaggedSocket = WebSocket & { [CONNECTION]?: SyncConnection };

export class SyncConnection implements DocumentPeer, ThrottledConnection {
  readonly awarenessIds = new Set<number>();
  /** Client ids of restore markers this client relayed and that were left out (see restoreMarkWrites). */
  readonly relayedMarkers = new Set<number>();
  private readonly throttle: FrameThrottle;
  private closed = false;
  /** The state vector a returning client came with (its sync step 1), until its step 2 is taken. */
  private returningVector: Map<number, number> | undefined;
  private alive = true;
  /** Bytes of the reply exempt from the buffer limit until written (see send). */
  private repliesInFlight = 0;
  /** Asked for everything this copy lacks and not answered yet (a sync step 2): one such ask at a time. */
  private askedToResync = false;
  /** The socket under `ws`, for pre-framed broadcasts (undefined: fall back to `ws.send`). */
  private readonly raw: Duplex | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly live: LiveDocument,
    private who: SyncIdentity,
    readonly workspaceId: string,
    private mayWrite: boolean,
    private readonly limits: Limits,
    private readonly hooks: ConnectionHooks,
  ) {
    this.throttle = new FrameThrottle(limits, this);
    this.raw = rawSocketOf(ws);
    ws.binaryType = 'nodebuffer';
    // Shared listeners that find their connection on the socket: no four closures per connection.
    (ws as TaggedSocket)[CONNECTION] = this;
    ws.on('message', SyncConnection.onMessage);
    ws.on('close', SyncConnection.onEnd);
    ws.on('error', SyncConnection.onEnd);
    ws.on('pong', SyncConnection.onPong);
  }

  private static onMessage(this: TaggedSocket, data: Buffer, isBinary: boolean): void {
    this[CONNECTION]?.onFrame(data, isBinary);
  }

  private static onEnd(this: TaggedSocket): void {
    this[CONNECTION]?.dispose();
  }

  private static onPong(this: TaggedSocket): void {
    const conn = this[CONNECTION];
    if (conn) conn.alive = true;
  }

  /** Whose connection this is (DocumentPeer). */
  get userId(): string {
    return this.who.userId;
  }

  /** The person and organization this connection speaks for, as carets show them. */
  get identity(): SyncIdentity {
    return this.who;
  }

  /**
   * Takes the person's name and organization as the database now has them (they moved to another agency): the
   * carets this connection owns say so at once, and whatever it sends later is labelled so. False when nothing changed.
   */
  reidentify(next: Pick<SyncIdentity, 'name' | 'organizationId' | 'acronym'>): boolean {
    const who = this.who;
    if (who.name === next.name && who.organizationId === next.organizationId && who.acronym === next.acronym) return false;
    this.who = { ...who, ...next };
    const update = relabelled(this.live.awareness, this.awarenessIds, this.who);
    if (update) awarenessProtocol.applyAwarenessUpdate(this.live.awareness, update, this);
    return true;
  }

  /** Whether this client's document writes are applied (members, facilitators) or dropped (observers). */
  get canWrite(): boolean {
    return this.mayWrite;
  }

  /** Applies a role change read from the database; regaining write access asks the client for what was dropped. */
  setCanWrite(canWrite: boolean): void {
    if (canWrite === this.mayWrite) return;
    this.mayWrite = canWrite;
    // Updates dropped while read-only are missing here and the client's next ones build on them (Yjs would hold
    // those back as pending, unsaved): a sync step 1 makes the client send everything this copy lacks, as a reconnect would.
    if (canWrite) this.send(encodeSyncStep1(Y.encodeStateVector(this.live.doc)));
  }

  /**
   * Asks the client for everything this copy lacks (its update built on something missing here), unless an ask is
   * still unanswered: a client flooding such updates gets one ask, not one per frame.
   */
  private askToResync(): void {
    if (this.askedToResync) return;
    this.askedToResync = true;
    this.send(encodeSyncStep1(Y.encodeStateVector(this.live.doc)));
  }

  /** A returning client's resync is taken: tell the hooks once (what it resent may all have been stored before). */
  private returned(resent?: Uint8Array): void {
    const vector = this.returningVector;
    if (!vector) return;
    this.returningVector = undefined;
    this.hooks.onReturningSync?.(this, vector, resent);
  }

  /** Called by the hub's shared heartbeat: a peer that missed the last ping is gone. */
  heartbeat(): void {
    if (this.closed) return;
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  /** Sends the opening sync step 1 and the current awareness. */
  start(): void {
    this.live.peers.add(this);
    // A lazily loaded plan's state vector is known once it is decoded; a fresh client needs only our step 2.
    this.live.whenMaterialized(() => this.send(encodeSyncStep1(Y.encodeStateVector(this.live.doc))));
    const awareness = this.live.awarenessMessage();
    if (awareness) this.send(awareness);
  }

  /** Sends a frame unless the client is too slow to keep up, in which case it is closed. */
  send(message: Uint8Array): void {
    if (this.writable()) this.ws.send(message, { binary: true });
  }

  /**
   * Sends the sync step 2 this client asked for; `onWritten` once it is handed to the kernel. Such a reply (a whole
   * large plan) may alone exceed the buffer limit: it does not count against it until written, or a plan over the
   * limit could never be opened. One such reply at a time: a client asking again while one is still on its way (a
   * flood of requests) has the next ones counted. Only replies: our own opening step 1 or awareness still on its way
   * must not cost the plan its exemption.
   */
  private sendReply(message: Uint8Array, onWritten?: () => void): void {
    if (!this.writable()) return onWritten?.();
    const exempt = this.repliesInFlight === 0 ? message.byteLength : 0;
    this.repliesInFlight += exempt;
    this.ws.send(message, { binary: true }, () => {
      this.repliesInFlight -= exempt;
      onWritten?.();
    });
  }

  /** Sends a broadcast framed once for every recipient: one socket write, no per-recipient framing. */
  sendFramed(frame: Buffer, messages: Uint8Array | readonly Uint8Array[]): void {
    if (!this.writable()) return;
    if (this.raw) this.raw.write(frame);
    else if (messages instanceof Uint8Array) this.ws.send(messages, { binary: true });
    else for (const message of messages) this.ws.send(message, { binary: true });
  }

  private writable(): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount - this.repliesInFlight > this.limits.maxBufferedBytes) {
      // A close frame would queue behind the very buffer that is too big: drop the socket and its buffer now.
      this.ws.terminate();
      this.dispose();
      return false;
    }
    return true;
  }

  /** Whether this connection is closed (ThrottledConnection). */
  isClosed(): boolean {
    return this.closed;
  }

  /** Stops reading frames while held ones wait their turn (ThrottledConnection). */
  pauseReading(): void {
    this.ws.pause();
  }

  /** Reads frames again (ThrottledConnection). */
  resumeReading(): void {
    this.ws.resume();
  }

  /** Closes with a contract code; a peer that does not answer the close handshake (paused, hostile) is dropped soon after. */
  close(code: number, reason = ''): void {
    if (this.closed) return;
    try {
      this.ws.close(code, reason);
      // ws would otherwise hold the socket (and anything buffered) for 30 s waiting for the peer's close frame.
      setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
    } catch (err) {
      // Closing a socket that is already gone is fine; make sure it is released.
      this.ws.terminate();
      void err;
    }
    this.dispose();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.throttle.drop();
    this.live.removePeer(this);
    this.hooks.onClose(this);
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (data.byteLength > this.limits.maxFrameBytes && !(this.canWrite && isSyncStep2(data))) return this.close(CLOSE.tooBig, 'frame too large');
    this.hooks.onMessage?.(data.byteLength);
    if (!this.throttle.admit()) return;
    if (!isBinary) return this.close(CLOSE.malformed, 'binary frames only');
    if (this.throttle.mustHold()) return this.throttle.hold(data);
    this.processFrame(data);
  }

  /** Decodes and applies one frame; a bad one closes only this connection (ThrottledConnection). */
  processFrame(data: Buffer): void {
    try {
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      if (err instanceof StateTooLarge) return this.close(CLOSE.tooBig, 'awareness state too large');
      if (err instanceof ApplyFailed) return this.hooks.onBroken(this, err.reason);
      // Our own checks name what is wrong; a decoder's or Yjs's message would only show the client our internals.
      this.close(CLOSE.malformed, err instanceof MalformedFrame ? err.message.slice(0, 100) : 'malformed frame');
    }
  }

  private handle(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const kind = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (kind === SYNC_STEP1) {
          if (!this.throttle.takeSyncRequest()) return;
          const vector = Y.decodeStateVector(payload);
          if (vector.size) {
            this.returningVector = vector;
            this.sendReply(this.live.syncStep2For(payload));
          } else {
            // A fresh client: a lazily loaded plan answers with its stored bytes and decodes them later.
            const reply = this.live.freshReply();
            this.sendReply(reply.message, reply.onWritten);
          }
        } else if (kind === SYNC_STEP2 || kind === SYNC_UPDATE) {
          if (!this.canWrite) return; // observers: writes dropped, connection kept
          if (kind === SYNC_STEP2) this.askedToResync = false;
          const decoded = Y.decodeUpdate(payload); // validate fully before touching the document
          // Nothing in it (a fresh client's answer to our step 1): applying it would only force a lazily loaded
          // document to decode now, in the way of the reply that client is waiting for.
          if (payload.length === 2 && payload[0] === 0 && payload[1] === 0) {
            if (kind === SYNC_STEP2) this.returned();
            return;
          }
          if (!this.hooks.acceptingWrites(payload.length)) return this.close(CLOSE.tryAgain, 'too many unsaved changes; retry shortly');
          const admission = admitClientUpdate(this.live.doc, payload, decoded, this.limits, this);
          if (admission.kind === 'planFull') return this.close(CLOSE.tooBig, `plan full: at most ${this.limits.maxActivitiesPerPlan} activities`);
          // A step 2 is the client's answer already: asking again would only bring the same answer back.
          if (admission.kind === 'askAgain') return kind === SYNC_UPDATE ? this.askToResync() : undefined;
          const { update } = admission;
          const outcome = this.live.applyFrom(update, this);
          // Yjs threw before changing anything: the update is malformed, only its sender is closed (4400).
          if (outcome.failed && outcome.untouched) throw new MalformedFrame('update could not be applied');
          if (outcome.failed) throw new ApplyFailed(outcome.error);
          // Part of it builds on something this copy lacks (a tab that got it from a sibling tab, not from us) and was
          // left out (see applyFrom): ask for everything we lack, which carries that part and what it needs.
          if (outcome.leftPending && kind === SYNC_UPDATE) this.askToResync();
          if (kind === SYNC_STEP2) this.returned(update);
        } else {
          throw new MalformedFrame('unknown sync message');
        }
        return;
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        // Another connection's caret is not this client's to move or remove: drop the frame.
        const claimed = awarenessClaims(this.live, update, this);
        if (claimed === null) return;
        if (this.awarenessIds.size + claimed > this.limits.maxAwarenessClientsPerConnection) throw new MalformedFrame('too many awareness clients');
        // A state's `user` is who the caret says it is: a client may not name someone else (an observer labelling
        // their caret "Alice · SSPC"). Honest clients already match, and their frames pass through untouched.
        const impersonates = validateAwarenessStates(update, this.limits.maxAwarenessStateBytes, (state) => !speaksAs(state, this.identity));
        awarenessProtocol.applyAwarenessUpdate(this.live.awareness, impersonates ? withIdentity(update, this.identity) : update, this);
        return;
      }
      case MESSAGE_QUERY_AWARENESS: {
        const message = this.live.awarenessMessage();
        if (message) this.send(message);
        return;
      }
      default:
        throw new MalformedFrame('unknown message type');
    }
  }
}
