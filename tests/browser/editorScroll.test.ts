/**
 * The caret is never brought into view under the pinned header and the editor's toolbar, in Chromium: moving it to
 * the top of a long plan with the keyboard, or typing on a line the toolbar hides, scrolls it out from under them.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getBody } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

/** Whether the caret (the selection's rectangle) is in the viewport, below the editor's pinned toolbar. */
async function caretClearOfToolbar(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const selection = window.getSelection();
    if (!selection || !selection.rangeCount) return false;
    const range = selection.getRangeAt(0);
    // A collapsed caret at a paragraph's start has no rectangle of its own: its paragraph's first line stands for it.
    const rects = range.getClientRects();
    const rect = rects.length ? rects[0] : (range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement)!.getBoundingClientRect();
    const toolbar = document.querySelector('[data-testid="plan-editor"] [role="toolbar"]')!.getBoundingClientRect();
    return rect.top >= toolbar.bottom && rect.bottom <= window.innerHeight;
  });
}

describe('the caret and the pinned toolbar', () => {
  const h = useBrowserWorld();

  it('brings the caret into view below the toolbar when the keyboard moves it up a long plan and types there', { timeout: 60_000 }, async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    await waitSynced(y);
    for (let i = 0; i < 60; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`Párrafo ${i} del plan conjunto.`)]);
      getBody(y.doc).push([p]);
    }
    y.destroy();

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const last = page.locator(EDITOR).getByText('Párrafo 59 del plan conjunto.');
    await last.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Home');
    await expect.poll(() => caretClearOfToolbar(page), { timeout: 5000 }).toBe(true);

    // Halfway down: the line just below the toolbar, then up under it with the arrows; typing there brings it out.
    await page.evaluate(() => window.scrollTo(0, 1200));
    const bar = (await page.locator('[data-testid="plan-editor"] [role="toolbar"]').boundingBox())!;
    const text = (await page.locator(EDITOR).boundingBox())!;
    await page.mouse.click(text.x + 40, bar.y + bar.height + 12);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('x');
    await expect.poll(() => caretClearOfToolbar(page), { timeout: 5000 }).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
