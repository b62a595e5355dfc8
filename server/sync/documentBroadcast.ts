/**
 * A plan's fan-out to its peers: each message framed once for all of them, and a plan's repeats within one
 * event-loop turn held and written to each peer joined in one buffer (see writeCoalescing.ts).
 */
import type { DocumentPeer } from './documentPeer.js';
import { frameBinary } from './framing.js';
import { turnCoalescer } from './writeCoalescing.js';

/** Held frames above this many bytes in all are written one by one: joining would copy a large paste per recipient. */
const JOIN_FRAMES_MAX_BYTES = 256 * 1024;

/** Sends one plan's broadcasts to its peers (the live set the plan owns), holding repeats to the end of the turn. */
export class DocumentBroadcast {
  /** Broadcasts held to the end of this turn, each with the peer it came from (not sent back to it). */
  private held: { frames: Buffer[]; messages: Uint8Array[]; excepts: unknown[] } | null = null;

  constructor(private readonly peers: ReadonlySet<DocumentPeer>) {}

  /** Sends one message to every peer but `except`, framed once for all of them; a repeat within a turn is held (see writeCoalescing.ts). */
  send(message: Uint8Array, except: unknown): void {
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
}

/** Frames joined in one buffer (the one frame itself when alone); undefined when they are too large to copy. */
function joinFrames(frames: Buffer[]): Buffer | undefined {
  if (frames.length === 1) return frames[0];
  let bytes = 0;
  for (const f of frames) bytes += f.byteLength;
  return bytes <= JOIN_FRAMES_MAX_BYTES ? Buffer.concat(frames, bytes) : undefined;
}
