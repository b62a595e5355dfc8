/**
 * Comments in the browser: hostile bodies (an <img onerror>, javascript: links, raw HTML) show as
 * inert text, and a comment made on a selection highlights the same words the server and a stock
 * Yjs client resolve its anchor to.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { plain, resolveAnchorText, textContaining } from '../helpers/comments.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const MARGIN = '[data-testid="comment-margin"]';

describe('comments in the browser', () => {
  const h = useBrowserWorld();

  const signIn = (email: string) => newSignedInPage(h.browser, h.base, { email }, { viewport: { width: 1400, height: 900 } });

  /** What an attacker would need: an element, a handler, or a javascript: URL anywhere in the margin. */
  const injected = (page: Page) =>
    page.evaluate((sel) => {
      const margin = document.querySelector(sel);
      if (!margin) return ['no margin'];
      const found: string[] = [];
      margin.querySelectorAll('img, script, iframe, object, embed, svg').forEach((el) => found.push(el.tagName));
      margin.querySelectorAll('*').forEach((el) => {
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) found.push(`${el.tagName}[${attr.name}]`);
          if (/^\s*javascript:/i.test(attr.value)) found.push(`${el.tagName}[${attr.name}=${attr.value}]`);
        }
      });
      return found;
    }, MARGIN);

  it('renders hostile comment bodies as inert text, from the API and from the composer', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '[clic aquí](javascript:alert(2))',
      '<a href="javascript:alert(3)">enlace</a> y javascript:alert(4)',
      '**<script>alert(5)</script>** [guía](https://example.org/guia)',
    ];
    for (const body of hostile) expect((await beto.api.post(`/api/documents/${docId}/comments`, { body })).status).toBe(201);

    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await a.page.locator(EDITOR).waitFor();
    const margin = a.page.locator(MARGIN);
    await expect.poll(() => margin.locator('[data-comment-id]').count(), { timeout: 10_000 }).toBe(4);
    const text = await margin.innerText();
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('[clic aquí](javascript:alert(2))');
    expect(text).toContain('<a href="javascript:alert(3)">enlace</a>');
    expect(text).toContain('<script>alert(5)</script>');
    expect(await injected(a.page)).toEqual([]);
    const hrefs = await margin.locator('a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(hrefs).toEqual(['https://example.org/guia']);

    // The same through the composer.
    const composer = margin.getByPlaceholder('Escriba un comentario…');
    await composer.fill('<img src=y onerror=alert(6)> [x](JaVaScRiPt:alert(7)) <svg onload=alert(8)>');
    await margin.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => margin.locator('[data-comment-id]').count(), { timeout: 10_000 }).toBe(5);
    expect(await margin.innerText()).toContain('<svg onload=alert(8)>');
    expect(await injected(a.page)).toEqual([]);
    expect(await a.page.locator('img[src="x"], img[src="y"]').count()).toBe(0);
    // Ana deletes her comment: asked in place (no browser dialog), then a marker stays in the thread.
    const own = margin.locator('li[data-comment-id]', { hasText: '<svg onload=alert(8)>' });
    await own.getByRole('button', { name: 'Eliminar' }).click();
    const confirm = own.getByRole('group', { name: '¿Eliminar este comentario? En la conversación quedará una marca.' });
    await confirm.getByRole('button', { name: 'Eliminar' }).click();
    await expect.poll(() => margin.innerText(), { timeout: 10_000 }).not.toContain('<svg onload=alert(8)>');
    await margin.getByText('Comentario eliminado.').waitFor();
    // Give any handler that slipped through a moment to fire.
    await a.page.waitForTimeout(300);
    expect(a.dialogs).toEqual([]);
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('a comment on selected text highlights those words, and the server and a Yjs client agree on them', async () => {
    const ana = await h.world.user('Ana Ramos', 'SSPC');
    const ws = await h.world.workspace(ana.api, 'Mesa de lavado de dinero');
    const docId = await h.world.document(ana.api, ws);
    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const editor = a.page.locator(EDITOR);
    await editor.waitFor();
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('objetivos comunes');
    await editor.click();
    await a.page.evaluate((sel) => {
      const root = document.querySelector(sel)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf('objetivos comunes');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 'objetivos comunes'.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }, EDITOR);
    const margin = a.page.locator(MARGIN);
    const button = margin.getByRole('button', { name: 'Comentar la selección' });
    await expect.poll(() => button.getAttribute('aria-disabled'), { timeout: 5000 }).toBe('false');
    await button.click();
    await expect.poll(() => margin.locator('.comment-draft-anchor').innerText()).toContain('objetivos comunes');
    // Focus moves on to the comment box (it stayed in the editor).
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('Escriba un comentario…');
    await margin.getByPlaceholder('Escriba un comentario…').fill('¿Cuáles objetivos? @SSPC');
    await margin.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => a.page.locator(`${EDITOR} .comment-highlight`).allInnerTexts(), { timeout: 10_000 }).toEqual(['objetivos comunes']);

    const [comment] = (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments;
    expect(comment).toMatchObject({ detached: false, anchor: { type: 'text', quote: 'objetivos comunes' }, mentions: { organizationIds: [h.world.orgs.SSPC.id] } });
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    await waitSynced(y);
    expect(resolveAnchorText(y.doc, comment.anchor)).toBe('objetivos comunes');
    // Text typed right before the words stays outside the highlight.
    const words = textContaining(y.doc, 'objetivos comunes');
    words.insert(plain(words).indexOf('objetivos comunes'), 'los ');
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('los objetivos comunes');
    await expect.poll(() => a.page.locator(`${EDITOR} .comment-highlight`).allInnerTexts(), { timeout: 10_000 }).toEqual(['objetivos comunes']);
    y.destroy();
    expect(a.errors).toEqual([]);
    await a.close();
  });
});
