/**
 * Joining and leaving working groups over Socket.IO: `workspace:join` takes `{workspaceId}` or the id alone;
 * `workspace:leave` names one group, or none and leaves every group the socket joined. Other events are answered
 * `not_found` when the client asks for an acknowledgement.
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

  it('takes a socket’s events in the order sent: a leave right after a join is not undone by it', async () => {
    const beto = await world.user('Beto', 'FGR');
    const [ws1, sentinel] = [await world.workspace(beto.api, 'Mesa de lavado'), await world.workspace(beto.api, 'Mesa centinela')];
    for (let round = 0; round < 5; round++) {
      const socket = await connectEvents(server.url, beto.api.token!);
      sockets.push(socket);
      const heard = recordEvents(socket, ['decision:created']);
      // Not awaited one by one: the join's database lookup used to let the leave run first and leave nothing.
      const [joined, left] = await Promise.all([ackOf(socket, 'workspace:join', ws1), ackOf(socket, 'workspace:leave')]);
      expect(joined).toEqual({ ok: true });
      expect(left).toEqual({ ok: true });
      expect((await ackOf(socket, 'presence:update', { workspaceId: ws1, state: 'idle' })).error?.code).toBe('not_found');
      expect(await ackOf(socket, 'workspace:join', sentinel)).toEqual({ ok: true });
      await beto.api.post(`/api/workspaces/${ws1}/decisions`, { title: `Lavado ${round}` });
      await beto.api.post(`/api/workspaces/${sentinel}/decisions`, { title: `Centinela ${round}` });
      await waitFor(() => heard.length > 0, 5000, 'the sentinel group heard');
      expect(heard.map((e) => e.payload.decision.title)).toEqual([`Centinela ${round}`]);
      socket.close();
    }
  });

  it('refuses a pile-up of events past its bound, answers every one, and keeps the connection usable', async () => {
    const eva = await world.user('Eva', 'SSPC');
    const ws = await world.workspace(eva.api, 'Mesa de Eva');
    const socket = await connectEvents(server.url, eva.api.token!, ws);
    sockets.push(socket);
    const acks = await Promise.all(Array.from({ length: 1000 }, () => ackOf(socket, 'presence:update', { workspaceId: ws, state: 'active' })));
    const refused = acks.filter((a) => a.error?.code === 'rate_limited').length;
    expect(refused).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok === true).length + refused).toBe(1000);
    // Usable again once its budget refills (20 a second): an event right after the pile-up may still find it empty.
    let again: unknown;
    await waitFor(async () => {
      again = await ackOf(socket, 'presence:update', { workspaceId: ws, state: 'idle' });
      return (again as { ok?: boolean }).ok === true;
    }, 3000, 'an event accepted once the budget refills');
    expect(again).toEqual({ ok: true });
  });

  it('shows a person in a plan only if the plan is in that group', async () => {
    const fede = await world.user('Fede', 'SSPC');
    const [ws, other] = [await world.workspace(fede.api, 'Mesa de Fede'), await world.workspace(fede.api, 'Otra mesa de Fede')];
    const [plan, elsewhere] = [await world.document(fede.api, ws), await world.document(fede.api, other)];
    const socket = await connectEvents(server.url, fede.api.token!, ws);
    sockets.push(socket);
    const presence = recordEvents(socket, ['presence:updated']);
    for (const documentId of [elsewhere, 'no-such-plan']) {
      expect(await ackOf(socket, 'presence:update', { workspaceId: ws, documentId, state: 'active' })).toEqual({ error: { code: 'not_found', message: 'No such plan in this working group' } });
    }
    expect(await ackOf(socket, 'presence:update', { workspaceId: ws, documentId: plan, state: 'active' })).toEqual({ ok: true });
    await waitFor(() => presence.some((e) => e.payload.online[0]?.documentId === plan), 5000, 'presence in the group’s own plan');
    expect(presence.flatMap((e) => e.payload.online.map((o: { documentId: string | null }) => o.documentId))).not.toContain(elsewhere);
  });

  it('answers the acknowledgement even after extra arguments, and leaving a group never joined tells that group nothing', async () => {
    const carla = await world.user('Carla', 'SSPC');
    const dora = await world.user('Dora', 'FGR');
    const ws = await world.workspace(carla.api, 'Mesa de Carla');
    const member = await connectEvents(server.url, carla.api.token!, ws);
    const stranger = await connectEvents(server.url, dora.api.token!);
    sockets.push(member, stranger);
    const presence = recordEvents(member, ['presence:updated']);
    const stateOf = (e: { payload: { online: Array<{ state: string }> } }) => e.payload.online[0]?.state;
    // Broadcasts reach one socket in the order sent: once the member hears its own "idle", earlier ones are in.
    expect(await ackOf(member, 'presence:update', { workspaceId: ws, state: 'idle' })).toEqual({ ok: true });
    await waitFor(() => presence.some((e) => stateOf(e) === 'idle'), 5000, 'the member’s idle broadcast');
    presence.length = 0;

    expect(await ackOf(stranger, 'workspace:join', ws, 'de más')).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    for (let i = 0; i < 5; i++) expect(await ackOf(stranger, 'workspace:leave', ws)).toEqual({ ok: true });
    // The member's next change comes after the stranger's leaves; it is all the member hears.
    expect(await ackOf(member, 'presence:update', { workspaceId: ws, state: 'active' })).toEqual({ ok: true });
    await waitFor(() => presence.some((e) => stateOf(e) === 'active'), 5000, 'the member’s active broadcast');
    expect(presence.map(stateOf)).toEqual(['active']);
    expect(presence[0].payload.online).toEqual([expect.objectContaining({ userId: carla.id, state: 'active' })]);
  });

  it('answers an event it does not handle (the client would wait for nothing), and stays usable', async () => {
    const elena = await world.user('Elena', 'SSPC');
    const ws = await world.workspace(elena.api, 'Mesa de Elena');
    const socket = await connectEvents(server.url, elena.api.token!);
    sockets.push(socket);
    expect(await ackOf(socket, 'workspace:joinn', { workspaceId: ws })).toEqual({ error: { code: 'not_found', message: expect.stringContaining('workspace:join') } });
    expect(await ackOf(socket, 'decision:created', { workspaceId: ws }, 'más')).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    socket.emit('sin:respuesta', { workspaceId: ws }); // no acknowledgement asked: nothing to answer
    expect(await ackOf(socket, 'workspace:join', { workspaceId: ws })).toEqual({ ok: true });
  });
});
