import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withRestoreMarker } from '../versions/staleBaseEdits.js';
import { restoreMarkWrites } from './restoreMarkWrites.js';

const sender = () => ({ awarenessIds: new Set<number>(), relayedMarkers: new Set<number>() });
const verdict = (doc: Y.Doc, update: Uint8Array) => restoreMarkWrites(doc, update, Y.decodeUpdate(update), sender()).kind;

/** A client's update: what `write` does to a copy of `server`. */
function clientUpdate(server: Y.Doc, write: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  write(client);
  return Y.mergeUpdates(updates);
}

describe('restore marker writes', () => {
  it('finds a marker written in a large update as in a small one, and not words that only name the map', () => {
    const plan = new Y.Doc();
    const long = 'texto largo '.repeat(100);
    expect(verdict(plan, clientUpdate(plan, (d) => d.getText('t').insert(0, 'restoreMarks')))).toBe('none');
    expect(verdict(plan, clientUpdate(plan, (d) => d.getText('t').insert(0, `${long} restoreMarks`)))).toBe('none');
    const written = (d: Y.Doc) => {
      d.getText('t').insert(0, long);
      d.getMap('restoreMarks').set('ver_x', 1);
    };
    expect(clientUpdate(plan, written).length).toBeGreaterThan(512); // searched natively, not in place
    expect(verdict(plan, clientUpdate(plan, written))).toBe('written');
  });

  it('leaves out a relayed marker and keeps the rest of the update', () => {
    const plan = new Y.Doc();
    const { update: marker } = withRestoreMarker(new Uint8Array([0, 0]), 'ver_otro');
    const edit = clientUpdate(plan, (d) => d.getText('t').insert(0, 'hola'));
    const sent = Y.mergeUpdates([marker, edit]);
    const relayed = restoreMarkWrites(plan, sent, Y.decodeUpdate(sent), sender());
    expect(relayed.kind).toBe('relayed');
    if (relayed.kind !== 'relayed') return;
    Y.applyUpdate(plan, relayed.update);
    expect(plan.getText('t').toString()).toBe('hola');
    expect(plan.getMap('restoreMarks').size).toBe(0);
  });
});
