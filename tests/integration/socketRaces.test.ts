/**
 * Socket.IO events sent in floods and in races: one person's joins are rate-limited across all their sockets; a
 * socket that closes while its join is in flight leaves no one "online"; a member removed while a join is in flight
 * hears nothing more of the group, nor is left "online" there by a join or presence update written as it was removed.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

type Ack = { ok?: boolean; error?: { code: string } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('Socket.IO floods and races on $name', (backend) => {
  let server: TestServer;
  let world: World;
  const sockets: Socket[] = [];
  const open = async (token: string, workspaceId?: string) => {
    const socket = await connectEvents(server.url, token, workspaceId);
    sockets.push(socket);
    return socket;
  };
  const ackOf = (socket: Socket, event: string, payload: unknown) => socket.timeout(20_000).emitWithAck(event, payload) as Promise<Ack>;

  beforeAll(async () => {
    // The default budget, named: the flood test counts on it.
    server = await startTestServer({ ...(await backend.fresh()), limits: { socketEventBurst: 300, socketEventsPerSecond: 20 } });
    world = await createWorld(server.url);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await server?.close();
  });

  it('answers one person’s flood of joins rate_limited across all their sockets, and leaves others’ joins alone', async () => {
    const flooder = await world.user('Inundador', 'FGR');
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api, 'Mesa tranquila');
    const floodSockets = await Promise.all([0, 1, 2, 3].map(() => open(flooder.api.token!)));
    const answers = await Promise.all(floodSockets.flatMap((s) => Array.from({ length: 120 }, (_, i) => ackOf(s, 'workspace:join', { workspaceId: `no-existe-${i}` }))));
    const codes = answers.map((a) => a.error?.code);
    expect(codes.every((c) => c === 'not_found' || c === 'rate_limited')).toBe(true);
    // 480 sent, 300 at once plus 20 a second: well over a hundred refused whatever the pace.
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThan(100);
    const anaSocket = await open(ana.api.token!);
    expect(await ackOf(anaSocket, 'workspace:join', { workspaceId: ws })).toEqual({ ok: true });
  });

  it('leaves no one online whose socket closed while its join was in flight', async () => {
    const fac = await world.user('Fátima', 'UNODC');
    const mario = await world.user('Mario Fugaz', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de presencia');
    await world.addMember(ws, fac.api, mario.id, 'member');
    for (let i = 0; i < 30; i++) {
      const socket = await open(mario.api.token!);
      socket.emit('workspace:join', { workspaceId: ws });
      await sleep(i % 4);
      socket.disconnect();
    }
    await sleep(1000);
    const watcher = await open(fac.api.token!);
    const presence = recordEvents(watcher, ['presence:updated']);
    expect(await ackOf(watcher, 'workspace:join', { workspaceId: ws })).toEqual({ ok: true });
    await waitFor(() => presence.length > 0, 5000, 'presence');
    expect(presence.at(-1)!.payload.online.map((o: { name: string }) => o.name)).toEqual(['Fátima']);
  });

  it('tells a member removed while their joins are in flight nothing more of the group', async () => {
    const fac = await world.user('Facundo', 'UNODC');
    const gone = await world.user('Gonzalo Removido', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa reservada');
    const plan = await world.document(fac.api, ws);
    for (let attempt = 0; attempt < 4; attempt++) {
      await world.addMember(ws, fac.api, gone.id, 'member');
      const goneSockets = await Promise.all([0, 1, 2, 3, 4].map(() => open(gone.api.token!)));
      const heard = goneSockets.map((s) => recordEvents(s, ['comment:created']));
      let pumping = true;
      for (const s of goneSockets) {
        const pump = () => pumping && s.emit('workspace:join', { workspaceId: ws }, pump);
        for (let i = 0; i < 3; i++) pump();
      }
      await sleep(20 + (attempt % 4) * 7);
      expect((await fac.api.delete(`/api/workspaces/${ws}/members/${gone.id}`)).status).toBe(204);
      await sleep(150);
      pumping = false;
      await sleep(100);
      expect((await fac.api.post(`/api/documents/${plan}/comments`, { body: `Reservado ${attempt}` })).status).toBe(201);
      await sleep(300);
      expect(heard.flat().map((e) => e.payload.comment.body)).toEqual([]);
      goneSockets.forEach((s) => s.close());
    }
  });

  it('shows a member removed while their presence update is being written to the group no more', async () => {
    const fac = await world.user('Felisa', 'UNODC');
    const leaving = await world.user('Leandro Saliente', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de salida');
    const plan = await world.document(fac.api, ws);
    await world.addMember(ws, fac.api, leaving.id, 'member');
    const watcher = await open(fac.api.token!, ws);
    const heard = recordEvents(watcher, ['presence:updated']);
    const socket = await open(leaving.api.token!, ws);
    // The removal lands while the update naming a plan is being written (its plan's lookup, a slow shared store).
    const presence = server.services.presence;
    const set = presence.set.bind(presence);
    presence.set = async (workspaceId, socketId, entry) => {
      if (entry.userId === leaving.id && entry.documentId) {
        expect((await fac.api.delete(`/api/workspaces/${ws}/members/${leaving.id}`)).status).toBe(204);
        await sleep(200);
      }
      return set(workspaceId, socketId, entry);
    };
    try {
      expect((await ackOf(socket, 'presence:update', { workspaceId: ws, documentId: plan, state: 'active' })).error?.code).toBe('not_found');
    } finally {
      presence.set = set;
    }
    await sleep(300);
    expect((await presence.list(ws)).map((e) => e.userId)).toEqual([fac.id]);
    expect(heard.at(-1)!.payload.online.map((o: { userId: string }) => o.userId)).toEqual([fac.id]);
  });

  it('shows a member removed while their join is being written to the group no more, and does not answer them ok', async () => {
    const fac = await world.user('Fermina', 'UNODC');
    const leaving = await world.user('Lucio Entrante', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de entrada');
    await world.addMember(ws, fac.api, leaving.id, 'member');
    const watcher = await open(fac.api.token!, ws);
    const heard = recordEvents(watcher, ['presence:updated']);
    const socket = await open(leaving.api.token!);
    const told = recordEvents(socket, ['access:revoked']);
    // The removal lands after the join's second membership check, while its presence entry is being written (a slow
    // shared store): the removal's clean-up finds no entry yet.
    const presence = server.services.presence;
    const set = presence.set.bind(presence);
    presence.set = async (workspaceId, socketId, entry) => {
      if (entry.userId === leaving.id) {
        expect((await fac.api.delete(`/api/workspaces/${ws}/members/${leaving.id}`)).status).toBe(204);
        await sleep(200);
      }
      return set(workspaceId, socketId, entry);
    };
    try {
      expect((await ackOf(socket, 'workspace:join', { workspaceId: ws })).error?.code).toBe('not_found');
    } finally {
      presence.set = set;
    }
    expect(told.map((e) => e.payload.workspaceId)).toEqual([ws]);
    await sleep(300);
    expect((await presence.list(ws)).map((e) => e.userId)).toEqual([fac.id]);
    expect(heard.at(-1)!.payload.online.map((o: { userId: string }) => o.userId)).toEqual([fac.id]);
  });
});
