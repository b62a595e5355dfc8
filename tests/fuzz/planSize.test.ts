/**
 * A plan's activities are capped (limits.maxActivitiesPerPlan): an update that would add rows past the cap closes
 * its sender with 1009 and changes nothing, whether it comes as one big frame or as the row that tips it over. A
 * member pushing 20,000 rows in one frame had stalled the node for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { getActivities, insertActivity, readActivities } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { updateFrame } from '../helpers/yjsFrames.js';
import { closeCode, connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const CAP = 5;

/** Opens a raw socket on the plan and sends one update frame; resolves with the close code (0: still open after 1 s). */
async function sendUpdate(server: TestServer, documentId: string, token: string, update: Uint8Array): Promise<number> {
  const ws = new WebSocket(`${server.wsUrl}/yjs/${documentId}?token=${token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = closeCode(ws, 1000).catch(() => 0);
  ws.send(updateFrame(update));
  const code = await closed;
  if (ws.readyState === WebSocket.OPEN) ws.close();
  return code;
}

/** An update adding `count` rows to a copy of `base` (as a client that has synced would send). */
function rowsUpdate(base: Y.Doc, count: number, prefix: string): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  copy.transact(() => {
    for (let i = 0; i < count; i++) insertActivity(copy, { id: `${prefix}-${i}`, title: `${prefix} ${i}` });
  });
  return Y.encodeStateAsUpdate(copy, before);
}

describe('activities per plan', () => {
  let server: TestServer;
  let api: Api;
  let token: string;
  let docId: string;
  const clients: YClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ limits: { maxActivitiesPerPlan: CAP } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    api = ana.api;
    token = ana.api.token!;
    docId = await world.document(ana.api, await world.workspace(ana.api), 'blank');
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await server.close();
  });

  it('refuses rows past the cap with 1009, keeps the plan as it was, and lets edits within it through', async () => {
    const keeper = connectYjs(server.wsUrl, docId, token);
    clients.push(keeper);
    await waitSynced(keeper);
    keeper.doc.transact(() => {
      for (let i = 0; i < CAP - 1; i++) insertActivity(keeper.doc, { id: `ok-${i}`, title: `Actividad ${i}` });
    });

    // One frame adding two rows to a plan with room for one: refused whole.
    // Another client sees them: the server has them.
    const witness = connectYjs(server.wsUrl, docId, token);
    clients.push(witness);
    await waitFor(() => witness.provider.synced && getActivities(witness.doc).length === CAP - 1, 5000, 'rows stored');
    const tooMany = rowsUpdate(keeper.doc, 2, 'over');
    expect(await sendUpdate(server, docId, token, tooMany)).toBe(1009);

    // A resent copy of rows the plan already has is not counted as new.
    expect(await sendUpdate(server, docId, token, Y.encodeStateAsUpdate(keeper.doc))).toBe(0);
    // The row that fits goes through; the next one is refused.
    expect(await sendUpdate(server, docId, token, rowsUpdate(keeper.doc, 1, 'fits'))).toBe(0);
    await waitFor(() => getActivities(keeper.doc).length === CAP, 5000, 'the fitting row reaches the other client');
    expect(await sendUpdate(server, docId, token, rowsUpdate(keeper.doc, 1, 'tips'))).toBe(1009);
    // Editing a field of an existing row is not adding one.
    keeper.doc.transact(() => (getActivities(keeper.doc).get(0) as Y.Map<unknown>).set('title', 'Editada'));

    // A fresh client sees the cap's rows and none of the refused ones.
    const fresh = connectYjs(server.wsUrl, docId, token);
    clients.push(fresh);
    await waitSynced(fresh);
    await waitFor(() => readActivities(fresh.doc)[0]?.title === 'Editada', 5000, 'the edit within the cap');
    const ids = readActivities(fresh.doc).map((a) => a.id);
    expect(ids).toHaveLength(CAP);
    expect(ids.filter((id) => id.startsWith('over') || id.startsWith('tips'))).toEqual([]);
    expect(ids).toContain('fits-0');
    expect((await api.get('/api/health')).status).toBe(200);
  });
});
