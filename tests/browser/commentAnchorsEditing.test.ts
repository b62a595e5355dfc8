/**
 * Comments stay on their words through everyday editing in the browser: Enter splitting the paragraph before them,
 * Backspace joining their paragraph to the one above, the paragraph made a heading. The editor's Yjs binding re-creates the moved text, so the
 * anchor collapses; the browser that made the edit puts it back on the same words once the edit is stored, and the
 * server checks it does.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resolveAnchorText, textAnchor, textContaining } from '../helpers/comments.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

/** Puts the caret right before the first occurrence of `word` in the editor, with a click. */
async function caretBefore(page: Page, word: string): Promise<void> {
  const box = await page.evaluate(
    ({ word, selector }) => {
      const root = document.querySelector(selector);
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf(word);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const b = r.getBoundingClientRect();
        return { x: b.x + 1, y: b.y + b.height / 2 };
      }
      return null;
    },
    { word, selector: EDITOR },
  );
  if (!box) throw new Error(`no "${word}" in the editor`);
  await page.mouse.click(box.x, box.y);
}

/** Selects the first occurrence of `words` in the editor (within one text node), as a mouse drag would. */
async function selectWords(page: Page, words: string): Promise<void> {
  const found = await page.evaluate(
    ({ words, selector }) => {
      const root = document.querySelector<HTMLElement>(selector);
      if (!root) return false;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf(words);
        if (i < 0) continue;
        root.focus();
        window.getSelection()?.setBaseAndExtent(n, i, n, i + words.length);
        return true;
      }
      return false;
    },
    { words, selector: EDITOR },
  );
  if (!found) throw new Error(`no "${words}" in the editor`);
  // ProseMirror reads the DOM selection on selectionchange: wait until it holds exactly those words.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(words);
}

describe('comment anchors through editing in the browser', () => {
  const h = useBrowserWorld();

  /** Ana's plan, in which Beto comments on quoted words through a stock client that follows every edit. */
  async function planWithComments(surname: string) {
    const ana = await h.world.user(`Ana ${surname}`, 'SSPC');
    const beto = await h.world.user(`Beto ${surname}`, 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, beto.api.token);
    await waitSynced(y);
    const comment = async (quote: string) => {
      const r = await beto.api.post(`/api/documents/${docId}/comments`, { body: `Sobre «${quote}»`, anchor: textAnchor(textContaining(y.doc, quote), quote) });
      expect(r.status).toBe(201);
      return r.body.comment.id as string;
    };
    return { ana, beto, ws, docId, y, comment };
  }

  it('keeps a comment on its words when Enter splits its paragraph, Backspace joins it to the one above, or it becomes a heading (a resolved one too)', async () => {
    const { ana, beto, ws, docId, y, comment } = await planWithComments('Torres');
    const split = await comment('objetivos comunes');
    const joined = await comment('líneas de trabajo acordadas');
    const restyled = await comment('se medirá el avance');
    // Resolved: not drawn, but followed all the same, so it is still on its words when someone reopens it.
    expect((await beto.api.post(`/api/comments/${restyled}/resolve`)).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    // A slow plan socket: each edit reaches the server 400 ms late, so a re-anchoring request sent at once would
    // overtake the edit that made its words (as it did now and then on a busy machine).
    await page.routeWebSocket(/\/yjs\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => void setTimeout(() => server.send(message), 400));
    });
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await page.waitForSelector(EDITOR);
    await expect.poll(() => page.locator('.comment-highlight').count(), { timeout: 10_000 }).toBe(2);
    await caretBefore(page, 'los ');
    await page.keyboard.press('Enter');
    await caretBefore(page, 'Enumere');
    await page.keyboard.press('Backspace');
    // Its paragraph made a heading (the editor's shortcut for level 3, drawn as an <h4> under the page's <h1>).
    await caretBefore(page, 'Indique');
    await page.keyboard.press('Control+Alt+3');
    await page.locator(`${EDITOR} h4`, { hasText: 'Indique cómo' }).waitFor();

    // The stock client has all three edits (they travel in order) once its copy holds the new heading; only then have
    // the old anchors collapsed, and only then does a stored anchor prove anything.
    await expect.poll(() => y.doc.getXmlFragment('body').toString(), { timeout: 15_000 }).toMatch(/<heading level="3">Indique cómo/);
    const listed = async () => (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ id: string; detached: boolean; anchor: { start: string; end: string } }>;
    // Each stored anchor, read by the stock client that saw the same edits, covers the same words as before.
    const anchoredWords = async () => {
      const byId = new Map((await listed()).map((c) => [c.id, c]));
      return [split, joined, restyled].map((id) => {
        const c = byId.get(id);
        return c && !c.detached ? resolveAnchorText(y.doc, c.anchor) : null;
      });
    };
    await expect.poll(anchoredWords, { timeout: 15_000 }).toEqual(['objetivos comunes', 'líneas de trabajo acordadas', 'se medirá el avance']);
    await expect.poll(() => page.locator('.comment-highlight').allInnerTexts(), { timeout: 5000 }).toEqual(['objetivos comunes', 'líneas de trabajo acordadas']);
    y.destroy();
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps a comment on its words when their deletion or their paragraph’s new style is undone (Ctrl+Z)', async () => {
    const { ana, beto, ws, docId, y, comment } = await planWithComments('Undo');
    const deleted = await comment('objetivos comunes');
    const restyled = await comment('se medirá el avance');
    const listed = async () => (await beto.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ id: string; detached: boolean; anchor: { start: string; end: string } }>;
    // What each stored anchor covers for the stock client (which never undid anything), or null when detached.
    const anchoredWords = async () => {
      const byId = new Map((await listed()).map((c) => [c.id, c]));
      return [deleted, restyled].map((id) => {
        const c = byId.get(id);
        return c && !c.detached ? resolveAnchorText(y.doc, c.anchor) : null;
      });
    };
    const body = () => y.doc.getXmlFragment('body').toString();

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${h.base}/w/${ws}/d/${docId}`);
      await page.waitForSelector(EDITOR);
      await expect.poll(() => page.locator('.comment-highlight').count(), { timeout: 10_000 }).toBe(2);

      // The words deleted, then the deletion undone: Yjs brings them back as new text, under no anchor but here.
      await selectWords(page, 'objetivos comunes');
      await page.waitForTimeout(100);
      await page.keyboard.press('Backspace');
      await expect.poll(body, { timeout: 15_000 }).not.toContain('objetivos comunes');
      await expect.poll(async () => (await anchoredWords())[0], { timeout: 15_000 }).toBeNull();
      await page.keyboard.press('Control+z');
      await expect.poll(body, { timeout: 15_000 }).toContain('objetivos comunes');
      await expect.poll(async () => (await anchoredWords())[0], { timeout: 15_000 }).toBe('objetivos comunes');

      // The paragraph made a heading (re-anchored on the heading's text), then the heading undone.
      await caretBefore(page, 'Indique');
      await page.keyboard.press('Control+Alt+3');
      await expect.poll(body, { timeout: 15_000 }).toMatch(/<heading level="3">Indique cómo/);
      await expect.poll(anchoredWords, { timeout: 15_000 }).toEqual(['objetivos comunes', 'se medirá el avance']);
      await page.keyboard.press('Control+z');
      await expect.poll(body, { timeout: 15_000 }).not.toMatch(/<heading level="3">Indique cómo/);
      await expect.poll(anchoredWords, { timeout: 15_000 }).toEqual(['objetivos comunes', 'se medirá el avance']);

      // After a reload (which forgets what the undo linked), the page draws both on their words.
      await page.reload();
      await page.waitForSelector(EDITOR);
      await expect.poll(() => page.locator('.comment-highlight').allInnerTexts(), { timeout: 10_000 }).toEqual(['objetivos comunes', 'se medirá el avance']);
      expect(errors).toEqual([]);
    } finally {
      y.destroy();
      await close();
    }
  });
});
