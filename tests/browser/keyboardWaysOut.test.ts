/**
 * Keyboard ways out and what a screen reader hears, in Chromium: a table in the plan's text keeps Tab for its cells,
 * so Escape, then Tab or Shift+Tab, leaves the text (said in the editor's description, and on screen in a table); the
 * link form's «Cancelar» goes back to the text as Escape does; a new comment sent is said; a meeting's move to another item is said to the
 * facilitator who made it and to those following along; a recorded stance is said once recorded.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

/** Where focus is: the editor, a toolbar button (by name), or the focused element's tag and accessible label. */
const focusIsAt = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    if (el.closest('[data-testid="plan-editor"] [contenteditable="true"]')) return 'editor';
    if (el.closest('[role="toolbar"]')) return `toolbar: ${el.getAttribute('aria-label')}`;
    return `${el.tagName.toLowerCase()}${el.closest('[data-testid="comment-margin"]') ? ' in comments' : ''}`;
  });

describe('keyboard ways out and spoken news', () => {
  const h = useBrowserWorld();

  it('leaves a table of the plan text with Escape then Tab, and Cancelar on the link form goes back to the text', { timeout: 60_000 }, async () => {
    const ana = await h.world.user('Ana Teclado', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const editor = page.locator(EDITOR);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Objetivos');

    // The editor says how to leave it; the words are on screen only while the caret is in a table.
    const hint = page.getByTestId('editor-keys-hint');
    expect(await editor.getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));
    expect(await hint.textContent()).toContain('pulse Esc y luego Tab');
    // Out of a table, kept for screen readers only (visually hidden, not hidden from them).
    expect(await hint.getAttribute('class')).toBe('visually-hidden');

    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Insertar tabla' }).click();
    await expect.poll(() => editor.locator('table').count()).toBe(1);
    await expect.poll(() => hint.getAttribute('class')).toBe('editor-keys-hint');
    expect(await hint.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(10);
    expect(await focusIsAt(page)).toBe('editor');

    // Tab alone stays in the table (next cell, then a new row after the last one).
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
    expect(await focusIsAt(page)).toBe('editor');
    expect(await editor.locator('table tr').count()).toBe(4);

    // Escape, then Tab: on to the next control after the text (the comments' filter).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await focusIsAt(page)).toBe('select in comments');
    // Back in, Escape then Shift+Tab: to the toolbar before the text. The table is as it was.
    await page.keyboard.press('Shift+Tab');
    expect(await focusIsAt(page)).toBe('editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await focusIsAt(page)).toMatch(/^toolbar: /);
    expect(await editor.locator('table tr').count()).toBe(4);
    // Escape is forgotten after another key: Tab in the table is the table's again.
    await page.keyboard.press('Tab');
    expect(await focusIsAt(page)).toBe('editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect(await focusIsAt(page)).toBe('editor');
    // So it is after a click into another cell.
    await page.keyboard.press('Escape');
    await editor.locator('table td, table th').first().click();
    await page.keyboard.press('Tab');
    expect(await focusIsAt(page)).toBe('editor');

    // The link form: «Cancelar» returns to the text, as Escape does (it used to leave focus on the toolbar's first button).
    await page.getByRole('button', { name: 'Vínculo' }).click();
    const url = page.getByRole('textbox', { name: 'Dirección del vínculo' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('plan-link-url');
    await url.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancelar');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusIsAt(page)).toBe('editor');
    await page.waitForTimeout(500);
    expect(await focusIsAt(page)).toBe('editor');

    // A new comment sent with Ctrl+Enter: the box only empties, so its status says it was sent, until typing resumes.
    const composer = page.getByRole('textbox', { name: 'Escriba un comentario…' });
    const composerStatus = page.getByTestId('comment-margin').getByTestId('composer-escape-hint').first();
    await composer.focus();
    await page.keyboard.type('Revisemos la tabla nueva');
    expect(await composerStatus.getAttribute('role')).toBe('status');
    expect(await composerStatus.textContent()).toBe('');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => composerStatus.textContent(), { timeout: 5000 }).toBe('Comentario enviado.');
    expect(await composer.inputValue()).toBe('');
    await page.keyboard.type('O');
    expect(await composerStatus.textContent()).toBe('');
    expect(errors).toEqual([]);
    await close();
  });

  it('says the item a meeting moved to, to the facilitator and to those following; says a stance once recorded', { timeout: 60_000 }, async () => {
    const fac = await h.world.user('Fátima Anuncia', 'UNODC');
    const beto = await h.world.user('Beto Escucha', 'FGR');
    const ws = await h.world.workspace(fac.api, 'Mesa de armas');
    await h.world.addMember(ws, fac.api, beto.id, 'member', true);
    const meeting = (await fac.api.post(`/api/workspaces/${ws}/meetings`, {
      title: 'Sesión de abril',
      startsAt: '2027-04-01T16:00:00Z',
      agenda: [{ title: 'Bienvenida', minutes: 5 }, { title: 'Rastreo de armas', minutes: 30 }],
    })).body.meeting;
    expect((await fac.api.post(`/api/meetings/${meeting.id}/start`, {})).status).toBe(200);
    const url = `${h.base}/w/${ws}/meetings/${meeting.id}`;

    const facilitator = await newSignedInPage(h.browser, h.base, fac);
    const follower = await newSignedInPage(h.browser, h.base, beto);
    for (const p of [facilitator.page, follower.page]) {
      await p.goto(url);
      await p.getByTestId('meeting-agenda').locator('[aria-current="step"]').waitFor();
    }
    const news = (p: Page) => p.getByTestId('meeting-item-news');
    // Arriving says nothing: the page itself shows where the meeting stands.
    expect(await news(facilitator.page).getAttribute('role')).toBe('status');
    expect(await news(facilitator.page).textContent()).toBe('');

    const next = facilitator.page.getByRole('button', { name: /Siguiente/ });
    await next.focus();
    await facilitator.page.keyboard.press('Enter');
    await expect.poll(() => news(facilitator.page).textContent(), { timeout: 5000 }).toBe('Punto en curso: 2. «Rastreo de armas»');
    // Beto follows along: the move, live, is said to him too.
    await expect.poll(() => news(follower.page).textContent(), { timeout: 5000 }).toBe('Punto en curso: 2. «Rastreo de armas»');

    // A stance, recorded by keyboard on FGR's behalf: said in the row's status once the server took it.
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo común de rastreo' })).body.decision;
    const page = facilitator.page;
    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    const row = page.locator(`tr[data-organization-id="${h.world.orgs.FGR.id}"]`);
    const stanceNews = row.getByTestId('stance-news');
    await row.locator('select').waitFor();
    expect(await stanceNews.getAttribute('role')).toBe('status');
    expect(await stanceNews.textContent()).toBe('');
    await row.locator('select').selectOption('agree');
    await row.getByRole('button', { name: 'Registrar en su nombre: FGR' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => stanceNews.textContent(), { timeout: 5000 }).toBe('Postura de FGR registrada: De acuerdo.');
    // Choosing again clears it: the news was about the record just made.
    await row.locator('select').selectOption('abstain');
    expect(await stanceNews.textContent()).toBe('');

    expect([...facilitator.errors, ...follower.errors]).toEqual([]);
    await facilitator.close();
    await follower.close();
  });
});
