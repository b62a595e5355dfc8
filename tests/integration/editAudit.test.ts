/**
 * Plan edits over the Yjs socket in the audit trail: one `document.edited` entry per person and plan per editing
 * session (not per keystroke), written with the update that opens the session, in its transaction; none for an
 * observer's dropped writes.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { getBody } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, coveredBy, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

interface AuditEvent {
  actorId: string | null;
  organizationId: string | null;
  action: string;
  target: { type: string; id: string };
  changes: Record<string, unknown>;
}

const SESSION_MS = 1500;

/** Types `n` words into the plan's prose, one update each. */
function type(client: YClient, n: number, word: string): void {
  for (let i = 0; i < n; i++) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`${word} ${i}`)]);
    getBody(client.doc).push([p]);
  }
}

describe.each(BACKENDS)('audit of plan edits on $name', (backend) => {
  let server: TestServer | undefined;
  const clients: YClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = undefined;
  });

  it('records one entry per person and editing session, none for an observer, and the edits themselves stored', async () => {
    server = await startTestServer({ ...(await backend.fresh()), limits: { editAuditSessionMs: SESSION_MS } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Facilitadora', 'SSPC');
    const beto = await world.user('Beto Integrante', 'FGR');
    const carla = await world.user('Carla Observadora', 'FGE-CHIH');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    await world.addMember(ws, ana.api, beto.id, 'member');
    await world.addMember(ws, ana.api, carla.id, 'observer');
    const doc = await world.document(ana.api, ws);
    const edits = async () => ((await ana.api.get(`/api/workspaces/${ws}/audit?action=document.edited`)).body.events as AuditEvent[]).reverse();

    const events = await connectEvents(server.url, beto.api.token!, ws);
    let stored = '';
    events.on('document:saved', (p: { documentId: string; stateVector: string }) => {
      if (p.documentId === doc) stored = p.stateVector;
    });
    const saved = (c: YClient) => waitFor(() => stored !== '' && coveredBy(c.doc, stored), 10_000, 'saved');
    const connect = async (api: Api) => {
      const c = connectYjs(server!.wsUrl, doc, api.token);
      clients.push(c);
      await waitSynced(c);
      return c;
    };

    // Thirty updates in a burst and ten more a moment later: one session, one entry.
    const b = await connect(beto.api);
    type(b, 30, 'Beto');
    await saved(b);
    type(b, 10, 'Beto otra vez');
    await saved(b);
    const first = await edits();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ actorId: beto.id, organizationId: beto.organizationId, action: 'document.edited', target: { type: 'document', id: doc }, changes: {} });

    // An observer's writes are dropped: no entry. Another member's first edit opens their own session.
    const c = await connect(carla.api);
    type(c, 5, 'Carla');
    const a = await connect(ana.api);
    type(a, 3, 'Ana');
    await saved(a);
    await waitFor(async () => (await edits()).length === 2, 5000, 'Ana’s entry');
    expect((await edits()).map((e) => e.actorId)).toEqual([beto.id, ana.id]);

    // After a pause as long as the session, Beto's next edit opens a new session.
    await new Promise((r) => setTimeout(r, SESSION_MS + 100));
    type(b, 1, 'Beto después de la pausa');
    await saved(b);
    await waitFor(async () => (await edits()).length === 3, 5000, 'Beto’s second entry');
    expect((await edits()).map((e) => e.actorId)).toEqual([beto.id, ana.id, beto.id]);

    // The edits themselves are stored; the observer's are not.
    const text = getBody(a.doc).toString();
    expect(text).toContain('Beto 29');
    expect(text).toContain('Beto después de la pausa');
    expect(text).not.toContain('Carla');
    const exported = (await ana.api.get(`/api/documents/${doc}/export?format=json`)).body as { body: string };
    expect(exported.body).toContain('Beto otra vez 9');
    expect(exported.body).not.toContain('Carla');
    events.close();
  });
});

