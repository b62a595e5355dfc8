/**
 * The page's security headers follow the origin it is served on. Over plain http (a deployment on a network address)
 * `upgrade-insecure-requests` made a browser fetch the app's own scripts and API over https, which nothing serves
 * there; HSTS means nothing over http. Over https both are sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('security headers', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const headersOf = async (s: TestServer) => (await fetch(`${s.url}/api/health`)).headers;

  it('over http: the page’s policy, without upgrading requests and without HSTS', async () => {
    server = await startTestServer({ publicOrigin: 'http://192.168.10.5:3000' });
    const headers = await headersOf(server);
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(headers.get('strict-transport-security')).toBeNull();
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('on the router’s own refusals too (an over-long id, a malformed escape), answered before any route runs', async () => {
    server = await startTestServer({});
    for (const path of [`/api/documents/${'x'.repeat(150)}`, '/api/documents/%E0%A4%A']) {
      const res = await fetch(`${server.url}${path}`);
      expect([400, 404]).toContain(res.status);
      expect((await res.json()).error.code).toMatch(/^(not_found|validation_failed)$/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy') ?? '').toContain("frame-ancestors 'none'");
    }
  });

  it('over https: requests upgraded and HSTS sent', async () => {
    server = await startTestServer({ publicOrigin: 'https://enlace.example.org' });
    const headers = await headersOf(server);
    expect(headers.get('content-security-policy') ?? '').toContain('upgrade-insecure-requests');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
