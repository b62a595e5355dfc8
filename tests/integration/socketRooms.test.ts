/**
 * Joining and leaving working groups over Socket.IO: `workspace:join` takes `{workspaceId}` or the id alone;
 * `workspace:leave` names one group, or none and leaves every group the socket joined.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

describe('Socket.IO working-group rooms', () => {
  let server: TestServer;
  let world: World;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer(await BACKENDS[0].fresh());
    world = await createWorld(server.url);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await server?.close();
  });

  const ackOf = (socket: Socket, event: string, ...args: unknown[]) => socket.timeout(5000).emitWithAck(event, ...args) as Promise<{ ok?: boolean; error?: { code: string } }>;

  it('a bare workspace:leave leaves every joined group; a named one leaves only that group', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const [ws1, ws2, ws3] = [await world.workspace(ana.api, 'Mesa uno'), await world.workspace(ana.api, 'Mesa dos'), await world.workspace(ana.api, 'Mesa tres')];
    const socket = await connectEvents(server.url, ana.api.token!);
    sockets.push(socket);
    const heard = recordEvents(socket, ['decision:created']);
    const propose = async (ws: string, title: string) => expect((await ana.api.post(`/api/workspaces/${ws}/decisions`, { title })).status).toBe(201);
    const titles = () => heard.map((e) => e.payload.decision.title);

    expect(await ackOf(socket, 'workspace:join', ws1)).toEqual({ ok: true });
    expect(await ackOf(socket, 'workspace:join', { workspaceId: ws2 })).toEqual({ ok: true });
    expect(await ackOf(socket, 'workspace:join', { workspaceId: ws3 })).toEqual({ ok: true });
    await propose(ws1, 'Uno antes');
    await propose(ws2, 'Dos antes');
    await waitFor(() => heard.length === 2, 5000, 'both joined groups heard');

    expect(await ackOf(socket, 'workspace:leave', { workspaceId: ws3 })).toEqual({ ok: true });
    expect(await ackOf(socket, 'workspace:leave')).toEqual({ ok: true });
    expect((await ackOf(socket, 'workspace:leave', 42)).error?.code).toBe('validation_failed');
    await propose(ws1, 'Uno después');
    await propose(ws2, 'Dos después');
    await propose(ws3, 'Tres después');
    // Events on one connection arrive in order: once a later group's event is heard, the earlier ones would have been.
    expect(await ackOf(socket, 'workspace:join', ws3)).toEqual({ ok: true });
    await propose(ws3, 'Tres de nuevo');
    await waitFor(() => titles().includes('Tres de nuevo'), 5000, 'the rejoined group heard');
    expect(titles()).toEqual(['Uno antes', 'Dos antes', 'Tres de nuevo']);
  });
});
