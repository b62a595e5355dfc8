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

  /** Signs in with the right password from `forwardedFor`; returns the device cookie the answer sets. */
  async function signInForDevice(anon: Api, email: string, forwardedFor: string): Promise<string> {
    const r = await anon.request('POST', '/api/auth/login', { email, password: PASSWORD }, { 'x-forwarded-for': forwardedFor });
    expect(r.status).toBe(200);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('enlace_device='));
    expect(cookie).toMatch(/Path=\/api\/auth; HttpOnly; SameSite=Strict/);
    // The session cookie is set too, beside it.
    expect(r.headers.getSetCookie().some((c) => c.startsWith('enlace_session='))).toBe(true);
    return cookie!.split(';')[0];
  }
  const signIn = (anon: Api, email: string, forwardedFor: string, cookie?: string, password = PASSWORD) =>
    anon.request('POST', '/api/auth/login', { email, password }, { 'x-forwarded-for': forwardedFor, ...(cookie ? { cookie } : {}) });

  it("others' failures do not lock out a browser that signed in to the account before", async () => {
    server = await startTestServer(await BACKENDS[0].fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const anon = new Api(server.url);
    const anaDevice = await signInForDevice(anon, ana.email, '203.0.113.10');
    const betoDevice = await signInForDevice(anon, beto.email, '192.0.2.50');

    // Someone who knows Ana's email guesses from 30 addresses: the account is locked for browsers it does not know...
    for (let i = 0; i < 30; i++) expect((await attempt(anon, ana.email, `10.8.${i}.1`)).status, `guess ${i}`).toBe(401);
    expect((await signIn(anon, ana.email, '203.0.113.10')).status).toBe(429);
    // ...a made-up device cookie changes nothing, nor does Beto's (it proves nothing about Ana's account)...
    expect((await signIn(anon, ana.email, '203.0.113.10', `enlace_device=${Date.now()}.${'A'.repeat(43)}`)).status).toBe(429);
    expect((await signIn(anon, ana.email, '203.0.113.10', betoDevice)).status).toBe(429);
    // ...but Ana's own browser still signs in with her password.
    const own = await signIn(anon, ana.email, '203.0.113.10', anaDevice);
    expect(own.status).toBe(200);
    expect(own.body.user.email).toBe(ana.email);

    // A colleague behind Beto's office address fails 50 times over six made-up emails: the address is locked for
    // browsers that never signed in, and Beto's own browser is not.
    for (let i = 0; i < 50; i++) expect((await attempt(anon, `nadie${i % 6}@ejemplo.org`, '192.0.2.50')).status).toBe(401);
    expect((await signIn(anon, beto.email, '192.0.2.50')).status).toBe(429);
    expect((await signIn(anon, beto.email, '192.0.2.50', betoDevice)).status).toBe(200);
  });

  it("a known browser's own wrong guesses lock it out, and a password change voids its cookie", async () => {
    server = await startTestServer(await BACKENDS[0].fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const anon = new Api(server.url);
    const device = await signInForDevice(anon, ana.email, '203.0.113.11');
    for (let i = 0; i < 10; i++) expect((await signIn(anon, ana.email, `10.7.${i}.1`, device, `wrong-${i}-password`)).status).toBe(401);
    const locked = await signIn(anon, ana.email, '10.7.99.1', device);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);

    const beto = await world.user('Beto', 'FGR');
    const betoDevice = await signInForDevice(anon, beto.email, '203.0.113.12');
    expect((await beto.api.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'otra-contraseña-larga' })).status).toBe(204);
    // With the old password hash gone the cookie proves nothing: 30 guesses from elsewhere lock it out like any browser.
    for (let i = 0; i < 30; i++) expect((await attempt(anon, beto.email, `10.6.${i}.1`)).status).toBe(401);
    expect((await signIn(anon, beto.email, '203.0.113.12', betoDevice, 'otra-contraseña-larga')).status).toBe(429);
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
