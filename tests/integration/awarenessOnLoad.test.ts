/**
 * A node that loads a plan asks the other nodes for the carets their connections hold: someone opening the plan
 * there sees who is already in it at once, not when those clients next renew their state (every 15 s).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  for (const s of servers.splice(0)) await s.close();
});

describe('carets across nodes', () => {
  it('someone opening a plan on a node that had not loaded it sees the carets held on another node', async () => {
    const { url: databaseUrl } = await createTestDatabase(inject('databaseUrl'));
    const redisUrl = inject('redisUrl');
    const [one, two] = [await startTestServer({ databaseUrl, redisUrl }), await startTestServer({ databaseUrl, redisUrl })];
    servers.push(one, two);
    const world = await createWorld(one.url);
    const caro = await world.user('Caro', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(caro.api);
    await world.addMember(ws, caro.api, beto.id, 'member');
    const docId = await world.document(caro.api, ws);

    const c = connectYjs(two.wsUrl, docId, caro.api.token);
    clients.push(c);
    await waitSynced(c);
    c.provider.awareness.setLocalStateField('user', { name: 'Caro', color: '#1a73e8' });
    c.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
    // Her caret is on node two only: node one has not loaded the plan yet.
    await new Promise((r) => setTimeout(r, 300));

    const b = connectYjs(one.wsUrl, docId, beto.api.token);
    clients.push(b);
    await waitSynced(b);
    await waitFor(() => b.provider.awareness.getStates().has(c.doc.clientID), 5000, 'Caro’s caret on node one');
    expect(b.provider.awareness.getStates().get(c.doc.clientID)).toMatchObject({ cursor: { anchor: 3, head: 3 }, user: { name: 'Caro' } });
    // And his reaches her.
    b.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await waitFor(() => c.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.anchor === 1, 5000, 'Beto’s caret on node two');
  });
});
