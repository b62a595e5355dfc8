/**
 * A client that reconnects resends what it has; when all of it was stored already (stored just before a crash,
 * say, with the announcement lost), no commit follows. It still hears `document:saved` covering its clock: at
 * once if its page is listening, or when its page joins the group's events right after (stock clients reconnect
 * the plan socket and the events socket independently).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertActivity } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, coveredBy, recordEvents, waitFor, waitSynced } from '../helpers/yjsClient.js';

describe('document:saved for a returning client with nothing new to store', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function planWithSavedEdits() {
    server = await startTestServer(await BACKENDS[0].fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    const client = connectYjs(server.wsUrl, doc, ana.api.token);
    await waitSynced(client);
    const events = await connectEvents(server.url, ana.api.token!, ws);
    const saved = recordEvents(events, ['document:saved']);
    for (let i = 0; i < 5; i++) insertActivity(client.doc, { id: `a${i}`, title: `Actividad ${i}` });
    await waitFor(() => saved.some((e) => coveredBy(client.doc, e.payload.stateVector)), 10000, 'saved');
    return { world, ana, ws, doc, client, events };
  }

  it('is announced to a page already listening when the resync stores nothing', async () => {
    const { client, events } = await planWithSavedEdits();
    client.provider.disconnect();
    const afterReturn = recordEvents(events, ['document:saved']);
    client.provider.connect();
    await waitSynced(client);
    await waitFor(() => afterReturn.some((e) => coveredBy(client.doc, e.payload.stateVector)), 5000, 'a saved event after the return');
    client.destroy();
    events.close();
  });

  it('is told to the page when it joins the group right after its plan socket resynced', async () => {
    const { world, ana, ws, client, events } = await planWithSavedEdits();
    events.close();
    client.provider.disconnect();
    client.provider.connect();
    await waitSynced(client);
    // The server has taken the client's resync (its step 2 follows our step 1) before the page joins.
    await waitFor(() => server!.services.hub.returningSince(ana.id, ws).length === 1, 5000, 'the resync taken');
    const page = await connectEvents(server!.url, ana.api.token!);
    const heard = recordEvents(page, ['document:saved']);
    expect(await page.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws })).toEqual({ ok: true });
    await waitFor(() => heard.some((e) => coveredBy(client.doc, e.payload.stateVector)), 5000, 'a saved event on join');
    expect(heard[0].payload).toMatchObject({ workspaceId: ws });
    // Another member joining the group hears nothing of it: it is told only to the person whose client returned.
    const beto = await world.user('Beto', 'FGR');
    await world.addMember(ws, ana.api, beto.id, 'member');
    const other = await connectEvents(server!.url, beto.api.token!);
    const otherHeard = recordEvents(other, ['document:saved']);
    expect(await other.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws })).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(otherHeard).toEqual([]);
    client.destroy();
    page.close();
    other.close();
  });
});
