/**
 * Updates that build on what nobody sent: Yjs would keep them aside inside the plan and retry them with every later
 * update. A member's raw socket must not be able to park a deletion of another person's future typing there (it
 * deleted that typing as it arrived, unseen by its writer, who was told it was saved), nor thousands of tiny parts
 * that every later update pays for (the node stalled for a minute).
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { getBody } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { updateFrame } from '../helpers/yjsFrames.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const paragraphs = (doc: Y.Doc) => getBody(doc).toArray().map((n) => (n instanceof Y.XmlElement ? n.toString().replace(/<[^>]+>/g, '') : ''));

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** An update with no structs that deletes `len` clocks of `client` from `clock` (Yjs's first update format). */
function deletionOnly(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1); // one client in the delete set
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1); // one range
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}

/** A one-character text of Yjs client `client` at clock 1, in a root of its own: clock 0 was never sent. */
function afterAGap(client: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getText('never-sent').insert(0, 'a');
  const before = Y.encodeStateVector(doc);
  doc.getText(`gap-${client}`).insert(0, 'x');
  return Y.encodeStateAsUpdate(doc, before);
}

/** Whether a y-websocket frame is a sync step 1 (the server asking for what it lacks). */
const isSyncStep1 = (frame: Buffer) => frame[0] === 0 && frame[1] === 0;

const servers: TestServer[] = [];
const clients: YClient[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.terminate());
  clients.splice(0).forEach((c) => c.destroy());
  for (const s of servers.splice(0)) await s.close();
});

describe.each(BACKENDS)('updates building on what nobody sent, on $name', (backend) => {
  async function plan() {
    const server = await startTestServer(await backend.fresh());
    servers.push(server);
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, ws, 'blank');
    const writer = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(writer);
    await waitSynced(writer);
    const raw = new WebSocket(`${server.wsUrl}/yjs/${docId}?token=${beto.api.token}`);
    sockets.push(raw);
    const frames: Buffer[] = [];
    raw.on('message', (data: Buffer) => frames.push(data));
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    await waitFor(() => frames.some(isSyncStep1), 5000, 'the server’s opening sync step 1');
    return { server, ana, docId, writer, raw, frames };
  }

  it('a deletion of another person’s clocks not written yet is left out: their later typing reaches everyone and is stored', async () => {
    const { server, ana, docId, writer, raw } = await plan();
    getBody(writer.doc).push([paragraph('Antes')]);
    const from = Y.getState(writer.doc.store, writer.doc.clientID);
    // Everything Ana will ever type from here on, deleted in advance; and the far-future variant.
    raw.send(updateFrame(deletionOnly(writer.doc.clientID, from, 1000)));
    raw.send(updateFrame(deletionOnly(writer.doc.clientID, from, 2 ** 40)));
    const reader = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(reader);
    await waitSynced(reader);
    await waitFor(() => paragraphs(reader.doc).includes('Antes'), 5000, 'the first paragraph at the reader');
    expect(raw.readyState).toBe(WebSocket.OPEN);

    getBody(writer.doc).push([paragraph('Después')]);
    await waitFor(() => paragraphs(reader.doc).includes('Después'), 5000, 'the later paragraph at the reader');
    await waitFor(async () => String((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body?.body).includes('Después'), 5000, 'the later paragraph stored');
    const fresh = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(fresh);
    await waitSynced(fresh);
    expect(paragraphs(fresh.doc).filter(Boolean)).toEqual(['Antes', 'Después']);
    expect(server.services.hub.documents.get(docId)?.doc.store.pendingDs).toBeNull();
  });

  it('parts that build on nothing are not kept in the plan, and their sender is asked once, not once per frame', async () => {
    const { server, ana, docId, writer, raw, frames } = await plan();
    const asksBefore = frames.filter(isSyncStep1).length;
    for (let i = 0; i < 300; i++) raw.send(updateFrame(afterAGap(1_000_000 + i)));
    // A stock client's edit after the flood: applied, stored, and nothing of the flood waits beside it.
    getBody(writer.doc).push([paragraph('Tras la ráfaga')]);
    const fresh = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(fresh);
    await waitSynced(fresh);
    await waitFor(() => paragraphs(fresh.doc).includes('Tras la ráfaga'), 5000, 'the edit after the flood');
    const live = server.services.hub.documents.get(docId);
    expect(live?.doc.store.pendingStructs).toBeNull();
    expect(live?.doc.getText('gap-1000000').toString()).toBe('');
    expect(frames.filter(isSyncStep1).length - asksBefore).toBe(1);
    expect(raw.readyState).toBe(WebSocket.OPEN);
  });

  it('a malformed frame is closed with a reason that names no internals', async () => {
    const { raw } = await plan();
    const closed = new Promise<{ code: number; reason: string }>((resolve) => raw.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    raw.send(Uint8Array.from([0, 2, 0x85])); // a sync update whose length is a varint cut off mid-way
    const { code, reason } = await closed;
    expect(code).toBe(4400);
    expect(reason).toBe('malformed frame');
  });
});
