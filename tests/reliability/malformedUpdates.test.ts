/**
 * Updates that decode but are malformed: an item that is its own left neighbour (the nesting walk through its
 * origins never ended and the process aborted), items of two clients that are each other's neighbours, an item
 * built on a later item of its own client, an empty deletion range (Yjs threw on these halfway, and the live
 * copy was dropped with every client of the plan closed 1011). Each closes only its sender with 4400; the plan,
 * its other clients and the node carry on, nothing is discarded.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BODY_FIELD, bodyToPlainText, getBody } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useLiveServer } from '../helpers/liveServer.js';
import { metric } from '../helpers/metrics.js';
import { updateFrame } from '../helpers/yjsFrames.js';
import { connectYjs, rawSocket, waitFor, waitSynced } from '../helpers/yjsClient.js';

const CONTENT_TYPE = 7; // a shared type
const CONTENT_STRING = 4;
const HAS_ORIGIN = 0x80;

/** One item (clock 0) per client, each with a left origin (client, clock) and either a Y.Map or a string as content. */
function itemsWithOrigins(...items: Array<{ client: number; origin: [number, number]; content: 'map' | 'string' }>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, items.length); // clients
  for (const item of items) {
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, item.client);
    encoding.writeVarUint(e, 0); // its clock
    encoding.writeUint8(e, HAS_ORIGIN | (item.content === 'map' ? CONTENT_TYPE : CONTENT_STRING));
    encoding.writeVarUint(e, item.origin[0]);
    encoding.writeVarUint(e, item.origin[1]);
    if (item.content === 'map') encoding.writeVarUint(e, 1); // YMap
    else encoding.writeVarString(e, 'x');
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** A string at clock 0 of `client` whose parent is that client's item at clock 5. */
function parentAhead(client: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0);
  encoding.writeUint8(e, CONTENT_STRING); // no origins: the parent follows
  encoding.writeVarUint(e, 0); // the parent is an item, not a root name
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 5);
  encoding.writeVarString(e, 'x');
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

/** A deletion of zero length at `clock` of `client`. */
function zeroLengthDeletion(client: number, clock: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

/** Sends `update` from a fresh raw socket at `url` and resolves with how that socket was closed. */
async function closeAfterSending(url: string, update: Uint8Array): Promise<string> {
  const attacker = rawSocket(url);
  await new Promise((r) => attacker.once('open', r));
  const closed = new Promise<string>((resolve) => {
    setTimeout(() => resolve('still open after 10 s'), 10_000);
    attacker.once('close', (code, reason) => resolve(`${code} ${reason.toString()}`));
  });
  attacker.send(updateFrame(update));
  return closed;
}

describe('malformed updates', () => {
  const live = useLiveServer();

  /** A fresh node with one plan that Ana (facilitator) and Beto (member) may both edit. */
  async function planWithTwoEditors() {
    const server = await live.start(await BACKENDS[0].fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    return { server, ana, beto, docId: await world.document(ana.api, ws) };
  }

  it('closes only the sender with 4400 and leaves the plan, its readers and the node unharmed', { timeout: 60_000 }, async () => {
    const { server, ana, beto, docId } = await planWithTwoEditors();
    const reader = live.connect(docId, ana.api.token!);
    await waitSynced(reader);
    let readerClosed = 0;
    reader.provider.on('connection-close', () => readerClosed++);

    const hostile: Array<[string, Uint8Array, string]> = [
      ['a map that is its own left neighbour', itemsWithOrigins({ client: 777_777, origin: [777_777, 0], content: 'map' }), '4400 malformed item references'],
      ['two maps of two clients, each the other’s neighbour', itemsWithOrigins({ client: 4242, origin: [4343, 0], content: 'map' }, { client: 4343, origin: [4242, 0], content: 'map' }), '4400 malformed item references'],
      ['a string that is its own left neighbour', itemsWithOrigins({ client: 5555, origin: [5555, 0], content: 'string' }), '4400 malformed item references'],
      ['a string whose parent is a later item of its client', parentAhead(6666), '4400 malformed item references'],
      ['a zero-length deletion of an unknown client', zeroLengthDeletion(12_345, 5), '4400 empty deletion range'],
    ];
    for (const [what, update, expected] of hostile) {
      expect(await closeAfterSending(`${server.wsUrl}/yjs/${docId}?token=${beto.api.token}`, update), what).toBe(expected);
    }

    // The node answers, nothing was dropped, and the reader never lost its connection and still gets edits.
    expect((await ana.api.get('/api/health')).status).toBe(200);
    expect(await metric(server.url, 'enlace_documents_discarded_total')).toBe(0);
    expect(readerClosed).toBe(0);
    const writer = live.connect(docId, beto.api.token!);
    await waitSynced(writer);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('después de los ataques')]);
    getBody(writer.doc).insert(getBody(writer.doc).length, [p]);
    await waitFor(() => bodyToPlainText(getBody(reader.doc)).includes('después de los ataques'), 10_000, 'an edit after the attacks');
    // Nothing of the hostile updates reached the plan.
    const fresh = live.connect(docId, ana.api.token!);
    await waitSynced(fresh);
    const clients = [...Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).keys()];
    expect(clients).not.toContain(777_777);
    expect(clients).not.toContain(4242);
    for (const client of [4343, 5555, 6666]) expect(clients).not.toContain(client);
  });

  it('refuses anything but elements and texts in the body’s tree (a stock client’s getText("body")), and restore still works', { timeout: 60_000 }, async () => {
    const { server, ana, beto, docId } = await planWithTwoEditors();
    const version = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'v0' })).body.version.id as string;
    const reader = live.connect(docId, ana.api.token!);
    await waitSynced(reader);
    const bodyBefore = bodyToPlainText(getBody(reader.doc));
    let readerClosed = 0;
    reader.provider.on('connection-close', () => readerClosed++);

    // The report: a stock client synced, then wrote characters straight into the body. Every restore of the plan
    // answered 500 from then on, and each editor met characters where it expects nodes.
    const stock = connectYjs(server.wsUrl, docId, beto.api.token!);
    await waitSynced(stock);
    const closes: string[] = [];
    stock.provider.on('connection-close', (event: { code: number; reason: string } | null) => closes.push(`${event?.code} ${event?.reason}`));
    stock.provider.shouldConnect = false; // no retry: one refusal is the answer
    stock.doc.getText(BODY_FIELD).insert(0, 'TEXTO-EN-EL-CUERPO');
    await waitFor(() => closes.length > 0, 10_000, 'the stock client closed');
    expect(closes[0]).toBe('4400 only elements and texts may sit in the body');
    stock.destroy();

    // Built on the plan as it is: characters inside a paragraph, a map among the body's blocks.
    const firstBlock = (d: Y.Doc) => getBody(d).toArray().find((n) => n instanceof Y.XmlElement) as unknown as Y.Array<unknown>;
    const strayUpdates: Array<[string, (d: Y.Doc) => void]> = [
      ['characters inside a block', (d) => firstBlock(d).insert(0, ['suelto'])],
      ['a map among the blocks', (d) => (getBody(d) as unknown as Y.Array<unknown>).insert(0, [new Y.Map()])],
    ];
    expect(firstBlock(reader.doc)).toBeDefined();
    for (const [what, write] of strayUpdates) {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(reader.doc));
      const before = Y.encodeStateVector(d);
      write(d);
      const closed = await closeAfterSending(`${server.wsUrl}/yjs/${docId}?token=${beto.api.token}`, Y.encodeStateAsUpdate(d, before));
      expect(closed, what).toBe('4400 only elements and texts may sit in the body');
    }

    // An honest edit of the same kind of place (a text in a new paragraph) is applied; none of the stray content is.
    const writer = live.connect(docId, beto.api.token!);
    await waitSynced(writer);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('después del intento')]);
    getBody(writer.doc).insert(getBody(writer.doc).length, [p]);
    await waitFor(() => bodyToPlainText(getBody(reader.doc)).includes('después del intento'), 10_000, 'an honest edit');
    expect(getBody(reader.doc).toArray().every((n) => n instanceof Y.XmlElement || n instanceof Y.XmlText)).toBe(true);
    expect(bodyToPlainText(getBody(reader.doc))).not.toContain('TEXTO-EN-EL-CUERPO');
    expect(bodyToPlainText(getBody(reader.doc))).not.toContain('suelto');
    expect(readerClosed).toBe(0);

    // Restore answers and brings the version back, live.
    const restored = await ana.api.post(`/api/versions/${version}/restore`);
    expect(restored.status).toBe(200);
    await waitFor(() => bodyToPlainText(getBody(reader.doc)) === bodyBefore, 10_000, 'the version restored');
    writer.destroy();
  });
  it('takes a changed attribute of an element in the body (a heading’s level, a list’s start), written as a stock editor writes it', { timeout: 60_000 }, async () => {
    const { server, ana, beto, docId } = await planWithTwoEditors();
    const reader = live.connect(docId, ana.api.token!);
    await waitSynced(reader);
    const writer = connectYjs(server.wsUrl, docId, beto.api.token!);
    await waitSynced(writer);
    const closes: string[] = [];
    writer.provider.on('connection-close', (event: { code: number; reason: string } | null) => closes.push(`${event?.code} ${event?.reason}`));
    const heading = (d: Y.Doc) => getBody(d).toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'heading') as Y.XmlElement;
    expect(heading(writer.doc).getAttribute('level')).toBe(1);
    // H1 → H2 → H3 from the toolbar: each new value has the key's previous value as its left neighbour, and the key
    // only through it. The server closed the editor (4400) at the first, and the change was lost.
    heading(writer.doc).setAttribute('level', 2 as unknown as string);
    heading(writer.doc).setAttribute('level', 3 as unknown as string);
    const list = new Y.XmlElement('orderedList');
    list.setAttribute('start', 1 as unknown as string);
    getBody(writer.doc).push([list]);
    list.setAttribute('start', 4 as unknown as string);
    await waitFor(() => heading(reader.doc).getAttribute('level') === (3 as unknown as string), 10_000, 'the new level reaches the reader');
    const fresh = live.connect(docId, ana.api.token!);
    await waitSynced(fresh);
    expect(heading(fresh.doc).getAttribute('level')).toBe(3);
    expect((getBody(fresh.doc).toArray().at(-1) as Y.XmlElement).getAttribute('start')).toBe(4);
    expect(closes).toEqual([]);
    writer.destroy();
  });
});
