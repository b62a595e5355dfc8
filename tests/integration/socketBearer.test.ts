/**
 * The contract's Auth convention (`Authorization: Bearer <token>`) on the realtime endpoints too: a Node client
 * that sends the header instead of `?token=` or `auth: {token}` was refused as if it had no token at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { insertActivity } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { closeCode, connectYjs, rawSocket, waitFor, waitSynced } from '../helpers/yjsClient.js';

describe('bearer tokens on the realtime endpoints', () => {
  let server: TestServer;
  let token: string;
  let outsiderToken: string;
  let workspaceId: string;
  let docId: string;
  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const olga = await world.user('Olga', 'FGR');
    token = ana.api.token!;
    outsiderToken = olga.api.token!;
    workspaceId = await world.workspace(ana.api);
    docId = await world.document(ana.api, workspaceId, 'blank');
  });
  afterAll(() => server.close());

  it('opens a plan for an Authorization header and syncs its edits; refuses a bad one with 4401, a stranger with 4403', async () => {
    const reader = new WebSocket(`${server.wsUrl}/yjs/${docId}`, { headers: { authorization: `Bearer ${token}` } });
    const frames: Buffer[] = [];
    reader.on('message', (data) => frames.push(data as Buffer));
    await new Promise<void>((resolve, reject) => {
      reader.once('message', () => resolve());
      reader.once('close', (code) => reject(new Error(`closed with ${code}`)));
    });
    // The server opens with its sync step 1: message type 0, sync type 0.
    expect([...frames[0]!.subarray(0, 2)]).toEqual([0, 0]);

    // An edit by a stock client reaches the socket the header admitted, and the scheme's case does not matter.
    const editor = connectYjs(server.wsUrl, docId, token);
    await waitSynced(editor);
    insertActivity(editor.doc, { id: 'via-header', title: 'Escrita' });
    await waitFor(() => frames.some((f) => f.includes(Buffer.from('via-header'))), 5000, 'the edit reaches the header-authenticated socket');
    reader.close();
    editor.destroy();
    const lower = new WebSocket(`${server.wsUrl}/yjs/${docId}`, { headers: { authorization: `bearer ${token}` } });
    await new Promise<void>((resolve, reject) => {
      lower.once('message', () => resolve());
      lower.once('close', (code) => reject(new Error(`closed with ${code}`)));
    });
    lower.close();

    expect(await closeCode(rawSocket(`${server.wsUrl}/yjs/${docId}`, { authorization: 'Bearer nonsense' }))).toBe(4401);
    expect(await closeCode(rawSocket(`${server.wsUrl}/yjs/${docId}`, { authorization: `Bearer ${outsiderToken}` }))).toBe(4403);
    // The query's token still comes first, as the contract names it.
    expect(await closeCode(rawSocket(`${server.wsUrl}/yjs/${docId}?token=nonsense`, { authorization: `Bearer ${token}` }))).toBe(4401);
  });

  it('admits a Socket.IO client sending the header and answers its join; a bad header is unauthenticated', async () => {
    const connect = (authorization: string) => {
      const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { authorization } });
      return new Promise<{ socket: typeof socket; error?: string }>((resolve) => {
        socket.once('connect', () => resolve({ socket }));
        socket.once('connect_error', (err) => resolve({ socket, error: err.message }));
      });
    };
    const good = await connect(`Bearer ${token}`);
    expect(good.error).toBeUndefined();
    expect(await good.socket.timeout(5000).emitWithAck('workspace:join', { workspaceId })).toEqual({ ok: true });
    good.socket.close();
    const bad = await connect('Bearer nonsense');
    expect(bad.error).toBe('unauthenticated');
    bad.socket.close();
  });
});
