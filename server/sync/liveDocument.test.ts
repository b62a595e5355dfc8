import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LiveDocument } from './liveDocument.js';
import { encodeSyncStep2 } from './protocol.js';

/** A string item at clock 0 of `client` whose left origin is itself: Yjs throws on it before changing anything. */
function selfOriginString(client: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0);
  encoding.writeUint8(e, 0x80 | 4);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, 'x');
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

describe('LiveDocument.applyFrom', () => {
  it('says when an update left something out for what the copy lacks, and keeps none of it waiting', () => {
    const doc = new Y.Doc();
    const live = new LiveDocument('doc', 'ws', doc, { maxMs: 100, perPeerMs: 2, renewalMs: 5000 }, undefined);
    const client = new Y.Doc();
    client.getArray('activities').push(['a']);
    const first = Y.encodeStateAsUpdate(client);
    const before = Y.encodeStateVector(client);
    client.getArray('activities').push(['b']);
    const second = Y.encodeStateAsUpdate(client, before);
    // The second builds on the first, which the copy has not got: left out, nothing waits.
    expect(live.applyFrom(second, 'peer')).toEqual({ failed: false, leftPending: true });
    expect(doc.store.pendingStructs).toBeNull();
    const deletion = new Y.Doc();
    Y.applyUpdate(deletion, first);
    let deleteOnly: Uint8Array | undefined;
    deletion.once('update', (u: Uint8Array) => (deleteOnly = u));
    deletion.getArray('activities').delete(0, 1);
    expect(live.applyFrom(deleteOnly!, 'peer')).toEqual({ failed: false, leftPending: true });
    expect(doc.store.pendingDs).toBeNull();
    // An update that waits for nothing: nothing left out.
    const unrelated = new Y.Doc();
    unrelated.getMap('saveMarks').set('x', 1);
    expect(live.applyFrom(Y.encodeStateAsUpdate(unrelated), 'peer')).toEqual({ failed: false, leftPending: false });
    // The first arrives: only it is in; the left-out parts come again with the sender's answer to the server's ask.
    expect(live.applyFrom(first, 'peer')).toEqual({ failed: false, leftPending: false });
    expect(doc.getArray('activities').toJSON()).toEqual(['a']);
    expect(live.applyFrom(Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc)), 'peer')).toEqual({ failed: false, leftPending: false });
    expect(live.applyFrom(Y.encodeStateAsUpdate(deletion, Y.encodeStateVector(doc)), 'peer')).toEqual({ failed: false, leftPending: false });
    expect(doc.getArray('activities').toJSON()).toEqual(['b']);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
  });

  it('keeps what waited before (a gap in other nodes’ updates) when a client’s update leaves something out', () => {
    const doc = new Y.Doc();
    const live = new LiveDocument('doc', 'ws', doc, { maxMs: 100, perPeerMs: 2, renewalMs: 5000 }, undefined);
    const remote = new Y.Doc();
    remote.getArray('activities').push(['r1']);
    const r1 = Y.encodeStateAsUpdate(remote);
    const mid = Y.encodeStateVector(remote);
    remote.getArray('activities').push(['r2']);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, mid), 'remote'); // waits for r1
    const waiting = doc.store.pendingStructs?.update;
    expect(waiting).toBeDefined();
    const client = new Y.Doc();
    client.getArray('activities').push(['c1']);
    const cMid = Y.encodeStateVector(client);
    client.getArray('activities').push(['c2']);
    expect(live.applyFrom(Y.encodeStateAsUpdate(client, cMid), 'peer')).toEqual({ failed: false, leftPending: true });
    expect(doc.store.pendingStructs?.update).toEqual(waiting);
    Y.applyUpdate(doc, r1, 'remote');
    expect(doc.getArray('activities').toJSON()).toEqual(['r1', 'r2']);
  });

  it('applies an update, and tells an update Yjs throws on before changing anything from one that may have changed the copy', () => {
    const doc = new Y.Doc();
    doc.getArray('activities').push(['a']);
    const live = new LiveDocument('doc', 'ws', doc, { maxMs: 100, perPeerMs: 2, renewalMs: 5000 }, undefined);
    const broadcast: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => broadcast.push(u));

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getArray('activities').push(['b']);
    expect(live.applyFrom(Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'peer')).toEqual({ failed: false, leftPending: false });
    expect(doc.getArray('activities').toJSON()).toEqual(['a', 'b']);
    expect(broadcast).toHaveLength(1);

    const refused = live.applyFrom(selfOriginString(5555), 'peer');
    expect(refused).toMatchObject({ failed: true, untouched: true });
    expect(broadcast).toHaveLength(1);
    expect(doc.getArray('activities').toJSON()).toEqual(['a', 'b']);

    // An item left waiting for another client's, then an empty deletion range Yjs throws on: the copy changed
    // (its pending set), so it is not untouched and must be dropped by the caller.
    const halfway = Buffer.from('AQHHwcuJCWuox8HLiwlqAXcDeDMzAcfBy4sJAWoA', 'base64');
    expect(live.applyFrom(halfway, 'peer')).toMatchObject({ failed: true, untouched: false });
    live.destroy();
  });
});

describe('LiveDocument lazy decode', () => {
  const storedPlan = (prose = ''): Uint8Array => {
    const source = new Y.Doc();
    source.getArray('activities').push(['a']);
    if (prose) source.getText('prose').insert(0, prose);
    return Y.encodeStateAsUpdate(source);
  };
  const lazyPlan = (stored: Uint8Array): LiveDocument => {
    const live = new LiveDocument('doc', 'ws', new Y.Doc(), { maxMs: 100, perPeerMs: 2, renewalMs: 5000 }, undefined);
    live.setStoredState(stored);
    return live;
  };

  it('serves a fresh joiner the stored bytes and decodes them once the reply is written and joins have been quiet', () => {
    vi.useFakeTimers();
    const stored = storedPlan();
    const live = lazyPlan(stored);
    try {
      const decoded: string[] = [];
      live.whenMaterialized(() => decoded.push(JSON.stringify(live.doc.getArray('activities').toJSON())));
      const reply = live.freshReply();
      expect(Buffer.compare(reply.message, encodeSyncStep2(stored))).toBe(0);
      // Still being written: no decode, however long the write takes.
      vi.advanceTimersByTime(2000);
      expect(live.materialized).toBe(false);
      reply.onWritten?.();
      // A small plan: a quarter of a second.
      vi.advanceTimersByTime(249);
      expect(live.materialized).toBe(false);
      vi.advanceTimersByTime(1);
      expect(live.materialized).toBe(true);
      expect(decoded).toEqual(['["a"]']);
    } finally {
      live.destroy();
      vi.useRealTimers();
    }
  });

  it('gives the readers of a larger plan longer to apply it: a second per megabyte', () => {
    vi.useFakeTimers();
    const live = lazyPlan(storedPlan('x'.repeat(2 * 2 ** 20)));
    try {
      live.freshReply().onWritten?.();
      vi.advanceTimersByTime(1990);
      expect(live.materialized).toBe(false);
      vi.advanceTimersByTime(20);
      expect(live.materialized).toBe(true);
      expect(live.doc.getText('prose').length).toBe(2 * 2 ** 20);
    } finally {
      live.destroy();
      vi.useRealTimers();
    }
  });

  it('decodes five seconds after loading at the latest while fresh joiners keep coming', () => {
    vi.useFakeTimers();
    const live = lazyPlan(storedPlan());
    try {
      for (let t = 200; t <= 4800; t += 200) {
        vi.advanceTimersByTime(200);
        expect(live.materialized).toBe(false);
        live.freshReply().onWritten?.();
      }
      // 4,800 ms after the load, the last reply written: the decode waits until the five seconds are up, not a whole quiet period more.
      vi.advanceTimersByTime(199);
      expect(live.materialized).toBe(false);
      vi.advanceTimersByTime(1);
      expect(live.materialized).toBe(true);
      expect(live.doc.getArray('activities').toJSON()).toEqual(['a']);
    } finally {
      live.destroy();
      vi.useRealTimers();
    }
  });
});
