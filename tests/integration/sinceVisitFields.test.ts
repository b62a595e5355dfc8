/**
 * "Since your last visit" names which fields of an activity others changed (not those changed and changed back), and
 * a visit kept in the old format (one digest per activity) still answers "changed", without fields.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentVisits } from '../../db/schema.js';
import { wholeActivityDigests } from '../../server/notifications/activityDigests.js';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

interface StoredRow {
  id: string;
  title: string;
  status: string;
  endDate: string | null;
  target: string;
}

describe.each(BACKENDS)('since your last visit names the changed fields on $name', (backend) => {
  let server: TestServer;
  let world: World;
  const clients: YClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(async () => {
    await server?.close();
  });

  it('lists endDate and target for the activity another member changed, the new one as added, not a field changed back; reads an old-format visit', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, ws);
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(a);
    await waitSynced(a);
    const changes = async () => (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body;
    const stored = (check: (rows: StoredRow[]) => boolean) =>
      waitFor(async () => check((await beto.api.get(`/api/documents/${docId}/export?format=json`)).body?.activities ?? []), 5000, 'rows stored');

    insertActivity(a.doc, { id: 'act-1', title: 'Capacitación', endDate: '2026-06-30', target: '10 talleres' });
    insertActivity(a.doc, { id: 'act-2', title: 'Campaña' });
    await stored((rows) => rows.length === 2);
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);

    // Ana moves the end and the target, sets the status and sets it back, and adds an activity.
    const first = getActivities(a.doc).get(0);
    first.set('endDate', '2026-09-30');
    first.set('target', '25 talleres');
    first.set('status', 'done');
    first.set('status', 'planned');
    insertActivity(a.doc, { id: 'act-3', title: 'Foro regional' });
    await stored((rows) => rows.length === 3 && rows[0].target === '25 talleres' && rows[0].endDate === '2026-09-30' && rows[0].status === 'planned');
    const res = await beto.api.get(`/api/documents/${docId}/changes-since-visit`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      addedActivityIds: ['act-3'],
      changedActivityIds: ['act-1'],
      changedActivities: [{ id: 'act-1', fields: ['endDate', 'target'] }],
      removedActivities: 0,
    });

    // A visit stored before fields were digested: one digest per activity, no packed field digests.
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    const db = server.services.database.db;
    await db
      .update(documentVisits)
      .set({ activityDigests: wholeActivityDigests(a.doc), activityFieldDigests: null })
      .where(and(eq(documentVisits.userId, beto.id), eq(documentVisits.documentId, docId)));
    getActivities(a.doc).get(1).set('title', 'Campaña estatal');
    // Changed and changed back: the old digests still leave it out.
    getActivities(a.doc).get(2).set('status', 'done');
    getActivities(a.doc).get(2).set('status', 'planned');
    await stored((rows) => rows[1].title === 'Campaña estatal');
    const old = await beto.api.get(`/api/documents/${docId}/changes-since-visit`);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ addedActivityIds: [], changedActivityIds: ['act-2'], changedActivities: [{ id: 'act-2', fields: [] }] });
    expect(await changes()).toEqual(old.body);
  });
});
