import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocument } from './liveDocument.js';

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
  it('applies an update, and tells an update Yjs throws on before changing anything from one that may have changed the copy', () => {
    const doc = new Y.Doc();
    doc.getArray('activities').push(['a']);
    const live = new LiveDocument('doc', 'ws', doc, { maxMs: 100, perPeerMs: 2 }, undefined);
    const broadcast: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => broadcast.push(u));

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getArray('activities').push(['b']);
    expect(live.applyFrom(Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'peer')).toEqual({ failed: false });
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
