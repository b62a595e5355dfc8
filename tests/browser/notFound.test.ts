/** A mistyped page address shows the app's own "not found" page with a 404 status; API paths keep their JSON errors. */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('unknown addresses', () => {
  const h = useBrowserWorld();

  it('answers a browser with the app page (404) and a program with JSON', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const session = await newSignedInPage(h.browser, h.base, ana);
    const response = await session.page.goto(`${h.base}/no-existe/esta-pagina`);
    expect(response?.status()).toBe(404);
    await session.page.getByRole('heading', { name: 'Página no encontrada' }).waitFor();
    await expect(session.page.getByRole('link', { name: 'Volver a mis mesas' }).isVisible()).resolves.toBe(true);
    expect(session.errors.filter((e) => !e.includes('404'))).toEqual([]);

    // Programs asking for HTML on machine paths still get the contract's JSON error.
    for (const path of ['/api/no-existe', '/metrics/x', '/assets/no-existe.js']) {
      const res = await fetch(`${h.server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('not_found');
    }
    await session.close();
  });
});
