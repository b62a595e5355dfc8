import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { covers, restoresNotSeen, withRestoreMarker } from '../../server/versions/staleBaseEdits.js';

const vectorOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('restore marks', () => {
  it('a restore that only deletes still carries clocks, and only clients that received it cover them', () => {
    const server = new Y.Doc();
    insertActivity(server, { id: 'act-1', title: 'Fila' });
    const stale = new Y.Doc();
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(server));
    const fresh = new Y.Doc();
    expect(restoresNotSeen(server, vectorOf(stale))).toEqual([]);

    // The restore deletes the row: a delete-only change.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    copy.on('update', (u: Uint8Array) => updates.push(u));
    getActivities(copy).delete(0, 1);
    const change = Y.mergeUpdates(updates);
    expect(Y.parseUpdateMeta(change).to.size).toBe(0);

    const { update, mark } = withRestoreMarker(change, 'ver-backup');
    expect(Object.keys(mark)).toHaveLength(1);
    Y.applyUpdate(server, update);
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    expect(getActivities(server).length).toBe(0);

    expect(covers(vectorOf(stale), mark)).toBe(false);
    expect(covers(vectorOf(fresh), mark)).toBe(true);
    expect(restoresNotSeen(server, vectorOf(stale))).toEqual(['ver-backup']);
    expect(restoresNotSeen(server, vectorOf(fresh))).toEqual([]);
    // A later write to the same key does not hide the restore from a client that never got it.
    const overwrite = new Y.Doc();
    Y.applyUpdate(overwrite, Y.encodeStateAsUpdate(server));
    overwrite.getMap('restoreMarks').set('ver-backup', 0);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(overwrite, Y.encodeStateVector(server)));
    expect(restoresNotSeen(server, vectorOf(stale))).toEqual(['ver-backup']);
  });
});
