/**
 * Confirmations under the header do not pile up: at most three at once, newest kept, each gone after a while.
 * Warnings (access removed, session ended) are not confirmations and stay until dismissed (revocation.test.ts).
 * The admin page's forms say theirs beside the form instead (adminConfirmations.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('confirmations under the header', () => {
  const h = useBrowserWorld();

  it('keeps the three newest while a person renames themselves one time after another, and lets each go after 15 s', async () => {
    const ana = await h.world.user('Ana Nombre', 'SSPC');
    const session = await newSignedInPage(h.browser, h.base, ana);
    const { page } = session;
    await page.clock.install();
    await page.goto(`${h.base}/`);
    const notices = page.locator('.notice-list .notice-flash');
    for (const name of ['Ana Uno', 'Ana Dos', 'Ana Tres', 'Ana Cuatro', 'Ana Cinco']) {
      await page.locator('.app-header details.menu summary:has(.user-name)').click();
      await page.getByRole('button', { name: 'Cambiar mi nombre' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cambiar su nombre' });
      await dialog.getByLabel('Nombre completo').fill(name);
      await dialog.getByRole('button', { name: 'Guardar nombre' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await notices.getByText(`Ahora se llama ${name}.`).waitFor();
      // The menu shows the new name before the next change opens it again.
      await page.locator('.app-header .user-name', { hasText: new RegExp(`^${name}$`) }).waitFor();
    }
    expect(await notices.allInnerTexts()).toEqual(['Ahora se llama Ana Tres.', 'Ahora se llama Ana Cuatro.', 'Ahora se llama Ana Cinco.'].map((t) => expect.stringContaining(t)));
    await page.clock.fastForward(16_000);
    await expect.poll(() => notices.count()).toBe(0);
    expect(session.errors).toEqual([]);
    await session.close();
  });
});
