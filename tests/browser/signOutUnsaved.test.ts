/**
 * Signing out deletes the plans' offline copies (shared computers). While a plan holds edits the server has not
 * confirmed, "Cerrar sesión" asks first, so the badge's promise ("se guardan en este navegador") is not broken
 * silently; with everything saved it signs out at once.
 */
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectConsoleErrors } from '../helpers/browser.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { PLAN_EDITOR as EDITOR, SAVE_BADGE as BADGE, typeWhileOffline } from '../helpers/offlinePlan.js';

const DIALOG = '[data-testid="sign-out-unsaved-dialog"]';

/** Whether this browser still holds the plan's offline copy. */
async function hasOfflineCopy(page: Page, documentId: string): Promise<boolean> {
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  return names.includes(`enlace:plan:${documentId}`);
}

/**
 * The page's errors as they happen, less what these tests provoke on purpose: refused plan sockets, and the 401s of a session that
 * ended (the app re-checking `GET /api/me`, and the plan recording the visit as it closes after sign-out). Any other
 * 401 is kept, by URL.
 */
function unexpectedErrors(page: Page, errors: string[]): () => string[] {
  const other401: string[] = [];
  page.on('response', (r) => {
    if (r.status() !== 401) return;
    const path = new URL(r.url()).pathname;
    if (!(path === '/api/me' || /^\/api\/documents\/[^/]+\/visit$/.test(path))) other401.push(`401 ${r.request().method()} ${path}`);
  });
  return () => [...other401, ...errors.filter((e) => !/WebSocket|status of 401/i.test(e))];
}

describe('signing out with unsaved plan changes', () => {
  const h = useBrowserWorld();

  it('asks first while a plan has unconfirmed edits; "Cancelar" keeps them and they reach the server later', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, errors, dialogs, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    const unexpected = unexpectedErrors(page, errors);
    try {
      const socket = await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Zarzamora');
      expect(await page.getAttribute(BADGE, 'data-state')).toBe('offline');

      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      const dialog = page.locator(DIALOG);
      await dialog.waitFor({ timeout: 5000 });
      const text = await dialog.innerText();
      expect(text).toContain('aún no se guardan en el servidor');
      expect(text).toContain('se perderán en esta computadora');
      expect(await dialog.getByRole('button', { name: 'Cerrar sesión de todos modos' }).count()).toBe(1);
      // The app's own dialog, not the browser's.
      expect(dialogs).toEqual([]);

      await dialog.getByRole('button', { name: 'Cancelar' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Still signed in, on the plan, with the word and its offline copy.
      expect(new URL(page.url()).pathname).toBe(`/w/${workspaceId}/d/${documentId}`);
      expect(await page.locator(EDITOR).innerText()).toContain('Zarzamora');
      expect(await hasOfflineCopy(page, documentId)).toBe(true);
      expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);

      socket.allow();
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 30_000 }).toBe('saved');
      const stored = await ana.api.get<{ body: string }>(`/api/documents/${documentId}/export?format=json`);
      expect(stored.body.body).toContain('Zarzamora');

      // Saved now: the same button signs out without a question.
      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      await page.waitForURL(/\/login/, { timeout: 10_000 });
      expect(unexpected()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('signs out at once, and deletes the offline copy, when everything is saved', async () => {
    const ana = await h.world.user('Ana Saved', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, errors, dialogs, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    const unexpected = unexpectedErrors(page, errors);
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.locator(EDITOR).waitFor();
      await page.locator(EDITOR).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Guardado ya');
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      expect(await hasOfflineCopy(page, documentId)).toBe(true);

      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      await page.waitForURL(/\/login/, { timeout: 10_000 });
      expect(await page.locator(DIALOG).isVisible()).toBe(false);
      expect(dialogs).toEqual([]);
      await expect.poll(() => hasOfflineCopy(page, documentId), { timeout: 10_000 }).toBe(false);
      expect(unexpected()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('asks in another tab too, and "Cerrar sesión de todos modos" signs out', async () => {
    const ana = await h.world.user('Ana Tabs', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, context, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    const unexpected = unexpectedErrors(page, errors);
    try {
      await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Frambuesa');

      const other = await context.newPage();
      const otherUnexpected = unexpectedErrors(other, collectConsoleErrors(other));
      await other.goto(`${h.base}/`);
      await other.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      const dialog = other.locator(DIALOG);
      await dialog.waitFor({ timeout: 5000 });
      expect(await dialog.innerText()).toContain('aún no se guardan en el servidor');
      await dialog.getByRole('button', { name: 'Cerrar sesión de todos modos' }).click();
      await other.waitForURL(/\/login/, { timeout: 10_000 });
      // The plan's tab hears that the session ended and goes to sign-in too.
      await page.waitForURL(/\/login/, { timeout: 10_000 });
      expect(unexpected()).toEqual([]);
      expect(otherUnexpected()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('asks for a plan left while offline, and reopened it says "saved" only once the server has its edits', async () => {
    const ana = await h.world.user('Ana Left', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, errors, dialogs, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    const unexpected = unexpectedErrors(page, errors);
    // The plan's socket: cut, then back with the page's edits held 2 s on their way.
    let mode: 'open' | 'cut' | 'slow' = 'open';
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/yjs\//, async (ws) => {
      if (mode === 'cut') return void (await ws.close());
      open.push(ws);
      const server = ws.connectToServer();
      // Only the page's document updates are held (sync step 2 and updates: [0, 1|2, …]); its sync step 1 goes at
      // once, so the page is told it is in sync while its offline edits are still on their way.
      if (mode === 'slow') {
        ws.onMessage((m) => {
          const held = typeof m !== 'string' && m[0] === 0 && (m[1] === 1 || m[1] === 2);
          if (held) setTimeout(() => server.send(m), 2000);
          else server.send(m);
        });
      }
    });
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.locator(EDITOR).waitFor();
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      mode = 'cut';
      for (const ws of open.splice(0)) await ws.close();
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('offline');
      await page.locator(EDITOR).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Arándano');
      // Leaves the plan inside the app (the audit's breadcrumb): the edits now live only in the plan's offline copy.
      await page.evaluate((to) => {
        history.pushState({}, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `/w/${workspaceId}`);
      await page.locator(EDITOR).waitFor({ state: 'detached', timeout: 10_000 });
      mode = 'slow';

      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      const dialog = page.locator(DIALOG);
      await dialog.waitFor({ timeout: 10_000 });
      const listed = dialog.getByTestId('sign-out-offline-plans');
      expect(await listed.innerText()).toContain('Este plan tiene cambios hechos sin conexión que solo están en esta computadora.');
      const link = listed.getByRole('link', { name: 'Plan de trabajo 2027' });
      expect(await link.count()).toBe(1);
      await link.click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator(EDITOR).waitFor();

      // The copy's edits go out held 2 s: "saved" before the server has them would be a lie.
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 30_000 }).toBe('saved');
      const stored = await ana.api.get<{ body: string }>(`/api/documents/${documentId}/export?format=json`);
      expect(stored.body.body).toContain('Arándano');

      // Stored now: signing out asks nothing.
      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      await page.waitForURL(/\/login/, { timeout: 10_000 });
      expect(dialogs).toEqual([]);
      expect(unexpected()).toEqual([]);
    } finally {
      await close();
    }
  });
});
