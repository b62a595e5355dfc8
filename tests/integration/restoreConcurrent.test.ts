/**
 * Restores of one plan that arrive together (a double click, two people in the same second, two nodes) run one after
 * the other. Each used to compute its change from the same state, and the plan ended up holding the version twice.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, getBody, insertActivity, readPlanContent } from '../../shared/planModel.js';
import { acquireRestoreLease } from '../../server/versions/restoreLease.js';
import { Api, createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { createTestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, coveredBy, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

type Content = ReturnType<typeof readPlanContent>;

const servers: TestServer[] = [];
const clients: YClient[] = [];
const sockets: Array<{ disconnect(): void }> = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  sockets.splice(0).forEach((s) => s.disconnect());
  for (const s of servers.splice(0)) await s.close();
});

function addParagraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  getBody(doc).push([p]);
}

/** Ana (facilitator) and Beto (member) on `servers[0]`, a plan with two named versions that differ in prose and rows. */
async function planWithTwoVersions() {
  const world = await createWorld(servers[0].url);
  const ana = await world.user('Ana', 'SSPC');
  const beto = await world.user('Beto', 'FGR');
  const ws = await world.workspace(ana.api);
  await world.addMember(ws, ana.api, beto.id, 'member');
  const docId = await world.document(ana.api, ws);
  const a = connectYjs(servers[0].wsUrl, docId, ana.api.token);
  clients.push(a);
  await waitSynced(a);
  const events = await connectEvents(servers[0].url, ana.api.token!, ws);
  sockets.push(events);
  const seen = recordEvents(events, ['document:saved']);
  const saved = () => waitFor(() => seen.some((e) => e.event === 'document:saved' && e.payload.documentId === docId && coveredBy(a.doc, e.payload.stateVector)), 10000, 'saved');

  // Each version's text and row are gone from the plan afterwards, so restoring it has to put them back: two restores
  // computed from the same state would each put them back once.
  const blocks = getBody(a.doc).length;
  addParagraph(a.doc, 'Párrafo de la versión A.');
  insertActivity(a.doc, { id: 'act-a', title: 'Actividad A', stateCodes: ['08'] });
  await saved();
  const versionA = await nameVersion(ana.api, docId, 'Versión A');
  a.doc.transact(() => {
    getBody(a.doc).delete(blocks, 1);
    getActivities(a.doc).delete(0, 1);
  });
  addParagraph(a.doc, 'Párrafo de la versión B.');
  insertActivity(a.doc, { id: 'act-b', title: 'Actividad B' });
  await saved();
  const versionB = await nameVersion(ana.api, docId, 'Versión B');
  a.doc.transact(() => {
    getBody(a.doc).delete(blocks, 1);
    getActivities(a.doc).delete(0, 1);
  });
  addParagraph(a.doc, 'Texto posterior a las dos versiones.');
  insertActivity(a.doc, { id: 'act-c', title: 'Actividad C' });
  await saved();
  return { ana, beto, docId, a, versionA, versionB };
}

async function nameVersion(api: Api, docId: string, name: string): Promise<{ id: string; content: Content }> {
  const r = await api.post(`/api/documents/${docId}/versions`, { name });
  expect(r.status).toBe(201);
  const content = (await api.get(`/api/versions/${r.body.version.id}`)).body.content as Content;
  return { id: r.body.version.id, content };
}

const sameContent = (doc: Y.Doc, content: Content) => JSON.stringify(readPlanContent(doc)) === JSON.stringify(content);

async function backupsOf(api: Api, docId: string): Promise<Content[]> {
  const listed = (await api.get(`/api/documents/${docId}/versions`)).body.versions as Array<{ id: string; kind: string }>;
  const autos = listed.filter((v) => v.kind === 'auto');
  return Promise.all(autos.map(async (v) => (await api.get(`/api/versions/${v.id}`)).body.content as Content));
}

describe.each(BACKENDS)('restores of one plan at the same time, on $name', (backend) => {
  it('a double click restores the version once: its text and rows are in the plan once, not twice', async () => {
    servers.push(await startTestServer(await backend.fresh()));
    const { ana, docId, a, versionA } = await planWithTwoVersions();
    const before = readPlanContent(a.doc);
    const [first, second] = await Promise.all([0, 1].map(() => ana.api.post(`/api/versions/${versionA.id}/restore`)));
    expect([first.status, second.status]).toEqual([200, 200]);

    await waitFor(() => sameContent(a.doc, versionA.content), 10000, 'the plan is version A');
    const plan = readPlanContent(a.doc);
    expect(plan.body.split('Párrafo de la versión A.').length - 1).toBe(1);
    expect(plan.activities.map((x) => x.id)).toEqual(['act-a']);
    // The later of the two saved the plan as the earlier left it: version A, so undoing either is exact.
    const backups = await backupsOf(ana.api, docId);
    expect(backups).toHaveLength(2);
    expect(backups).toContainEqual(before);
    expect(backups).toContainEqual(versionA.content);
    // What the server stored and serves is the same plan.
    const exported = (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body as { activities: Array<{ id: string }> };
    expect(exported.activities.map((x) => x.id)).toEqual(['act-a']);
  });

  it('two people restoring two versions at once leave the plan as one of them, and each backup as the plan was', async () => {
    servers.push(await startTestServer(await backend.fresh()));
    const { ana, beto, docId, a, versionA, versionB } = await planWithTwoVersions();
    const before = readPlanContent(a.doc);
    const [byAna, byBeto] = await Promise.all([ana.api.post(`/api/versions/${versionA.id}/restore`), beto.api.post(`/api/versions/${versionB.id}/restore`)]);
    expect([byAna.status, byBeto.status]).toEqual([200, 200]);

    await waitFor(() => sameContent(a.doc, versionA.content) || sameContent(a.doc, versionB.content), 10000, 'the plan is exactly version A or version B');
    const last = sameContent(a.doc, versionA.content) ? versionA : versionB;
    const firstRestored = last === versionA ? versionB : versionA;
    const backups = await backupsOf(ana.api, docId);
    expect(backups).toHaveLength(2);
    expect(backups).toContainEqual(before);
    expect(backups).toContainEqual(firstRestored.content);
  });

  it('a restore that finds another one running waits for it, and is refused with restore_running only past the wait', async () => {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const { docId } = await planWithTwoVersions();
    const { db } = server.services.database;
    const release = await acquireRestoreLease(db, docId);
    const refused = await acquireRestoreLease(db, docId, 300).then(
      () => 'taken',
      (err: { status?: number; reason?: string }) => `${err.status} ${err.reason}`,
    );
    expect(refused).toBe('409 restore_running');
    const waiting = acquireRestoreLease(db, docId, 10_000);
    setTimeout(() => void release(), 300);
    const releaseSecond = await waiting;
    await releaseSecond();
    // Released: the next one takes it at once.
    await (await acquireRestoreLease(db, docId, 0))();
  });

  it('a running restore keeps its lease past the lease time by renewing it; a holder that stops renewing (killed) frees the plan within it', async () => {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const { docId } = await planWithTwoVersions();
    const { db } = server.services.database;
    const timing = { leaseMs: 600, renewMs: 150 };
    const running = await acquireRestoreLease(db, docId, 0, timing);
    await new Promise((r) => setTimeout(r, 1500));
    const whileRunning = await acquireRestoreLease(db, docId, 0, timing).then(
      () => 'taken',
      (err: { reason?: string }) => err.reason,
    );
    expect(whileRunning).toBe('restore_running');
    // Its node is killed: nothing renews or releases the lease, and the next restore gets it once it runs out.
    running.abandon();
    const next = await acquireRestoreLease(db, docId, 5_000, timing);
    await next();
  });
});

describe('restores of one plan on two nodes at the same time (PostgreSQL and Redis)', () => {
  it('run one after the other: the plan holds the version once on both nodes', async () => {
    const db = await createTestDatabase(inject('databaseUrl'));
    const shared = { databaseUrl: db.url, redisUrl: inject('redisUrl') };
    servers.push(await startTestServer(shared), await startTestServer(shared));
    const { ana, beto, docId, a, versionA } = await planWithTwoVersions();
    const b = connectYjs(servers[1].wsUrl, docId, beto.api.token);
    clients.push(b);
    await waitSynced(b);
    await waitFor(() => JSON.stringify(readPlanContent(b.doc)) === JSON.stringify(readPlanContent(a.doc)), 10000, 'node 2 has the plan');

    const onNode2 = new Api(servers[1].url, beto.api.token);
    const [first, second] = await Promise.all([ana.api.post(`/api/versions/${versionA.id}/restore`), onNode2.post(`/api/versions/${versionA.id}/restore`)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await waitFor(() => sameContent(a.doc, versionA.content) && sameContent(b.doc, versionA.content), 15000, 'both nodes show version A once');
    expect(readPlanContent(b.doc).activities.map((x) => x.id)).toEqual(['act-a']);
  });
});
