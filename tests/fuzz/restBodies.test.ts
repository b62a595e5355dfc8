import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createWorld } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const NASTY = ["'; drop table users; --", '<img src=x onerror=alert(1)>', '../../etc/passwd', '\u0000', '💥'.repeat(50), 'a'.repeat(20000), '%00', '{{7*7}}', '__proto__'];

function randomValue(rnd: () => number, depth = 0): unknown {
  const r = rnd();
  if (r < 0.15) return NASTY[Math.floor(rnd() * NASTY.length)];
  if (r < 0.3) return Math.floor(rnd() * 2 ** 33) * (rnd() < 0.5 ? -1 : 1);
  if (r < 0.4) return rnd() < 0.5;
  if (r < 0.5) return null;
  if (r < 0.65 && depth < 3) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
  if (r < 0.85 && depth < 3) return randomObject(rnd, depth + 1);
  return 'x'.repeat(Math.floor(rnd() * 30));
}

const KEYS = ['title', 'name', 'email', 'password', 'body', 'role', 'status', 'stance', 'anchor', 'agenda', 'organizationIds', 'mandateAreas', 'organization', 'level', 'index', 'ids', 'all', 'format', 'dueDate', 'startsAt', '__proto__', 'constructor'];
function randomObject(rnd: () => number, depth = 0): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(rnd() * 5); i++) o[KEYS[Math.floor(rnd() * KEYS.length)]] = randomValue(rnd, depth);
  return o;
}

describe('random REST bodies against every route', () => {
  let server: TestServer;
  let api: Api;
  let ids: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    api = ana.api;
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws);
    ids = { workspaceId: ws, documentId: doc, userId: ana.id, organizationId: world.orgs.SSPC.id };
  });
  afterAll(() => server.close());

  it('never answers 500 and always answers in the error shape', async () => {
    const spec = (await api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const rnd = prng(2026);
    const failures: string[] = [];
    let calls = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) {
        if (path === '/api/auth/logout') continue; // would end the fuzzing session
        for (let i = 0; i < 12; i++) {
          const concrete = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
            const pick = rnd();
            if (pick < 0.2) return encodeURIComponent(NASTY[Math.floor(rnd() * NASTY.length)]);
            if (name === 'userId') return ids.userId;
            if (name === 'organizationId') return ids.organizationId;
            return path.includes('/documents/') || path.startsWith('/api/documents') ? ids.documentId : ids.workspaceId;
          });
          const body = rnd() < 0.1 ? '{"broken json' : rnd() < 0.1 ? JSON.stringify(randomValue(rnd)) : randomObject(rnd);
          const query = rnd() < 0.5 ? `?format=${encodeURIComponent(JSON.stringify(randomValue(rnd)) ?? '')}&cursor=${encodeURIComponent(JSON.stringify(randomValue(rnd)) ?? '')}` : '';
          const res = await api.request(method.toUpperCase(), concrete + query, method === 'get' || method === 'delete' ? undefined : body);
          calls++;
          if (res.status >= 500) failures.push(`${method.toUpperCase()} ${concrete} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          const isFile = (res.headers.get('content-type') ?? '').includes('application/json') === false && res.status < 400;
          // 431: Node's HTTP parser refuses oversized request lines before any handler runs.
          if (res.status >= 400 && res.status !== 431 && !isFile && !(res.body as { error?: { code?: string } })?.error?.code) failures.push(`${method.toUpperCase()} ${concrete} → ${res.status} without error shape`);
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    expect((await api.get('/api/health')).status).toBe(200);
    // stored verbatim, never interpreted
    const ws = await api.post('/api/workspaces', { name: "'; drop table users; --", mandateAreas: ['corruption'] });
    expect(ws.status).toBe(201);
    expect((await api.get(`/api/workspaces/${ws.body.workspace.id}`)).body.workspace.name).toBe("'; drop table users; --");
  });

  it('answers addresses and cookies it cannot read in the error shape', async () => {
    const badEscape = await api.get('/api/documents/%E0%A4%A');
    expect(badEscape.status).toBe(400);
    expect(badEscape.body).toEqual({ error: { code: 'validation_failed', message: 'The address is not a valid URL', details: [{ path: 'url', message: 'The address is not a valid URL' }] } });
    const longId = await api.get(`/api/documents/${'a'.repeat(500)}`);
    // No id is that long: it names nothing, like any unknown id.
    expect(longId.status).toBe(404);
    expect(longId.body.error.code).toBe('not_found');
    const unknown = await api.get(`/api/${'b'.repeat(5000)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect(unknown.body.error.message.length).toBeLessThan(300);
    // A session cookie with a malformed escape is no session, not a server error.
    const badCookie = await fetch(`${server.url}/api/me`, { headers: { cookie: 'enlace_session=%E0%A4%A' } });
    expect(badCookie.status).toBe(401);
    expect(((await badCookie.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});
