/**
 * Shared types nested in one another. Yjs deletes and serializes them recursively: a plan 20,000 elements deep
 * overflowed the stack inside `applyUpdate` when someone deleted it, left the live copy half-changed and every
 * later edit unsaved. Updates nesting past the bound are refused (4400); and should Yjs still fail halfway, the
 * live copy is dropped and read again from the database, so nothing diverges.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyToPlainText, getBody } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useLiveServer } from '../helpers/liveServer.js';
import { updateFrame } from '../helpers/yjsFrames.js';
import { metric } from '../helpers/metrics.js';
import type { TestServer } from '../helpers/server.js';
import { rawSocket, waitFor, waitSynced } from '../helpers/yjsClient.js';

/** A v1 update that only deletes one struct. */
function deleteOnly(id: Y.ID): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1); // one client in the delete set
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, id.clock);
  encoding.writeVarUint(e, 1);
  return encoding.toUint8Array(e);
}

/** `levels` elements, each inside the previous one, at the end of the body; returns the outermost. */
function nest(doc: Y.Doc, levels: number, text: string): Y.XmlElement {
  let outer: Y.XmlElement | undefined;
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = getBody(doc);
    for (let i = 0; i < levels; i++) {
      const child = new Y.XmlElement(i === levels - 1 ? 'paragraph' : 'blockquote');
      parent.insert(parent.length, [child]);
      outer ??= child;
      parent = child;
    }
    parent.insert(0, [new Y.XmlText(text)]);
  });
  return outer!;
}

async function setup(server: TestServer) {
  const world = await createWorld(server.url);
  const ana = await world.user('Ana', 'SSPC');
  const docId = await world.document(ana.api, await world.workspace(ana.api), 'blank');
  return { docId, token: ana.api.token!, yjsUrl: `${server.wsUrl}/yjs/${docId}?token=${ana.api.token}` };
}

const opened = async (url: string) => {
  const ws = rawSocket(url);
  await new Promise((r) => ws.once('open', r));
  return ws;
};
const closed = (ws: ReturnType<typeof rawSocket>) =>
  new Promise<string>((resolve) => {
    setTimeout(() => resolve('still open after 10 s'), 10_000);
    ws.once('close', (code, reason) => resolve(`${code} ${reason.toString()}`));
  });

describe('deeply nested plans', () => {
  const live = useLiveServer();

  it('takes nesting up to the bound, refuses deeper with 4400, asks for the parent of a type it lacks, and deletes what it took', async () => {
    const server = await live.start({ ...(await BACKENDS[0].fresh()), limits: { maxNestingDepth: 100 } });
    const { docId, token, yjsUrl } = await setup(server);
    const bystander = live.connect(docId, token);
    await waitSynced(bystander);

    // 100 levels below the body (99 elements and the text inside, itself a shared type): taken, and reaches the others.
    const writerDoc = new Y.Doc();
    const writer = await opened(yjsUrl);
    const outer = nest(writerDoc, 99, 'cien niveles');
    writer.send(updateFrame(Y.encodeStateAsUpdate(writerDoc)));
    await waitFor(() => bodyToPlainText(getBody(bystander.doc)).includes('cien niveles'), 10_000, 'the 100-level plan');

    // One level more, anywhere: refused whole, nothing of it applied.
    const deeperDoc = new Y.Doc();
    const deeper = await opened(yjsUrl);
    const deeperClosed = closed(deeper);
    nest(deeperDoc, 100, 'ciento uno');
    deeper.send(updateFrame(Y.encodeStateAsUpdate(deeperDoc)));
    expect(await deeperClosed).toBe('4400 shared types nested too deeply');

    // A level whose parent the server has not got (sent before it): it would wait unchecked in Yjs's pending set.
    // Not applied; the client is asked to resync (a sync step 1), and its answer, parent included, is taken.
    const splitDoc = new Y.Doc();
    const top = new Y.XmlElement('blockquote');
    getBody(splitDoc).insert(0, [top]);
    const mid = Y.encodeStateVector(splitDoc);
    const inner = new Y.XmlElement('paragraph');
    inner.insert(0, [new Y.XmlText('hijo sin padre')]);
    top.insert(0, [inner]);
    const split = await opened(yjsUrl);
    let splitClosed = false;
    split.on('close', () => (splitClosed = true));
    const asked: Uint8Array[] = [];
    split.on('message', (d: Buffer) => {
      if (d[0] === 0 && d[1] === 0) asked.push(new Uint8Array(d)); // sync step 1 from the server
    });
    await new Promise((r) => setTimeout(r, 300)); // past the step 1 every connection gets when it opens
    const baseline = asked.length;
    split.send(updateFrame(Y.encodeStateAsUpdate(splitDoc, mid)));
    await waitFor(() => asked.length === baseline + 1, 5000, 'a step 1 asking for what the server lacks');
    expect(bodyToPlainText(getBody(bystander.doc))).not.toContain('hijo sin padre');
    split.send(updateFrame(Y.encodeStateAsUpdate(splitDoc)));
    await waitFor(() => bodyToPlainText(getBody(bystander.doc)).includes('hijo sin padre'), 10_000, 'the resent update with its parent');
    expect(splitClosed).toBe(false);
    split.close();

    // Deleting the 100-level element works like any other edit.
    writer.send(updateFrame(deleteOnly(outer._item!.id)));
    await waitFor(() => !bodyToPlainText(getBody(bystander.doc)).includes('cien niveles'), 10_000, 'the deletion');
    const fresh = live.connect(docId, token);
    await waitSynced(fresh);
    expect(bodyToPlainText(getBody(fresh.doc))).not.toMatch(/cien niveles|ciento uno/);
    expect(bystander.provider.wsconnected).toBe(true);
    writer.close();
  });

  it('drops and reloads a live plan that Yjs fails to change halfway; later edits are announced and stored again', { timeout: 60_000 }, async () => {
    // The bound raised far past the stack, to reach the backstop behind it.
    const server = await live.start({ ...(await BACKENDS[0].fresh()), limits: { maxNestingDepth: 1_000_000 } });
    const { docId, token, yjsUrl } = await setup(server);
    const bystander = live.connect(docId, token);
    await waitSynced(bystander);

    const attackerDoc = new Y.Doc();
    const attacker = await opened(yjsUrl);
    const outer = nest(attackerDoc, 20_000, 'profundo');
    attacker.send(updateFrame(Y.encodeStateAsUpdate(attackerDoc)));
    const hasDeep = (doc: Y.Doc) => getBody(doc).toArray().some((n) => n instanceof Y.XmlElement && n.nodeName === 'blockquote');
    await waitFor(() => hasDeep(bystander.doc), 20_000, 'the deep plan');
    const attackerClosed = closed(attacker);
    attacker.send(updateFrame(deleteOnly(outer._item!.id)));

    // Yjs overflows its stack deleting it: everyone is closed with 1011 and reconnects to a copy read from storage.
    expect(await attackerClosed).toBe('1011 plan reloading; reconnect');
    await waitFor(async () => (await metric(server.url, 'enlace_documents_discarded_total')) === 1, 5000, 'discard counted');
    await waitSynced(bystander, 20_000);
    const applied = await metric(server.url, 'enlace_updates_applied_total');
    const blocks = getBody(bystander.doc).length;
    getBody(bystander.doc).insert(blocks, [new Y.XmlElement('paragraph')]);
    await waitFor(async () => (await metric(server.url, 'enlace_updates_applied_total')) > applied, 10_000, 'the next edit applied and counted');
    const fresh = live.connect(docId, token);
    await waitSynced(fresh, 20_000);
    // The reloaded copy has the stored plan (the deletion never completed) and the edit made after the reload.
    expect(hasDeep(fresh.doc)).toBe(true);
    expect(getBody(fresh.doc).length).toBe(blocks + 1);
    expect(getBody(fresh.doc).get(blocks)._item!.id.client).toBe(bystander.doc.clientID);
  });
});
