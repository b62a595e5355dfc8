/**
 * The client address that rate limits and the sign-in lockout count under is never the client's to choose: only a
 * trusted proxy's `X-Forwarded-For` entries are believed (by default proxies on loopback or a private network).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Api, PASSWORD, createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('client address behind proxies', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Fails sign-in for `email` until locked out, each attempt claiming `forwardedFor`. */
  async function lockOut(anon: Api, email: string, forwardedFor: string): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const r = await anon.request('POST', '/api/auth/login', { email, password: `wrong-${i}-password` }, { 'x-forwarded-for': forwardedFor });
      expect(r.status).toBe(401);
    }
  }
  const attempt = (anon: Api, email: string, forwardedFor: string) => anon.request('POST', '/api/auth/login', { email, password: 'still-wrong-password' }, { 'x-forwarded-for': forwardedFor });

  it('by default believes only what the trusted proxy added, not addresses the client wrote before it', async () => {
    server = await startTestServer(await BACKENDS[0].fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const anon = new Api(server.url);
    // The test talks over loopback, like a reverse proxy on this host: its entry names the client.
    await lockOut(anon, ana.email, '203.0.113.7');
    expect((await attempt(anon, ana.email, '203.0.113.7')).status).toBe(429);
    // The same client puts made-up addresses in front of what the proxy appends: still locked out.
    const spoofed = await attempt(anon, ana.email, '198.51.100.23, 203.0.113.7');
    expect(spoofed.status).toBe(429);
    expect(spoofed.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('claiming a new address for every guess does not multiply the guesses one account takes', async () => {
    server = await startTestServer(await BACKENDS[0].fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const anon = new Api(server.url);
    // 10 per address and account, 30 per account from all addresses together (the defaults).
    for (let i = 0; i < 30; i++) expect((await attempt(anon, ana.email, `10.9.${i}.1`)).status, `guess ${i}`).toBe(401);
    const next = await attempt(anon, ana.email, '10.9.200.1');
    expect(next.status).toBe(429);
    expect(next.headers.get('retry-after')).toMatch(/^\d+$/);
    // The right password from yet another address is refused too while the account is locked; other accounts are not.
    expect((await anon.request('POST', '/api/auth/login', { email: ana.email, password: PASSWORD }, { 'x-forwarded-for': '10.9.201.1' })).status).toBe(429);
    const beto = await world.user('Beto', 'FGR');
    expect((await anon.request('POST', '/api/auth/login', { email: beto.email, password: PASSWORD }, { 'x-forwarded-for': '10.9.202.1' })).status).toBe(200);
  });

  it('with no trusted proxy, X-Forwarded-For is ignored altogether', async () => {
    server = await startTestServer({ ...(await BACKENDS[0].fresh()), trustProxy: false });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const anon = new Api(server.url);
    await lockOut(anon, ana.email, '203.0.113.7');
    for (const claimed of ['198.51.100.1', '198.51.100.2', '10.0.0.9']) expect((await attempt(anon, ana.email, claimed)).status, claimed).toBe(429);
  });
});
