/**
 * Closing or reloading a tab while edits made in it have not reached the server, and cannot now, asks first (the
 * browser's own "leave this page?"): the edits stay in this browser only until a plan of theirs is open here again.
 * With everything saved, or offline with nothing typed, the tab goes without a question.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { PLAN_EDITOR as EDITOR, SAVE_BADGE as BADGE, storedBody, typeWhileOffline } from '../helpers/offlinePlan.js';

const LEAVE_QUESTION = /^beforeunload:/;

describe('leaving a tab with edits the server lacks', () => {
  const h = useBrowserWorld();

  it('asks while the plan cannot send them; not once they are saved, nor offline with nothing typed', async () => {
    const ana = await h.world.user('Ana Cierra', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, dialogs, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      const url = `${h.base}/w/${workspaceId}/d/${documentId}`;
      const socket = await typeWhileOffline(page, url, ' Guayaba');
      expect(dialogs).toEqual([]);
      await page.reload();
      expect(dialogs.filter((d) => LEAVE_QUESTION.test(d))).toHaveLength(1);

      // Reopened still offline, from the offline copy: the word is here, not on the server.
      await page.locator(EDITOR).waitFor();
      await expect.poll(() => page.locator(EDITOR).innerText(), { timeout: 15_000 }).toContain('Guayaba');
      expect(await storedBody(ana.api, documentId)).not.toContain('Guayaba');

      // Nothing typed in this visit (a click only, so that the browser lets the page ask), but the word from the
      // earlier visit is still unsent: asked again.
      await page.locator(EDITOR).click();
      await page.reload();
      expect(dialogs.filter((d) => LEAVE_QUESTION.test(d))).toHaveLength(2);

      // Back online: saved, then a new word typed and saved: the tab goes without a question.
      socket.allow();
      await page.locator(EDITOR).waitFor();
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 30_000 }).toBe('saved');
      expect(await storedBody(ana.api, documentId)).toContain('Guayaba');
      await page.locator(EDITOR).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Mamey');
      await expect.poll(() => storedBody(ana.api, documentId), { timeout: 15_000 }).toContain('Mamey');
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      await page.reload();
      await page.locator(EDITOR).waitFor();

      // Offline again with nothing typed: nothing of this browser's is missing on the server, so nothing to ask.
      await socket.block();
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('offline');
      await page.locator(EDITOR).click();
      await page.reload();
      await page.locator(EDITOR).waitFor();
      expect(dialogs.filter((d) => LEAVE_QUESTION.test(d))).toHaveLength(2);
      expect(dialogs).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('asks for a plan left inside the app while the browser is offline, when the tab closes', async () => {
    const ana = await h.world.user('Ana Portátil', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, context, dialogs, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      // The plan's socket cut, the word typed, then the whole browser offline (a laptop leaving the building).
      await typeWhileOffline(page, `${h.base}/w/${workspaceId}/d/${documentId}`, ' Pitaya');
      await context.setOffline(true);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);

      // Leaves the plan inside the app: its edits now wait in the offline copy for the browser to be online.
      await page.evaluate((to) => {
        history.pushState({}, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `/w/${workspaceId}`);
      await page.locator(EDITOR).waitFor({ state: 'detached', timeout: 10_000 });
      expect(dialogs).toEqual([]);

      await page.close({ runBeforeUnload: true });
      await expect.poll(() => dialogs.filter((d) => LEAVE_QUESTION.test(d)).length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.isClosed(), { timeout: 10_000 }).toBe(true);
      expect(await storedBody(ana.api, documentId)).not.toContain('Pitaya');
    } finally {
      await close();
    }
  });
});
