/**
 * An edit that builds on something the server has not got yet: a browser tab that received a sibling tab's change
 * over BroadcastChannel (a stock client does not forward those) and edits next to it. The server leaves out what it
 * cannot place (Yjs would keep it aside, see LiveDocument.applyFrom) and asks the sender for everything it lacks,
 * which brings the missing part with the edit: stored, on every node.
 */
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { documentUpdates } from '../../db/schema.js';
import { getBody } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { createTestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { updateFrame } from '../helpers/yjsFrames.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const texts = (doc: Y.Doc) => getBody(doc).toArray().map((node) => (node instanceof Y.XmlElement ? node.toString().replace(/<[^>]+>/g, '') : ''));

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** A sibling tab's copy of `doc` that appends a paragraph, and the update it made (not sent to any server). */
function siblingAppends(doc: Y.Doc, text: string): Uint8Array {
  const tab = new Y.Doc();
  Y.applyUpdate(tab, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(tab);
  getBody(tab).push([paragraph(text)]);
  const update = Y.encodeStateAsUpdate(tab, before);
  tab.destroy();
  return update;
}

/** Inserts a paragraph right before the last one (whose right neighbour is then that last paragraph). */
function insertBeforeLast(doc: Y.Doc, text: string): void {
  const body = getBody(doc);
  body.insert(body.length - 1, [paragraph(text)]);
}

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  for (const s of servers.splice(0)) await s.close();
});

describe.each(BACKENDS)('an edit building on what the server lacks, on $name', (backend) => {
  it('is completed from its sender at once and stored: it survives a restart', async () => {
    const db = await backend.fresh();
    const server = await startTestServer(db);
    servers.push(server);
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const docId = await world.document(ana.api, await world.workspace(ana.api));
    const tab = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(tab);
    await waitSynced(tab);
    // An edit of its own first: the server's copy is then decoded, and its opening sync exchange with this tab done.
    getBody(tab.doc).push([paragraph('Primer párrafo')]);
    const first = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(first);
    await waitSynced(first);
    await waitFor(() => texts(first.doc).includes('Primer párrafo'), 5000, 'the first edit on the server');

    // The sibling tab's paragraph reaches this tab as BroadcastChannel delivers it: applied as if from the provider,
    // so the provider does not send it on. This tab then writes right before it.
    Y.applyUpdate(tab.doc, siblingAppends(tab.doc, 'Párrafo de la otra pestaña'), tab.provider);
    insertBeforeLast(tab.doc, 'Párrafo de esta pestaña');
    const wanted = texts(tab.doc);
    expect(wanted.slice(-2)).toEqual(['Párrafo de esta pestaña', 'Párrafo de la otra pestaña']);

    const fresh = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(fresh);
    await waitSynced(fresh);
    await waitFor(() => JSON.stringify(texts(fresh.doc)) === JSON.stringify(wanted), 5000, 'a fresh client has both paragraphs');

    tab.provider.disconnect();
    await server.close();
    servers.length = 0;
    const restarted = await startTestServer(db);
    servers.push(restarted);
    const after = connectYjs(restarted.wsUrl, docId, ana.api.token);
    clients.push(after);
    await waitSynced(after);
    expect(texts(after.doc)).toEqual(wanted);
  });
});

/** Two nodes on one PostgreSQL and the run's Redis, a plan, and its author's client on node one, synced. */
async function twoNodes() {
  const { url: databaseUrl } = await createTestDatabase(inject('databaseUrl'));
  const redisUrl = inject('redisUrl');
  const [one, two] = [await startTestServer({ databaseUrl, redisUrl }), await startTestServer({ databaseUrl, redisUrl })];
  servers.push(one, two);
  const world = await createWorld(one.url);
  const ana = await world.user('Ana', 'SSPC');
  const docId = await world.document(ana.api, await world.workspace(ana.api));
  const a = connectYjs(one.wsUrl, docId, ana.api.token);
  clients.push(a);
  await waitSynced(a);
  return { databaseUrl, redisUrl, one, two, ana, docId, a };
}

describe('an edit next to another node’s paragraph that its tab got sideways', () => {
  it.each(['insert before it', 'delete it'])('(%s) is completed from its sender, stored, and reaches the other node', async (edit) => {
    const { databaseUrl, redisUrl, two, ana, docId, a } = await twoNodes();
    // A tab on node two gets a paragraph written on node one before either server has it, as a sibling tab's
    // BroadcastChannel message brings it (applied as if from its provider, so not sent on), and edits next to it.
    // Node two leaves out what it cannot place and asks the tab for everything it lacks, paragraph included.
    const b = connectYjs(two.wsUrl, docId, ana.api.token);
    clients.push(b);
    await waitSynced(b);
    const missing = siblingAppends(b.doc, 'Párrafo que llega por el nodo uno');
    Y.applyUpdate(b.doc, missing, b.provider);
    if (edit === 'delete it') getBody(b.doc).delete(getBody(b.doc).length - 1, 1);
    else insertBeforeLast(b.doc, 'Párrafo escrito en el nodo dos');
    const wanted = texts(b.doc);

    Y.applyUpdate(a.doc, missing);
    await waitFor(() => JSON.stringify(texts(a.doc)) === JSON.stringify(wanted), 5000, 'node one’s client gets the edit made on node two');
    // Stored: a third node starting now reads it from the database.
    const three = await startTestServer({ databaseUrl, redisUrl });
    servers.push(three);
    const reader = connectYjs(three.wsUrl, docId, ana.api.token);
    clients.push(reader);
    await waitSynced(reader);
    expect(texts(reader.doc)).toEqual(wanted);
  });
});

describe('an edit that can never go in', () => {
  it('is not kept on either node, and other nodes’ updates are logged once', async () => {
    const { one, two, ana, docId, a: base } = await twoNodes();
    // On each node, a paragraph built on one that no one will ever send (its sender never answers the server's ask).
    const ghost = new Y.Doc();
    Y.applyUpdate(ghost, Y.encodeStateAsUpdate(base.doc));
    Y.applyUpdate(ghost, siblingAppends(ghost, 'Nunca enviado'));
    let waiting: Uint8Array | undefined;
    ghost.once('update', (u: Uint8Array) => (waiting = u));
    insertBeforeLast(ghost, 'Espera para siempre');
    for (const server of [one, two]) {
      const raw = new WebSocket(`${server.wsUrl}/yjs/${docId}?token=${ana.api.token}`);
      await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
      raw.send(updateFrame(waiting!));
      raw.on('message', () => undefined);
    }
    await new Promise((r) => setTimeout(r, 300));
    const rows = async () => (await one.services.database.db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, docId)))[0]!.n;
    const before = await rows();
    // Ordinary edits on node one: each is logged once, and node two logs none of them again.
    for (let i = 0; i < 5; i++) getBody(base.doc).push([paragraph(`Edición ${i}`)]);
    const reader = connectYjs(two.wsUrl, docId, ana.api.token);
    clients.push(reader);
    await waitSynced(reader);
    await waitFor(() => texts(reader.doc).includes('Edición 4'), 5000, 'the edits on node two');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await rows()) - before).toBeLessThanOrEqual(5);
    for (const server of [one, two]) expect(server.services.hub.documents.get(docId)?.doc.store.pendingStructs).toBeNull();
  });
});
