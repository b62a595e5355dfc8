/**
 * Keystrokes typed offline whose writes to the plan's offline copy were still queued when the tab went (a slow disk,
 * a busy browser) are not lost: the tab writes the plan's unconfirmed edits to localStorage as it goes, and they reach
 * the server once it is back, whether the plan is opened again or stays closed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rescueKey } from '../../client/plan/localCache.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { PLAN_EDITOR as EDITOR, SAVE_BADGE, offlineCopyText, storedBody, typeWhileOffline } from '../helpers/offlinePlan.js';

/** The edits this browser saved for the plan as a tab went (base64), or null. */
function rescued(page: Page, documentId: string): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), rescueKey(documentId));
}

describe('edits saved as a tab goes', () => {
  const h = useBrowserWorld();

  it('sends keystrokes the offline copy never stored, after a reload elsewhere, with the plan closed', async () => {
    const ana = await h.world.user('Ana Lenta', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      const socket = await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Arándanos', { stalled: true });
      // The tab goes while every write of the words is queued: the browser aborts them all.
      await page.goto(`${h.base}/w/${workspaceId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await storedBody(ana.api, documentId)).not.toContain('Arándanos');

      socket.allow();
      await expect.poll(() => storedBody(ana.api, documentId), { timeout: 40_000 }).toContain('Arándanos');
      await page.locator('.notice-list').getByText('Los cambios hechos sin conexión en «Plan de trabajo 2027» ya están guardados en el servidor.').waitFor({ timeout: 10_000 });
      // Merged into the offline copy, and forgotten.
      expect(await offlineCopyText(page, documentId)).toContain('Arándanos');
      await expect.poll(() => rescued(page, documentId), { timeout: 10_000 }).toBeNull();
      expect(errors.filter((e) => !/WebSocket|status of 401/i.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('merges them into the plan when it is opened again, and saves them', async () => {
    const ana = await h.world.user('Ana Regresa', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      const url = `${h.base}/w/${workspaceId}/d/${documentId}`;
      const socket = await typeWhileOffline(page, url, ' Nísperos', { stalled: true });
      socket.allow();
      await page.reload();
      await expect.poll(() => page.locator(EDITOR).innerText(), { timeout: 20_000 }).toContain('Nísperos');
      await expect.poll(() => page.getAttribute(SAVE_BADGE, 'data-state'), { timeout: 20_000 }).toBe('saved');
      expect(await storedBody(ana.api, documentId)).toContain('Nísperos');
      await expect.poll(() => rescued(page, documentId), { timeout: 10_000 }).toBeNull();
    } finally {
      await close();
    }
  });

  it('erases them when the person signs out', async () => {
    const ana = await h.world.user('Ana Sale', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Membrillos', { stalled: true });
      await page.goto(`${h.base}/w/${workspaceId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // Shared computers: signing out asks first, naming the plan whose edits the server lacks, then erases them.
      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      const dialog = page.locator('[data-testid="sign-out-unsaved-dialog"]');
      await dialog.getByRole('link', { name: 'Plan de trabajo 2027' }).waitFor();
      await dialog.getByRole('button', { name: 'Cerrar sesión de todos modos' }).click();
      await page.waitForURL(/\/login/, { timeout: 10_000 });
      expect(await rescued(page, documentId)).toBeNull();
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('enlace.unloadRescue')))).toEqual([]);
    } finally {
      await close();
    }
  });
});
