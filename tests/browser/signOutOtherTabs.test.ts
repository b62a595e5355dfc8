/**
 * A session that ends while a page in no group's room is open (home, admin), in Chromium: the server has no group to
 * name in `access:revoked`, it only closes the page's socket, or refuses it when it reconnects. The page must follow to
 * the sign-in page and say why, not go on showing the person's groups or the admin's list of people.
 */
import type { WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const ENDED = 'Su sesión se cerró. Inicie sesión de nuevo para continuar.';

describe('a session ended elsewhere, on pages outside any group', () => {
  const h = useBrowserWorld();

  it('signing out in one tab takes the home and admin tabs of the same browser to sign-in, each told once', async () => {
    const s = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    /** A new tab of the same browser on `path`, once the server has accepted its Socket.IO connection. */
    const openTab = async (path: string) => {
      const page = await s.context.newPage();
      const accepted = new Promise<void>((resolve) =>
        page.on('websocket', (ws) => {
          if (ws.url().includes('/socket.io/')) ws.on('framereceived', (f) => String(f.payload).startsWith('40') && resolve());
        }),
      );
      await page.goto(`${h.base}${path}`);
      await accepted;
      return page;
    };
    const home = await openTab('/');
    await home.getByRole('heading', { level: 1, name: 'Mis mesas de trabajo' }).waitFor();
    const admin = await openTab('/admin');
    await admin.getByTestId('admin-people').waitFor();

    // The server closes this tab's socket as it ends the session. Its answer to the logout request is held back here,
    // as a loaded machine may: the close then comes first, and this tab must still not take it for news.
    await s.page.route('**/api/auth/logout', async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.fulfill({ response });
    });
    await s.page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await s.page.waitForURL(`${h.base}/login`);

    await home.waitForURL(`${h.base}/login`, { timeout: 5000 });
    await admin.waitForURL(`${h.base}/login?next=%2Fadmin`, { timeout: 5000 });
    for (const page of [home, admin]) {
      await page.getByText(ENDED).waitFor();
      expect(await page.getByText(ENDED).count()).toBe(1);
      expect(await page.getByTestId('admin-people').count()).toBe(0);
    }
    // The tab that signed out chose to: it is not told its session ended.
    expect(await s.page.getByText(ENDED).count()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.close();
  });

  it('a home page whose person was deactivated while it was offline goes to sign-in once back online', async () => {
    const carla = await h.world.user('Carla Dormida', 'FGR');
    const c = await newSignedInPage(h.browser, h.base, carla);
    await c.page.getByRole('heading', { level: 1, name: 'Mis mesas de trabajo' }).waitFor();
    await c.context.setOffline(true);
    await c.page.waitForTimeout(1000);
    expect((await h.world.admin.patch(`/api/users/${carla.id}`, { active: false })).status).toBe(200);
    await c.context.setOffline(false);
    await c.page.waitForURL(`${h.base}/login`, { timeout: 10_000 });
    await c.page.getByText(ENDED).waitFor();
    await c.close();
  });

  it('a home page whose connection dropped, and whose session ended meanwhile, goes to sign-in when refused on reconnecting', async () => {
    const dora = await h.world.user('Dora Desconectada', 'FGR');
    const d = await newSignedInPage(h.browser, h.base, dora);
    await d.page.getByRole('heading', { level: 1, name: 'Mis mesas de trabajo' }).waitFor();
    // From now on the page's Socket.IO connections pass through the test, which can drop them as a network would.
    let reachable = true;
    const routes: WebSocketRoute[] = [];
    await d.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      routes.push(ws);
      if (reachable) ws.connectToServer();
      else void ws.close({ code: 1006 });
    });
    await d.page.reload();
    await d.page.getByRole('heading', { level: 1, name: 'Mis mesas de trabajo' }).waitFor();
    await expect.poll(() => routes.length).toBe(1);
    await d.page.waitForTimeout(500);
    reachable = false;
    await routes[0].close({ code: 1006 });
    // Signed out everywhere while the page cannot hear it: no socket of it is open to close.
    expect((await h.world.admin.patch(`/api/users/${dora.id}`, { active: false })).status).toBe(200);
    reachable = true;
    await d.page.waitForURL(`${h.base}/login`, { timeout: 15_000 });
    await d.page.getByText(ENDED).waitFor();
    await d.close();
  });
});
