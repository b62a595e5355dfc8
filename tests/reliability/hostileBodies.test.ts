/**
 * Bodies that cost the node before any route looks at them. A stranger could send a megabyte of deeply nested or
 * key-stuffed JSON to sign-in, several a second, and every other user's requests waited ~0.3 s behind each parse.
 * Now: who calls is settled before the body is read (a route needing a session answers 401 unparsed), routes anyone
 * may call take 16 KiB, nesting past 64 levels is refused before parsing, setup's 409 answers whatever body follows,
 * and an error never echoes tens of thousands of keys back.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../shared/constants.js';
import { Api, PASSWORD } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';

/** A raw JSON POST: status, parsed body and the body's size as sent back. */
async function post(base: string, path: string, text: string, token?: string): Promise<{ status: number; body: { error?: { code: string; message: string; details?: Array<{ path: string; issue?: string }> } }; bytes: number }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: text });
  const raw = await res.text();
  return { status: res.status, body: raw ? JSON.parse(raw) : {}, bytes: raw.length };
}

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const manyKeys = (n: number, head: string) => `{${head}${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;

describe.each([BACKENDS[0]])('hostile request bodies on $name', (backend) => {
  const h = useServerWorld(backend);

  it('refuses a big body to sign-in with 413 and still signs in with a normal one', async () => {
    const login = '"email":"nadie@enlace.test","password":"x",';
    const big = await post(h.server.url, '/api/auth/login', manyKeys(8000, login));
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe('payload_too_large');
    expect(DEFAULT_LIMITS.maxAnonymousBodyBytes).toBeLessThan(manyKeys(8000, login).length);
    const ana = await h.world.user('Ana Hostil', 'SSPC');
    const ok = await new Api(h.server.url).post('/api/auth/login', { email: ana.email, password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));
  });

  it('answers 401 to an unsigned write before reading its body, however malformed or deep', async () => {
    for (const text of [deep(400_000), '{"title": nope', manyKeys(60_000, '')]) {
      const r = await post(h.server.url, '/api/workspaces', text);
      expect(r.status).toBe(401);
      expect(r.body.error?.code).toBe('unauthenticated');
    }
  });

  it('refuses nesting past the bound before parsing, and counts no bracket inside a string', async () => {
    const ana = await h.world.user('Ana Anidada', 'SSPC');
    const tooDeep = await post(h.server.url, '/api/workspaces', `{"name":"x","extra":${deep(DEFAULT_LIMITS.maxJsonDepth + 5)}}`, ana.api.token);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error?.code).toBe('validation_failed');
    expect(tooDeep.body.error?.message).toContain(`${DEFAULT_LIMITS.maxJsonDepth} levels`);
    expect(tooDeep.body.error?.details?.[0]?.issue).toBe('too_deep');
    // Within the bound the body is read and judged by the route's schema as before.
    const shallow = await post(h.server.url, '/api/workspaces', `{"name":"Mesa [[[{{{ \\" [[[","mandateAreas":["corruption"],"extra":${deep(10)}}`, ana.api.token);
    expect(shallow.status).not.toBe(400);
    expect(shallow.status).toBeLessThan(300);
    const created = shallow.body as unknown as { workspace: { name: string } };
    expect(created.workspace.name).toBe('Mesa [[[{{{ " [[[');
  });

  it('answers a body with tens of thousands of unknown keys with a short error', async () => {
    const ana = await h.world.user('Ana Claves', 'SSPC');
    const r = await post(h.server.url, `/api/workspaces`, manyKeys(60_000, '"name":"x",'), ana.api.token);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('validation_failed');
    expect(r.bytes).toBeLessThan(20_000);
    expect(r.body.error?.details?.length).toBeLessThanOrEqual(50);
  });

  it('answers setup with 409 once set up, whatever the body: malformed, deep or too big', async () => {
    for (const text of ['{bad', deep(100_000), manyKeys(30_000, '')]) {
      const r = await post(h.server.url, '/api/setup', text);
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('conflict');
    }
  });
});
