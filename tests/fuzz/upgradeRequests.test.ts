/**
 * Upgrade requests no WebSocket client would send. Each is answered on its own connection and nothing else is
 * touched: `GET http://[` (valid HTTP, not a URL) once threw in the upgrade handler and ended the whole process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as socketClient } from 'socket.io-client';
import { WebSocket } from 'ws';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { upgradeAttempt } from '../helpers/rawUpgrade.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

/** Opens a plain WebSocket and returns its close code and reason. */
function closeOf(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const timer = setTimeout(() => reject(new Error(`${url.slice(0, 80)} stayed open`)), 5000);
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve(`${code} ${reason.toString()}`);
    });
    ws.on('error', () => undefined); // the close event carries the outcome
  });
}

describe('hostile upgrade requests', () => {
  let server: TestServer;
  let api: Api;
  let token: string;
  let doc: string;
  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    api = ana.api;
    token = ana.api.token!;
    doc = await world.document(ana.api, await world.workspace(ana.api), 'blank');
  });
  afterAll(() => server.close());

  it('answers a request target that is not a URL with 400, and the server keeps serving', async () => {
    const editor = connectYjs(server.wsUrl, doc, token);
    await waitSynced(editor);
    for (const target of ['http://[', 'http://a:b@[::1/yjs/x', '//']) {
      const attempt = await upgradeAttempt(server.port, target, 3000);
      expect(attempt.response, target).toMatch(/^HTTP\/1\.1 400 /);
      expect(attempt.closed, target).toBe(true);
    }
    expect((await api.get('/api/health')).status).toBe(200);
    // The connection opened before is still live and still saves.
    insertActivity(editor.doc, { id: 'after-bad-upgrades', title: 'Sigue' });
    const reader = connectYjs(server.wsUrl, doc, token);
    await waitSynced(reader);
    await waitFor(() => readActivities(reader.doc).some((a) => a.id === 'after-bad-upgrades'), 5000, 'edit after hostile upgrades');
    editor.destroy();
    reader.destroy();
  });

  it('answers an upgrade to a path no endpoint serves with 404 and closes it; Socket.IO still upgrades', async () => {
    // Left to their listeners, these got no answer and their sockets stayed open for as long as the client liked.
    for (const target of ['/foo', '/yjs', `/yjs?token=${token}`, '/api/health', '/socket.iox/']) {
      const attempt = await upgradeAttempt(server.port, target, 3000);
      expect(attempt.response, target).toMatch(/^HTTP\/1\.1 404 /);
      expect(attempt.closed, target).toBe(true);
    }
    // Socket.IO's path is left to it: its engine answers the upgrade (101 needs its handshake's query, so a bare
    // request gets its 400 naming the transport), and a real Socket.IO client still connects over WebSocket.
    const engine = await upgradeAttempt(server.port, '/socket.io/', 3000);
    expect(engine.response).toMatch(/^HTTP\/1\.1 400 /);
    const io = socketClient(server.url, { auth: { token }, transports: ['websocket'] });
    try {
      await new Promise<void>((resolve, reject) => {
        io.on('connect', resolve);
        io.on('connect_error', reject);
      });
      expect(io.io.engine.transport.name).toBe('websocket');
    } finally {
      io.close();
    }
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('closes with 4404 for a document path that cannot name a document, without asking the database', async () => {
    const base = `${server.wsUrl}/yjs/`;
    expect(await closeOf(`${base}%E0%A4%A?token=${token}`)).toBe('4404 no such document');
    // A NUL reached the database, which refused the query: read as an outage, the client was told 1011 and retried for ever.
    expect(await closeOf(`${base}%00abc?token=${token}`)).toBe('4404 no such document');
    expect(await closeOf(`${base}${'a'.repeat(300)}?token=${token}`)).toBe('4404 no such document');
    expect(await closeOf(`${base}?token=${token}`)).toBe('4404 no such document');
    // Authentication still comes first: nothing about documents is told to a caller without a token.
    expect(await closeOf(`${base}%E0%A4%A`)).toBe('4401 no valid token');
    // A session cookie with a malformed escape is no session (it was read as an outage: 1011).
    expect(await closeOf(`${base}${doc}`, { cookie: 'enlace_session=%E0%A4%A' })).toBe('4401 no valid token');
  });
});
