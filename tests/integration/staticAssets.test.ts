/** The built web app as served: hashed assets cached for good, and files rebuilt under a running server found. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';

describe('static assets', () => {
  let server: TestServer;
  let clientDir: string;
  beforeAll(async () => {
    clientDir = tempDir('enlace-client-');
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AAAAaaaa.js"></script>');
    writeFileSync(join(clientDir, 'assets', 'index-AAAAaaaa.js'), 'console.log("first build")');
    server = await startTestServer({ clientDir });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets a browser keep hashed assets for good and revalidate the page', async () => {
    const asset = await fetch(`${server.url}/assets/index-AAAAaaaa.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log("first build")');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await fetch(`${server.url}/w/some-group`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('/assets/index-AAAAaaaa.js');
  });

  it('serves files a rebuild wrote after boot, and nothing outside assets/', async () => {
    // A rebuild under the running server: a new index.html naming a new bundle.
    writeFileSync(join(clientDir, 'assets', 'index-BBBBbbbb.js'), 'console.log("second build")');
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-BBBBbbbb.js"></script>');
    expect(await (await fetch(`${server.url}/`)).text()).toContain('/assets/index-BBBBbbbb.js');
    const rebuilt = await fetch(`${server.url}/assets/index-BBBBbbbb.js`);
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toBe('console.log("second build")');
    expect(rebuilt.headers.get('content-type')).toMatch(/^text\/javascript|^application\/javascript/);

    writeFileSync(join(clientDir, 'secret.txt'), 'not an asset');
    for (const path of ['/assets/missing-CCCCcccc.js', '/assets/..%2Fsecret.txt', '/assets/%2e%2e/secret.txt', '/assets/.hidden', '/secret.txt']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('not an asset');
    }
  });
});
