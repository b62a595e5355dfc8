/**
 * Edits typed while the plan's socket was down, in a plan the person then left (or whose tab they reloaded), reach
 * the server once it is back, without the plan being opened again, and the person is told which plan was saved.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { PLAN_EDITOR as EDITOR, storedBody, typeWhileOffline } from '../helpers/offlinePlan.js';

describe('offline copies of closed plans', () => {
  const h = useBrowserWorld();

  it('sends a left plan\'s offline edits once its socket is back, and says so', async () => {
    const ana = await h.world.user('Ana Mora', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      const socket = await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Zarzamoras');
      // Leaves the plan inside the app: from here its edits live only in the offline copy.
      await page.evaluate((to) => {
        history.pushState({}, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `/w/${workspaceId}`);
      await page.locator(EDITOR).waitFor({ state: 'detached', timeout: 10_000 });
      expect(await storedBody(ana.api, documentId)).not.toContain('Zarzamoras');

      const before = socket.opened();
      socket.allow();
      await expect.poll(() => storedBody(ana.api, documentId), { timeout: 40_000 }).toContain('Zarzamoras');
      // Sent by a socket of its own, with the plan still closed.
      expect(socket.opened()).toBeGreaterThan(before);
      expect(await page.locator(EDITOR).count()).toBe(0);
      const notice = page.locator('.notice-list').getByText('Los cambios hechos sin conexión en «Plan de trabajo 2027» ya están guardados en el servidor.');
      await notice.waitFor({ timeout: 10_000 });

      // Nothing is left only here: signing out asks nothing.
      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      await page.waitForURL(/\/login/, { timeout: 10_000 });
      expect(await page.locator('[data-testid="sign-out-unsaved-dialog"]').isVisible()).toBe(false);
      expect(errors.filter((e) => !/WebSocket|status of 401/i.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says a plan reopened with no connection keeps its offline edits in this browser, and opens it by itself once back', async () => {
    const ana = await h.world.user('Ana Sinred', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, context, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    const go = (to: string) =>
      page.evaluate((path) => {
        history.pushState({}, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, to);
    try {
      const socket = await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Arándanos');
      await go(`/w/${workspaceId}`);
      await page.locator(EDITOR).waitFor({ state: 'detached', timeout: 10_000 });
      // The whole connection goes; back on the plan, inside the app.
      await context.setOffline(true);
      await go(`/w/${workspaceId}/d/${documentId}`);
      const kept = page.getByTestId('plan-offline-edits-kept');
      await kept.waitFor({ timeout: 10_000 });
      expect(await kept.innerText()).toBe('Sus cambios sin conexión en este plan están guardados en este navegador: se enviarán al servidor en cuanto vuelva la conexión, y el plan se abrirá solo.');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Plan no disponible');

      // Back online: nobody presses «Reintentar»; the plan opens, with the words typed offline, and they reach the server.
      socket.allow();
      await context.setOffline(false);
      await expect.poll(() => page.locator(EDITOR).innerText(), { timeout: 20_000 }).toContain('Arándanos');
      await expect.poll(() => storedBody(ana.api, documentId), { timeout: 40_000 }).toContain('Arándanos');
      expect(await kept.count()).toBe(0);
      expect(errors.filter((e) => !/WebSocket|net::|Failed to fetch|status of 401/i.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('sends them after the tab is reloaded elsewhere in the app, with no presence of their own', async () => {
    const ana = await h.world.user('Ana Recarga', 'SSPC');
    const bruno = await h.world.user('Bruno Vela', 'FGR');
    const workspaceId = await h.world.workspace(ana.api);
    await h.world.addMember(workspaceId, ana.api, bruno.id, 'member');
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      const socket = await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Frambuesas');
      // The tab goes (a reload onto another page): no page code ran to say the plan was left unsaved.
      await page.goto(`${h.base}/w/${workspaceId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();

      // Bruno has the plan open meanwhile: the push shows him Ana's words, and no caret of hers.
      const other = await newSignedInPage(h.browser, h.base, { email: bruno.email }, { viewport: { width: 1280, height: 900 } });
      try {
        await other.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
        await other.page.locator(EDITOR).waitFor();
        socket.allow();
        await expect.poll(() => other.page.locator(EDITOR).innerText(), { timeout: 40_000 }).toContain('Frambuesas');
        expect(await other.page.locator('.collaboration-carets__caret, .collaboration-cursor__caret').count()).toBe(0);
      } finally {
        await other.close();
      }
      expect(await storedBody(ana.api, documentId)).toContain('Frambuesas');
    } finally {
      await close();
    }
  });
});
