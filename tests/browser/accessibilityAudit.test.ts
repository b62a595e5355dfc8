/**
 * What an accessibility audit found, in Chromium (checked by focus, DOM and ARIA, never by timings): the activities
 * table, some twenty Tab stops a row, has a skip link before it to what follows (also when a big table keeps only some
 * rows in the page); the plan page has one <h1>, its title, the text's headings being drawn a level down while the
 * document keeps their levels (typed "# " is still a level 1; pasted headings keep theirs); and a refused sign-in
 * marks the fields it is about, tied to the message, with focus on the one to fix.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MANDATE_AREAS } from '../../shared/constants.js';
import { insertActivity } from '../../shared/planModel.js';
import { PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const ROWS = '[data-testid="activities-table"] [data-testid="activity-row"]';

/** Where focus is, relative to the activities table: the skip link, inside the table's frame, or after it (and where). */
const focusPlace = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const frame = document.querySelector('[data-testid="activities-frame"]');
    if (!el || el === document.body || !frame) return 'nowhere';
    if (el.getAttribute('data-testid') === 'skip-activities') return 'skip link';
    if (frame.contains(el)) return 'in the table';
    if (!(frame.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) return 'before the table';
    return el.closest('[data-testid="plan-decisions"]') ? `after the table, in the decisions: ${el.tagName.toLowerCase()}` : `after the table: ${el.tagName.toLowerCase()}`;
  });

/** The skip link's drawn width: 1 px while hidden (clipped), its text's once focused. */
const skipWidth = (page: Page) => page.getByTestId('skip-activities').evaluate((el) => el.getBoundingClientRect().width);

describe('accessibility audit follow-up', () => {
  const h = useBrowserWorld();

  it('skips the activities table by keyboard, small or windowed', { timeout: 120_000 }, async () => {
    const ana = await h.world.user('Ana Salto', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const small = await h.world.document(ana.api, ws);
    const big = await h.world.document(ana.api, ws);
    for (const [documentId, count] of [
      [small, 3],
      [big, 300],
    ] as const) {
      const y = connectYjs(h.server.wsUrl, documentId, ana.api.token);
      await waitSynced(y);
      y.doc.transact(() => {
        for (let i = 0; i < count; i++) insertActivity(y.doc, { id: `s-${i}`, title: `Actividad ${i + 1}`, mandateArea: MANDATE_AREAS[i % MANDATE_AREAS.length] });
      });
      await expect.poll(async () => ((await ana.api.get(`/api/documents/${documentId}/export?format=json`)).body.activities ?? []).length, { timeout: 15_000 }).toBe(count);
      y.destroy();
    }
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });

    // A small table: from «+ Agregar actividad», the control just before it, Tab reaches the skip link, shown once
    // focused; Enter goes on past the table, to what follows it (the plan's decisions).
    await page.goto(`${h.base}/w/${ws}/d/${small}`);
    await expect.poll(() => page.locator(ROWS).count(), { timeout: 15_000 }).toBe(3);
    await page.getByTestId('add-activity').focus();
    await page.keyboard.press('Tab');
    expect(await focusPlace(page)).toBe('skip link');
    expect(await page.getByTestId('skip-activities').innerText()).toBe('Saltar la tabla de actividades');
    expect(await skipWidth(page)).toBeGreaterThan(50);
    await page.keyboard.press('Enter');
    expect(await focusPlace(page)).toBe('after the table, in the decisions: button');
    // Hidden again once focus has gone on (kept for screen readers: clipped, not removed).
    expect(await skipWidth(page)).toBeLessThanOrEqual(1);
    // Shift+Tab from there goes back into the table's last row: it was skipped, not taken away.
    await page.keyboard.press('Shift+Tab');
    expect(await focusPlace(page)).toBe('in the table');

    // A big table keeps only some rows in the page (a window); its search is the control before it.
    await page.goto(`${h.base}/w/${ws}/d/${big}`);
    await page.locator(ROWS).first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.activities .count').innerText()).toBe('300');
    expect(await page.locator(ROWS).count()).toBeLessThan(300);
    await page.getByTestId('activities-search').focus();
    await page.keyboard.press('Tab');
    expect(await focusPlace(page)).toBe('skip link');
    await page.keyboard.press('Enter');
    expect(await focusPlace(page)).toBe('after the table, in the decisions: button');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Proponer una decisión sobre este plan');
    expect(errors).toEqual([]);
    await close();
  });

  it('has one <h1> on the plan page; the text draws its headings a level down and keeps their levels', { timeout: 60_000 }, async () => {
    const ana = await h.world.user('Ana Titulos', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, ws);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.base}/w/${ws}/d/${documentId}`);
    const editor = page.locator(EDITOR);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Objetivos');

    // One <h1>, the plan's title; the template's level-1 heading is an <h2>, its level-2 ones <h3>.
    expect(await page.locator('h1').allInnerTexts()).toEqual(['Plan de trabajo 2027']);
    expect(await editor.locator('h1').count()).toBe(0);
    const first = await editor.locator('h2, h3, h4').first().evaluate((el) => ({ tag: el.tagName, level: el.getAttribute('data-level') }));
    expect(first).toEqual({ tag: 'H2', level: '1' });
    expect(await editor.locator('h3', { hasText: 'Objetivos' }).getAttribute('data-level')).toBe('2');
    // They look as the levels always did: the text's level 1 larger than its level 2.
    const size = (selector: string) => editor.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await size('h2')).toBe(24);
    expect(await size('h3')).toBe(19.2);

    // "# " still makes a level 1 in the document (an <h2> on screen), and the toolbar's H1 says it is one.
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('# Sección tecleada');
    await editor.locator('h2', { hasText: 'Sección tecleada' }).waitFor();
    expect(await page.getByRole('button', { name: /^H1:/ }).getAttribute('aria-pressed')).toBe('true');

    // Pasted HTML: a heading from this editor (its own DOM, as copying it gives) keeps its level; one from elsewhere
    // maps by its tag as before (an <h2> from a web page is a level 2).
    const paste = (html: string) =>
      page.evaluate((markup) => {
        const data = new DataTransfer();
        data.setData('text/html', markup);
        data.setData('text/plain', markup.replace(/<[^>]+>/g, ''));
        document.querySelector('[data-testid="plan-editor"] [contenteditable="true"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, html);
    const own = (await editor.locator('h2').first().evaluate((el) => el.outerHTML)).replace(/>[^<]*</, '>Copia del título<');
    expect(own).toMatch(/^<h2 data-level="1">/);
    await page.keyboard.press('Enter');
    await paste(own);
    await editor.locator('h2', { hasText: 'Copia del título' }).waitFor();
    await page.keyboard.press('Enter');
    await paste('<h2>Subtítulo de otra página</h2>');
    await editor.locator('h3', { hasText: 'Subtítulo de otra página' }).waitFor();

    // Copied out (to a word processor, another editor), each heading goes as the level it is: the first as an <h1>.
    // The editor takes the page's selection as its own once the browser says it changed: selected first, copied after.
    await page.evaluate(() => {
      const prose = document.querySelector<HTMLElement>('[data-testid="plan-editor"] [contenteditable="true"]')!;
      prose.focus();
      const range = document.createRange();
      range.setStart(prose.querySelector('h2[data-level="1"]')!.firstChild!, 0);
      const end = prose.querySelector('h3[data-level="2"]')!.firstChild!;
      range.setEnd(end, end.textContent!.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    const copy = () =>
      page.evaluate(() => {
        const data = new DataTransfer();
        document.querySelector('[data-testid="plan-editor"] [contenteditable="true"]')!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
        return data.getData('text/html');
      });
    await expect.poll(copy).toContain('Objetivos');
    const copied = await copy();
    // (ProseMirror marks the first element with where the slice began: data-pm-slice.)
    expect(copied).toMatch(/<h1( data-pm-slice="[^"]*")?>Plan de trabajo conjunto<\/h1>/);
    expect(copied).toMatch(/<h2>Objetivos<\/h2>/);
    expect(copied).not.toContain('data-level');

    // The stored plan: levels as the document has them (the Markdown export shows them as they always were).
    await expect
      .poll(async () => String((await ana.api.get(`/api/documents/${documentId}/export?format=md`)).body), { timeout: 15_000 })
      .toMatch(/\n# Sección tecleada\n[\s\S]*\n# Copia del título\n[\s\S]*\n## Subtítulo de otra página\n/);
    const md = String((await ana.api.get(`/api/documents/${documentId}/export?format=md`)).body);
    expect(md).toMatch(/^# Plan de trabajo conjunto$/m);
    expect(md).toMatch(/^## Objetivos$/m);
    expect(errors).toEqual([]);
    await close();
  });

  it('marks the fields a refused sign-in is about, tied to the message, and focuses the one to fix', { timeout: 60_000 }, async () => {
    const ana = await h.world.user('Ana Entrada', 'SSPC');
    const context = await h.browser.newContext({ locale: 'es-MX' });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${h.base}/login`);
    const email = page.locator('#login-email');
    const password = page.locator('#login-password');
    const marks = () =>
      page.evaluate(() =>
        ['login-email', 'login-password'].map((id) => {
          const el = document.getElementById(id)!;
          const described = el.getAttribute('aria-describedby');
          return { id, invalid: el.getAttribute('aria-invalid'), says: described ? document.getElementById(described)?.textContent ?? `missing #${described}` : null };
        }),
      );
    expect(await marks()).toEqual([
      { id: 'login-email', invalid: null, says: null },
      { id: 'login-password', invalid: null, says: null },
    ]);

    // A wrong password: the server does not say whether the email or the password is wrong, so both are marked, and
    // focus goes to the password, emptied for the next try.
    await email.fill(ana.email);
    await password.fill('no-es-la-clave');
    await page.getByRole('button', { name: 'Entrar' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('id')).toBe('login-refusal');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    expect(await password.inputValue()).toBe('');
    expect(await email.inputValue()).toBe(ana.email);
    const refusal = await alert.textContent();
    expect(refusal).toContain('El correo o la contraseña no son correctos.');
    expect(await marks()).toEqual([
      { id: 'login-email', invalid: 'true', says: refusal },
      { id: 'login-password', invalid: 'true', says: refusal },
    ]);

    // An address the server refuses (no domain ending): the email is marked and focused; the password kept as typed.
    await email.fill('ana@enlace');
    await password.fill('una-clave-cualquiera');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-email');
    const invalidAddress = await alert.textContent();
    expect(invalidAddress).toContain('Correo electrónico');
    expect(await marks()).toEqual([
      { id: 'login-email', invalid: 'true', says: invalidAddress },
      { id: 'login-password', invalid: null, says: null },
    ]);
    expect(await password.inputValue()).toBe('una-clave-cualquiera');

    // Put right, the marks go with the refusal and the person is in.
    await email.fill(ana.email);
    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${h.base}/`);
    expect(errors.filter((e) => !/\b(400|401)\b/.test(e))).toEqual([]);
    await context.close();
  });
});
