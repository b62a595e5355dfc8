import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocument, type DocumentPeer } from './liveDocument.js';
import { TurnCoalescer } from './writeCoalescing.js';

const nextTurn = () => new Promise((r) => setImmediate(r));

/** A peer that records what it is sent: each write's bytes, and the messages it carried. */
function recordingPeer(userId: string) {
  const writes: Buffer[] = [];
  const messages: Uint8Array[] = [];
  const peer: DocumentPeer = {
    userId,
    awarenessIds: new Set(),
    send: (m) => messages.push(m),
    sendFramed: (frame, carried) => {
      writes.push(frame);
      messages.push(...(carried instanceof Uint8Array ? [carried] : carried));
    },
  };
  return { peer, writes, messages };
}

/** The payloads of the unmasked binary WebSocket frames (payloads under 126 bytes) in `bytes`. */
function framesIn(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    expect(bytes[at]).toBe(0x82);
    const n = bytes[at + 1];
    out.push(Buffer.from(bytes.subarray(at + 2, at + 2 + n)).toString('hex'));
    at += 2 + n;
  }
  return out;
}

describe('TurnCoalescer', () => {
  it('tells a first broadcast in a turn from a repeat, per source, and runs what was held at the end of the turn', async () => {
    const coalescer = new TurnCoalescer();
    const doc = {};
    const other = {};
    expect(coalescer.repeatInTurn(doc)).toBe(false);
    expect(coalescer.repeatInTurn(other)).toBe(false); // one document's first is not held back by another's
    expect(coalescer.repeatInTurn(doc)).toBe(true);
    const ran: string[] = [];
    coalescer.atEndOfTurn(() => ran.push('held'));
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual(['held']);
    expect(coalescer.repeatInTurn(doc)).toBe(false); // a new turn
  });
});

describe('LiveDocument broadcasts within one turn', () => {
  it('writes the first at once, then gives each peer the rest in one write, without what it sent itself, in order', async () => {
    const ydoc = new Y.Doc();
    const live = new LiveDocument('doc', 'ws', ydoc, { maxMs: 100, perPeerMs: 2, renewalMs: 5000 }, undefined);
    const ana = recordingPeer('ana');
    const beto = recordingPeer('beto');
    const reader = recordingPeer('lectora');
    for (const p of [ana, beto, reader]) live.peers.add(p.peer);
    const writers = { ana: new Y.Doc(), beto: new Y.Doc() };
    const sent: Array<{ from: DocumentPeer; update: Uint8Array }> = [];
    const edit = (who: 'ana' | 'beto', text: string) => {
      const w = writers[who];
      const before = Y.encodeStateVector(w);
      w.getText(who).insert(w.getText(who).length, text);
      const update = Y.encodeStateAsUpdate(w, before);
      const from = who === 'ana' ? ana.peer : beto.peer;
      sent.push({ from, update });
      expect(live.applyFrom(update, from)).toEqual({ failed: false, leftPending: false });
    };
    edit('ana', 'a1');
    expect(reader.writes).toHaveLength(1); // no added latency for a lone broadcast
    expect(beto.writes).toHaveLength(1);
    expect(ana.writes).toHaveLength(0);
    edit('beto', 'b1');
    edit('ana', 'a2');
    edit('beto', 'b2');
    expect(reader.writes).toHaveLength(1);
    await nextTurn();

    // The reader: the three repeats in one write, in order; each writer: the others' only.
    expect(reader.writes).toHaveLength(2);
    expect(framesIn(reader.writes[1])).toHaveLength(3);
    expect(ana.writes).toHaveLength(1);
    expect(framesIn(ana.writes[0])).toHaveLength(2);
    expect(beto.writes).toHaveLength(2);
    expect(framesIn(beto.writes[1])).toHaveLength(1);
    const received = (p: ReturnType<typeof recordingPeer>) => p.writes.flatMap(framesIn);
    expect(received(reader)).toEqual(reader.messages.map((m) => Buffer.from(m).toString('hex')));
    for (const p of [ana, beto, reader]) expect(p.messages).toHaveLength(sent.length - sent.filter((s) => s.from === p.peer).length);
    // Every peer's copy plus its own edits is the document.
    for (const [who, p] of [['ana', ana], ['beto', beto]] as const) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(writers[who]));
      for (const m of p.messages) Y.applyUpdate(copy, readUpdate(m));
      expect(copy.getText('ana').toString() + copy.getText('beto').toString()).toBe('a1a2b1b2');
    }
    const copy = new Y.Doc();
    for (const m of reader.messages) Y.applyUpdate(copy, readUpdate(m));
    expect(copy.getText('ana').toString() + copy.getText('beto').toString()).toBe('a1a2b1b2');
  });
});

/** The update in a y-websocket sync update message (type 0, sync kind 2, then the length-prefixed update). */
function readUpdate(message: Uint8Array): Uint8Array {
  expect([message[0], message[1]]).toEqual([0, 2]);
  let at = 2;
  let n = 0;
  for (let shift = 0; ; shift += 7) {
    const b = message[at++];
    n |= (b & 0x7f) << shift;
    if (b < 0x80) break;
  }
  return message.subarray(at, at + n);
}
