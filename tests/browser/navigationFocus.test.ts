/**
 * Focus after navigation, in Chromium: following a link moves the focus to the new page's content (so a keyboard or
 * screen-reader user starts there), but a menu the person opened while the page was still arriving stays open
 * with the focus in it (the move used to close it under their click); a dialog opened from that menu gives focus
 * back to the menu's button when it closes (the item that opened it is hidden with the menu).
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('focus after navigation', () => {
  const h = useBrowserWorld();

  it('moves to the page content after a link, and leaves an open account menu open', async () => {
    const ana = await h.world.user('Ana Navega', 'SSPC');
    const session = await newSignedInPage(h.browser, h.base, ana);
    const { page } = session;
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Matriz de coordinación' }).click();
    await page.waitForURL(`${h.base}/matrix`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    // The menu is opened, then the app navigates (as when a click lands before a navigation's page is shown).
    const summary = page.locator('.app-header summary', { hasText: 'Ana Navega' });
    await summary.click();
    await page.getByRole('button', { name: 'Cambiar contraseña' }).waitFor();
    await page.evaluate(() => {
      window.history.pushState({}, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.waitForURL(`${h.base}/`);
    await page.getByRole('heading', { level: 1, name: 'Mis mesas de trabajo' }).waitFor();
    // A frame for the layout's effect to have run.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    expect(await page.evaluate(() => document.querySelector('.app-header details.menu')?.hasAttribute('open'))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('summary')?.textContent ?? document.activeElement?.tagName)).toContain('Ana Navega');
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await page.getByRole('dialog', { name: 'Cambiar su contraseña' }).waitFor();
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('gives focus back to the account menu’s button when the password dialog opened from it closes', async () => {
    const ana = await h.world.user('Ana Teclado', 'SSPC');
    const session = await newSignedInPage(h.browser, h.base, ana);
    const { page } = session;
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const summary = page.locator('.app-header summary', { hasText: 'Ana Teclado' });
    const dialog = page.getByRole('dialog', { name: 'Cambiar su contraseña' });
    /** The focused element's tag and text, or 'body' when focus was lost. */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? 'body' : `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim()}`;
      });

    // By keyboard alone: the menu's button, Enter, Tab past the name item to the password one, Enter; then Escape,
    // then the dialog's Cancel.
    for (const close of ['Escape', 'Cancelar']) {
      await summary.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('button:Cambiar mi nombre');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('button:Cambiar contraseña');
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      if (close === 'Escape') {
        await page.keyboard.press('Escape');
      } else {
        await dialog.getByRole('button', { name: 'Cancelar' }).focus();
        await page.keyboard.press('Enter');
      }
      await dialog.waitFor({ state: 'hidden' });
      // Held there, not just passing through; the menu itself stays closed.
      await new Promise((r) => setTimeout(r, 300));
      expect(await focused(), `closed by ${close}`).toMatch(/^summary:Su cuenta: Ana Teclado/);
      expect(await page.evaluate(() => document.querySelector('.app-header details.menu')?.hasAttribute('open'))).toBe(false);
    }
    expect(session.errors).toEqual([]);
    await session.close();
  });
});
