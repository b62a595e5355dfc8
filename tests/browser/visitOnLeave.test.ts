/**
 * "Since your last visit" is about others' work: a reader who edits a plan and then closes the tab (no navigation
 * inside the app, so no React cleanup runs) has the visit recorded on leaving, and never finds their own edits
 * listed as news (the server also leaves out what the log attributes to them).
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

describe('visit recorded on leaving', () => {
  const h = useBrowserWorld();

  it('records the visit when the tab closes, so the reader’s own edits are not news', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const since = async () => (await ana.api.get(`/api/documents/${documentId}/changes-since-visit`)).body as { since: string | null; changedSections: string[] };

    const session = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      await session.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await session.page.locator(EDITOR).waitFor();
      // The visit is recorded once the page has read what changed.
      await expect.poll(async () => (await since()).since, { timeout: 15_000 }).not.toBeNull();
      await session.page.locator(EDITOR).click();
      await session.page.keyboard.press('Control+End');
      await session.page.keyboard.type(' Ana añade una línea propia.');
      await expect.poll(() => session.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
      // Her own edit is past the recorded visit, and still not news to her.
      const before = await since();
      expect(before.changedSections).toEqual([]);
      await session.page.close({ runBeforeUnload: true });
      // Closing the tab records a new visit.
      await expect.poll(async () => (await since()).since, { timeout: 15_000 }).not.toBe(before.since);
      expect((await since()).changedSections).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
