/**
 * Security under hostile input: session fixation, cross-site cookie writes, SQL injection strings, and
 * path traversal in download names. Everything the caller typed comes back verbatim and harms nothing.
 */
import { request } from 'node:http';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { Api, createWorld, PASSWORD } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { closeCode, rawSocket } from '../helpers/yjsClient.js';

const COOKIE = 'enlace_session';

/** The session token a response sets, if any. */
function cookieToken(res: { headers: Headers }): string | undefined {
  const set = res.headers.get('set-cookie') ?? '';
  const m = set.match(new RegExp(`${COOKIE}=([^;]*)`));
  return m ? decodeURIComponent(m[1]) : undefined;
}

/** A JSON request to 127.0.0.1:`port` with the Host header given (fetch always sends the URL's own). */
function withHost(port: number, method: string, path: string, headers: Record<string, string>, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A WebSocket's close code, or 'open' while it is still open a second after opening (a refusal opens, then closes). */
function openOrClose(ws: WebSocket): Promise<'open' | number> {
  return new Promise((resolve) => {
    ws.once('open', () => setTimeout(() => resolve('open'), 1000));
    ws.once('close', (code) => resolve(code));
    ws.on('error', () => undefined);
  });
}

/** Whether a cookie-authenticated Socket.IO connection with these headers is let in. */
function socketIoLetsIn(url: string, headers: Record<string, string>): Promise<boolean> {
  const socket = io(url, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  }).finally(() => socket.close());
}

const INJECTIONS = [
  "Robert'); DROP TABLE users;--",
  "' OR '1'='1",
  '"; SELECT pg_sleep(10); --',
  "1; UPDATE users SET is_admin = true WHERE '1'='1",
  "$$; DELETE FROM workspaces; $$",
  "\\'; TRUNCATE document_updates; --",
  'Ñandú %_ \\x00 ` ${1+1} {{7*7}}',
];

describe.each(BACKENDS)('security on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('never keeps a session cookie planted before sign-in', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const victim = await world.user('Víctima', 'SSPC');
    const attacker = await world.user('Atacante', 'FGR');
    const anon = new Api(server.url);
    const planted = [attacker.api.token!, 'a'.repeat(43), 'fixed-by-attacker'];
    for (const value of planted) {
      const login = await anon.request('POST', '/api/auth/login', { email: victim.email, password: PASSWORD }, { cookie: `${COOKIE}=${value}`, origin: server.services.config.publicOrigin });
      expect(login.status).toBe(200);
      const issued = cookieToken(login);
      expect(issued).toBeTruthy();
      expect(issued).not.toBe(value);
      expect(login.body.token).not.toBe(value);
      // The planted value opens nothing afterwards (the attacker's own session brought in is revoked too)…
      expect((await anon.request('GET', '/api/me', undefined, { cookie: `${COOKIE}=${value}` })).status).toBe(401);
      expect((await anon.request('GET', '/api/me', undefined, { authorization: `Bearer ${value}` })).status).toBe(401);
      // …while the rotated cookie is the victim's.
      const me = await anon.request('GET', '/api/me', undefined, { cookie: `${COOKIE}=${issued}` });
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe(victim.email);
    }
  });

  it('refuses cookie writes from another origin on every kind of route, and changes nothing', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const wsId = await world.workspace(ana.api);
    await world.addMember(wsId, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, wsId);
    const cookie = `${COOKIE}=${ana.api.token}`;
    const port = server.port;
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/api/workspaces', { name: 'Mesa ajena', mandateAreas: ['corruption'] }],
      ['PATCH', `/api/workspaces/${wsId}`, { name: 'Renombrada' }],
      ['PUT', `/api/workspaces/${wsId}/members/${beto.id}`, { role: 'facilitator' }],
      ['DELETE', `/api/workspaces/${wsId}/members/${beto.id}`, undefined],
      ['POST', `/api/workspaces/${wsId}/documents`, { title: 'Plan ajeno' }],
      ['POST', `/api/workspaces/${wsId}/decisions`, { title: 'Decisión ajena' }],
      ['POST', `/api/documents/${docId}/comments`, { body: 'Comentario ajeno' }],
      ['POST', `/api/documents/${docId}/versions`, { name: 'Versión ajena' }],
      ['POST', '/api/organizations', { name: 'Org ajena', acronym: 'AJENA', level: 'federal' }],
      ['POST', '/api/auth/logout', undefined],
    ];
    const origins: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `http://localhost:${port}.evil.example` },
      { origin: `http://127.0.0.1:${port + 1}` },
      {}, // no Origin at all: a cookie alone never writes
      { referer: `http://localhost:${port}/w/${wsId}` }, // a Referer is not an Origin
    ];
    const auditBefore = (await ana.api.get(`/api/workspaces/${wsId}/audit`)).body.events.length;
    for (const [method, path, body] of writes) {
      for (const headers of origins) {
        const res = await new Api(server.url).request(method, path, body, { cookie, ...headers });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    // Nothing happened: same group, same members, same plans, the session still valid, no audit event.
    const detail = await ana.api.get(`/api/workspaces/${wsId}`);
    expect(detail.body.workspace.name).toBe('Mesa de trata de personas');
    expect(detail.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort()).toEqual([[ana.id, 'facilitator'], [beto.id, 'member']].sort());
    expect((await ana.api.get(`/api/workspaces/${wsId}/documents`)).body.documents).toHaveLength(1);
    expect((await ana.api.get('/api/workspaces')).body.workspaces).toHaveLength(1);
    expect((await ana.api.get(`/api/workspaces/${wsId}/audit`)).body.events.length).toBe(auditBefore);
    // The same cookie from the app's own origin works; so does a document socket, but not from another origin.
    const same = await new Api(server.url).request('POST', `/api/workspaces/${wsId}/documents`, { title: 'Plan propio' }, { cookie, origin: server.services.config.publicOrigin });
    expect(same.status).toBe(201);
    const crossSocket = rawSocket(`${server.wsUrl}/yjs/${docId}`, { cookie, origin: 'https://evil.example' });
    expect(await closeCode(crossSocket)).toBe(4403);
  });

  it('trusts no origin because the Host header names it: only PUBLIC_ORIGIN, or a loopback page on this server’s own port', async () => {
    const srv = (server = await startTestServer(await backend.fresh()));
    const world = await createWorld(srv.url);
    const ana = await world.user('Ana', 'SSPC');
    const wsId = await world.workspace(ana.api);
    const docId = await world.document(ana.api, wsId);
    const cookie = `${COOKIE}=${ana.api.token}`;
    const port = srv.port;
    const write = (headers: Record<string, string>) => withHost(port, 'POST', `/api/workspaces/${wsId}/documents`, { cookie, ...headers }, { title: 'Plan' });
    const yjs = async (headers: Record<string, string>) => {
      const ws = rawSocket(`${srv.wsUrl}/yjs/${docId}`, { cookie, ...headers });
      const outcome = await openOrClose(ws);
      ws.close();
      return outcome;
    };
    // A request that says it is for evil.example, from evil.example's page (as after DNS rebinding), is cross-site;
    // so is a loopback origin on a port this server is not listening on.
    const refused = [
      { host: 'evil.example', origin: 'http://evil.example' },
      { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
      { host: `localhost:${port + 1}`, origin: `http://localhost:${port + 1}` },
      { host: `localhost:${port}`, origin: `http://127.0.0.1:${port}` }, // loopback, but not the request's own origin
    ];
    for (const headers of refused) {
      expect(await write(headers), JSON.stringify(headers)).toBe(403);
      expect(await yjs(headers), JSON.stringify(headers)).toBe(4403);
      expect(await socketIoLetsIn(srv.url, { cookie, ...headers }), JSON.stringify(headers)).toBe(false);
    }
    // PUBLIC_ORIGIN is http://localhost:PORT; a browser that opened http://127.0.0.1:PORT (or [::1]) is still this app.
    const local = [
      { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` },
      { host: `[::1]:${port}`, origin: `http://[::1]:${port}` },
      { host: `localhost:${port}`, origin: srv.services.config.publicOrigin },
    ];
    for (const headers of local) {
      expect(await write(headers), JSON.stringify(headers)).toBe(201);
      expect(await yjs(headers), JSON.stringify(headers)).toBe('open');
      expect(await socketIoLetsIn(srv.url, { cookie, ...headers }), JSON.stringify(headers)).toBe(true);
    }
    expect((await ana.api.get(`/api/workspaces/${wsId}/documents`)).body.documents).toHaveLength(1 + local.length);
  });

  it('stores SQL injection strings verbatim everywhere and stays intact', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const admin = world.admin;
    for (const [i, text] of INJECTIONS.entries()) {
      const org = await admin.post('/api/organizations', { name: text, acronym: `INJ${i}`, level: 'civil_society' });
      expect(org.status, text).toBe(201);
      expect(org.body.organization.name).toBe(text);
      const user = await admin.post('/api/users', { email: `inj${i}@enlace.test`, name: text, password: PASSWORD, organizationId: org.body.organization.id });
      expect(user.status, text).toBe(201);
      expect(user.body.user.name).toBe(text);
      const ws = await ana.api.post('/api/workspaces', { name: text, description: text, mandateAreas: ['money_laundering'] });
      expect(ws.status, text).toBe(201);
      const wsId = ws.body.workspace.id as string;
      const detail = await ana.api.get(`/api/workspaces/${wsId}`);
      expect([detail.body.workspace.name, detail.body.workspace.description]).toEqual([text, text]);
      const doc = await ana.api.post(`/api/workspaces/${wsId}/documents`, { title: text, template: 'blank' });
      expect(doc.status, text).toBe(201);
      expect((await ana.api.get(`/api/documents/${doc.body.document.id}`)).body.document.title).toBe(text);
      const decision = await ana.api.post(`/api/workspaces/${wsId}/decisions`, { title: text, body: text });
      expect(decision.status, text).toBe(201);
      const read = await ana.api.get(`/api/decisions/${decision.body.decision.id}`);
      expect([read.body.decision.title, read.body.decision.body]).toEqual([text, text]);
      const comment = await ana.api.post(`/api/documents/${doc.body.document.id}/comments`, { body: text });
      expect(comment.status, text).toBe(201);
      const comments = await ana.api.get(`/api/documents/${doc.body.document.id}/comments?status=all`);
      expect(comments.body.comments.map((c: { body: string }) => c.body)).toEqual([text]);
      // As search terms and filters they find nothing unexpected and break nothing.
      const search = await ana.api.get(`/api/search?q=${encodeURIComponent(text)}`);
      expect(search.status, text).toBeLessThan(500);
      const matrix = await ana.api.get(`/api/matrix?mandateArea=${encodeURIComponent(text)}`);
      expect(matrix.status, text).toBe(400);
      // As ids they are simply not found (or not valid).
      expect([400, 404]).toContain((await ana.api.get(`/api/documents/${encodeURIComponent(text)}`)).status);
    }
    const orgs = (await admin.get('/api/organizations')).body.organizations.map((o: { name: string }) => o.name);
    for (const text of INJECTIONS) expect(orgs).toContain(text);
    // The tables the strings aimed at are all there, and nobody became an admin.
    expect((await ana.api.get('/api/workspaces')).body.workspaces).toHaveLength(INJECTIONS.length);
    expect((await ana.api.get('/api/me')).body.user.isAdmin).toBe(false);
    const login = await new Api(server.url).post('/api/auth/login', { email: 'inj0@enlace.test', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.isAdmin).toBe(false);
  });

  it('never puts a path in a download name', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const titles = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/absoluto/ruta', 'a/../../b', '....//....//x', 'C:\\temp\\x', '%2e%2e%2fsecreto', '..', ' . . ', 'Plan\r\nSet-Cookie: x=1'];
    const names: string[] = [];
    for (const title of titles) {
      const wsId = (await ana.api.post('/api/workspaces', { name: title, mandateAreas: ['corruption'] })).body.workspace.id as string;
      const created = await ana.api.post(`/api/workspaces/${wsId}/documents`, { title, template: 'work_plan' });
      expect(created.status, title).toBe(201);
      for (const format of ['md', 'json', 'docx', 'pdf']) {
        const res = await ana.api.get(`/api/documents/${created.body.document.id}/export?format=${format}`);
        expect(res.status, `${title} ${format}`).toBe(200);
        names.push(res.headers.get('content-disposition') ?? '');
      }
      const meeting = await ana.api.post(`/api/workspaces/${wsId}/meetings`, { title, startsAt: new Date().toISOString(), agenda: [{ title }] });
      if (meeting.status === 201) {
        const minutes = await ana.api.get(`/api/meetings/${meeting.body.meeting.id}/minutes?format=md&lang=es`);
        if (minutes.status === 200) names.push(minutes.headers.get('content-disposition') ?? '');
      }
      const audit = await ana.api.get(`/api/workspaces/${wsId}/audit.csv`);
      if (audit.status === 200) names.push(audit.headers.get('content-disposition') ?? '');
    }
    expect(names.length).toBeGreaterThanOrEqual(titles.length * 4);
    for (const header of names) {
      expect(header).toMatch(/^attachment; /);
      const plain = header.match(/filename="([^"]*)"/)?.[1] ?? '';
      const star = decodeURIComponent(header.match(/filename\*=UTF-8''([^;]*)/)?.[1] ?? '');
      for (const name of [plain, star]) {
        expect(name, header).not.toMatch(/[/\\\r\n]/);
        expect(name, header).not.toContain('..');
        expect(name.length, header).toBeGreaterThan(0);
      }
    }
  });
});
