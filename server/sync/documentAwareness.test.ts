import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { DocumentAwareness } from './documentAwareness.js';
import type { DocumentBroadcast } from './documentBroadcast.js';
import type { DocumentPeer } from './documentPeer.js';

/** The client ids and states of a broadcast awareness message. */
function statesIn(message: Uint8Array): Map<number, unknown> {
  const d = decoding.createDecoder(message);
  decoding.readVarUint(d); // message type
  const update = decoding.createDecoder(decoding.readVarUint8Array(d));
  const out = new Map<number, unknown>();
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    const id = decoding.readVarUint(update);
    decoding.readVarUint(update);
    out.set(id, JSON.parse(decoding.readVarString(update)));
  }
  return out;
}

const peer = (userId: string): DocumentPeer => ({ send: () => {}, sendFramed: () => {}, awarenessIds: new Set(), userId });

describe('DocumentAwareness', () => {
  afterEach(() => vi.useRealTimers());

  it('passes a changed presence on within its tick, and a presence that only renewed itself within the renewal window, merged', () => {
    vi.useFakeTimers();
    const sent: Uint8Array[] = [];
    const fanOut = { send: (m: Uint8Array) => sent.push(m) } as unknown as DocumentBroadcast;
    const [ana, beto] = [peer('ana'), peer('beto')];
    const carets = new DocumentAwareness(new Y.Doc(), new Set([ana, beto]), fanOut, { maxMs: 100, perPeerMs: 2, renewalMs: 5000 }, undefined);
    // Two stock clients: each sets its presence, then renews it unchanged (as y-protocols does every 15 s).
    const clients = [new Y.Doc(), new Y.Doc()].map((doc) => new awarenessProtocol.Awareness(doc));
    const [a, b] = clients;
    a.setLocalState({ user: { name: 'Ana' } });
    b.setLocalState({ user: { name: 'Beto' } });
    const apply = (from: awarenessProtocol.Awareness, by: DocumentPeer) =>
      awarenessProtocol.applyAwarenessUpdate(carets.awareness, awarenessProtocol.encodeAwarenessUpdate(from, [from.clientID]), by);

    apply(a, ana);
    apply(b, beto);
    vi.advanceTimersByTime(10);
    expect(sent.map(statesIn)).toEqual([new Map([[a.clientID, { user: { name: 'Ana' } }], [b.clientID, { user: { name: 'Beto' } }]])]);

    // Renewals: the server takes them at once (its own copy stays fresh) but holds them back from the peers.
    a.setLocalState(a.getLocalState());
    b.setLocalState(b.getLocalState());
    apply(a, ana);
    apply(b, beto);
    expect(carets.awareness.meta.get(a.clientID)?.clock).toBe(a.meta.get(a.clientID)?.clock);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);

    // A move meanwhile goes out on its tick, newest state and clock; the renewal that follows carries only the other.
    a.setLocalStateField('cursor', { at: 3 });
    apply(a, ana);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
    expect(statesIn(sent[1])).toEqual(new Map([[a.clientID, { user: { name: 'Ana' }, cursor: { at: 3 } }]]));
    vi.advanceTimersByTime(4000);
    expect(sent).toHaveLength(3);
    expect([...statesIn(sent[2]).keys()]).toEqual([b.clientID]);

    // A presence renewed and then removed is not renewed for the peers: its removal went out on its tick.
    b.setLocalState(b.getLocalState());
    apply(b, beto);
    b.setLocalState(null);
    apply(b, beto);
    vi.advanceTimersByTime(100);
    expect(statesIn(sent[3])).toEqual(new Map([[b.clientID, null]]));
    vi.advanceTimersByTime(6000);
    expect(sent).toHaveLength(4);

    carets.destroy();
    for (const c of clients) c.destroy();
  });
});
