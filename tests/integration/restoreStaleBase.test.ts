/**
 * A client cut off while a version is restored keeps editing the plan as it was. When it comes back (long after the
 * few seconds in which edits in flight are still taken in), what it typed into blocks the restore removed is hidden
 * in the plan, as any edit into a block deleted meanwhile; the automatic backup «Antes de restaurar …», which holds
 * what there was before the restore, must hold it too — on whichever node the client comes back to.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, getBody, insertActivity, readPlanContent } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { plain, textContaining } from '../helpers/comments.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, coveredBy, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';
import { LATE_EDIT_WINDOW_MS } from '../../server/versions/lateEdits.js';

const OFFLINE_TEXT = ' TRABAJO OFFLINE DE B: tres horas de redaccion importante.';
const OFFLINE_DESCRIPTION = 'Descripcion offline de B';

function rowOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  const row = getActivities(doc).toArray().find((r) => r.get('id') === id);
  if (!row) throw new Error(`no activity ${id}`);
  return row;
}

type Content = { body: string; activities: Array<{ id: string; title: string; description: string }> };

describe.each(BACKENDS)('edits made offline across a restore, on $name', (backend) => {
  const servers: TestServer[] = [];
  const clients: YClient[] = [];
  const sockets: Array<{ disconnect(): void }> = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    sockets.splice(0).forEach((s) => s.disconnect());
    for (const s of servers.splice(0)) await s.close();
  });

  /**
   * V1, then a paragraph and a row added after it; Beto, synced, is cut off and edits both; Ana restores V1; Beto
   * comes back after the late-edit window, to `returnTo` (the same server, or another sharing the database).
   */
  async function offlineAcrossRestore(returnTo: 'same' | 'other') {
    const db = await backend.fresh();
    const first = await startTestServer(db);
    servers.push(first);
    const world = await createWorld(first.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, ws);
    const a = connectYjs(first.wsUrl, docId, ana.api.token);
    const b = connectYjs(first.wsUrl, docId, beto.api.token);
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const events = await connectEvents(first.url, ana.api.token!, ws);
    sockets.push(events);
    const seen = recordEvents(events, ['document:saved']);
    const saved = (...docs: Y.Doc[]) =>
      waitFor(() => docs.every((d) => seen.some((e) => e.event === 'document:saved' && e.payload.documentId === docId && coveredBy(d, e.payload.stateVector))), 10000, 'saved');

    const named = await ana.api.post(`/api/documents/${docId}/versions`, { name: 'V1' });
    expect(named.status).toBe(201);
    const v1 = named.body.version as { id: string };
    const v1Content = (await ana.api.get(`/api/versions/${v1.id}`)).body.content as Content;

    // After V1: a new paragraph and a new activity row.
    a.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Parrafo nuevo despues de V1.')]);
      getBody(a.doc).insert(getBody(a.doc).length, [paragraph]);
    });
    insertActivity(a.doc, { id: 'act-posterior', title: 'Fila posterior a V1' });
    await waitFor(() => getActivities(b.doc).length === 1 && getBody(b.doc).toString().includes('Parrafo nuevo'), 5000, 'the additions reach Beto');
    await saved(a.doc);

    // Beto is cut off (his copy is kept) and edits both.
    b.provider.destroy();
    const paragraph = textContaining(b.doc, 'Parrafo nuevo despues de V1.');
    paragraph.insert(plain(paragraph).length, OFFLINE_TEXT);
    rowOf(b.doc, 'act-posterior').set('description', OFFLINE_DESCRIPTION);

    const restored = await ana.api.post(`/api/versions/${v1.id}/restore`);
    expect(restored.status).toBe(200);
    const backupId = restored.body.backupVersion.id as string;
    // Past the window in which edits in flight as a restore lands are still taken in.
    await new Promise((r) => setTimeout(r, LATE_EDIT_WINDOW_MS + 1500));

    let server = first;
    if (returnTo === 'other') {
      server = await startTestServer(db);
      servers.push(server);
    }
    const back = connectYjs(server.wsUrl, docId, beto.api.token, { doc: b.doc });
    clients.push(back);
    await waitSynced(back);
    return { ana, docId, a, back, backupId, v1Content, server };
  }

  async function expectBackupHoldsOfflineWork(api: Api, docId: string, backupId: string, v1Content: Content) {
    // The plan is V1: the offline edits went into blocks the restore removed (normal for concurrent edits).
    const current = (await api.get(`/api/documents/${docId}/export?format=json`)).body as Content;
    expect(current.body).toBe(v1Content.body);
    expect(current.body).not.toContain('TRABAJO OFFLINE');
    expect(current.activities).toEqual([]);

    // The backup the restore announced, as the list names it, holds what there was before plus Beto's offline work.
    const list = (await api.get(`/api/documents/${docId}/versions`)).body.versions as Array<{ id: string; name: string; kind: string }>;
    const backup = list.find((v) => v.name === 'Antes de restaurar «V1»');
    expect(backup).toMatchObject({ id: backupId, kind: 'auto' });
    const read = async () => (await api.get(`/api/versions/${backupId}`)).body.content as Content;
    await waitFor(async () => (await read()).body.includes('TRABAJO OFFLINE'), 10_000, 'the offline text in the backup');
    await waitFor(async () => (await read()).activities.some((r) => r.description === OFFLINE_DESCRIPTION), 10_000, 'the offline row in the backup');
    const content = await read();
    expect(content.body).toContain(`Parrafo nuevo despues de V1.${OFFLINE_TEXT}`);
    expect(content.activities.map((r) => [r.id, r.title, r.description])).toEqual([['act-posterior', 'Fila posterior a V1', OFFLINE_DESCRIPTION]]);
  }

  it('adds the edits a client made before it received a restore to that restore’s backup, however late it returns', async () => {
    const { ana, docId, a, back, backupId, v1Content } = await offlineAcrossRestore('same');
    await waitFor(() => JSON.stringify(readPlanContent(a.doc)) === JSON.stringify(readPlanContent(back.doc)), 5000, 'convergence');
    await expectBackupHoldsOfflineWork(ana.api, docId, backupId, v1Content);
    // Undoing the restore brings the offline work back into the plan.
    expect((await ana.api.post(`/api/versions/${backupId}/restore`)).status).toBe(200);
    await waitFor(() => getBody(a.doc).toString().includes('TRABAJO OFFLINE'), 5000, 'the undo reaches Ana');
    expect(rowOf(a.doc, 'act-posterior').get('description')).toBe(OFFLINE_DESCRIPTION);
  });

  // Two servers on one database: PostgreSQL only (a PGlite data directory belongs to one process), so defined there only.
  if (backend.name === 'postgres') {
    it('does the same when the client returns to another server sharing the database', async () => {
      const { ana, docId, backupId, v1Content } = await offlineAcrossRestore('other');
      await expectBackupHoldsOfflineWork(ana.api, docId, backupId, v1Content);
    });
  }
});
