/**
 * A tab left open across a redeploy asks for page chunks the server no longer has. It reloads once to get the new
 * version; if the chunk still fails, the page says so inside the layout (header and navigation still there) with a
 * "Recargar" button, and it never reloads in a loop. Offline, or with the server down, reloading cannot help: the
 * message comes at once, and the tab stays in Enlace rather than on the browser's own error page.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('stale page chunks after a redeploy', () => {
  const h = useBrowserWorld();

  it('reloads once, then explains the failure with the header intact, and recovers with "Recargar"', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa de trata');
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${workspaceId}`);
    await page.getByRole('heading', { level: 1, name: 'Mesa de trata' }).waitFor();

    // The decisions page's chunk is not loaded yet; as after a redeploy, the server no longer has it.
    const missing: string[] = [];
    const chunk = '**/assets/DecisionsPage-*.js';
    await page.route(chunk, (route) => {
      missing.push(new URL(route.request().url()).pathname);
      return route.fulfill({ status: 404, body: '' });
    });
    let loads = 0;
    page.on('load', () => loads++);

    await page.getByRole('navigation', { name: 'Secciones de la mesa' }).getByRole('link', { name: 'Decisiones' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'No se pudo cargar esta página.' });
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('Puede que haya una versión nueva de Enlace o que no haya conexión.');
    // One reload for the new version, at the page's address; the second failure shows the message instead.
    expect(loads).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/w/${workspaceId}/decisions`);
    expect(missing.length).toBeGreaterThanOrEqual(2);
    // The failure is logged, once.
    expect(errors.filter((e) => e.includes('A page failed to render'))).toHaveLength(1);
    // The frame is still there: not a blank #root.
    const banner = page.getByRole('banner');
    await expect(banner.isVisible()).resolves.toBe(true);
    await expect(banner.getByRole('link', { name: 'Enlace, inicio' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('main').getByRole('button', { name: 'Recargar' }).isVisible()).resolves.toBe(true);

    // The header still navigates, and the next page renders in place of the message.
    await banner.getByRole('link', { name: 'Enlace, inicio' }).click();
    await page.waitForURL(`${h.base}/`);
    await page.getByRole('link', { name: 'Mesa de trata' }).first().waitFor();
    expect(await page.getByText('No se pudo cargar esta página.').count()).toBe(0);
    await page.goBack();
    await alert.waitFor();

    // Give a reload loop the chance to show itself: none comes.
    await page.waitForTimeout(1_000);
    expect(loads).toBe(1);

    // The chunk is back (the person got online, or the deploy finished): "Recargar" shows the page.
    await page.unroute(chunk);
    await page.getByRole('button', { name: 'Recargar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisiones' }).waitFor();
    expect(loads).toBe(2);
    expect(await page.getByText('No se pudo cargar esta página.').count()).toBe(0);

    // Only the missing chunk and its logged failure reached the console.
    const unexpected = errors.filter((e) => !/404|dynamically imported module|A page failed to render/.test(e));
    expect(unexpected).toEqual([]);
    await close();
  });

  it('does not reload while offline: it says so at once and recovers with "Recargar" once back online', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa sin red');
    const { page, context, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${workspaceId}`);
    await page.getByRole('heading', { level: 1, name: 'Mesa sin red' }).waitFor();
    let loads = 0;
    page.on('load', () => loads++);

    await context.setOffline(true);
    await page.getByRole('navigation', { name: 'Secciones de la mesa' }).getByRole('link', { name: 'Decisiones' }).click();
    await page.getByRole('alert').filter({ hasText: 'No se pudo cargar esta página.' }).waitFor();
    expect(loads).toBe(0);
    await expect(page.getByRole('banner').isVisible()).resolves.toBe(true);

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Recargar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisiones' }).waitFor();
    expect(loads).toBe(1);
    await close();
  });

  it('does not reload when the server is down: the page stays in Enlace and says so', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa sin servidor');
    const { page, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${workspaceId}`);
    await page.getByRole('heading', { level: 1, name: 'Mesa sin servidor' }).waitFor();
    let loads = 0;
    page.on('load', () => loads++);

    // The browser is online, but nothing of this origin answers: the server stopped.
    const origin = `${h.base}/**`;
    await page.route(origin, (route) => route.abort('connectionrefused'));
    await page.getByRole('navigation', { name: 'Secciones de la mesa' }).getByRole('link', { name: 'Decisiones' }).click();
    await page.getByRole('alert').filter({ hasText: 'No se pudo cargar esta página.' }).waitFor({ timeout: 15_000 });
    expect(loads).toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/w/${workspaceId}/decisions`);
    await expect(page.getByRole('banner').isVisible()).resolves.toBe(true);

    // The server is back: "Recargar" shows the page.
    await page.unroute(origin);
    await page.getByRole('button', { name: 'Recargar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisiones' }).waitFor();
    expect(loads).toBe(1);
    await close();
  });
});
