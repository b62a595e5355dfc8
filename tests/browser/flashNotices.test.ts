/**
 * Confirmations under the header do not pile up: at most three at once, newest kept, each gone after a while.
 * Warnings (access removed, session ended) are not confirmations and stay until dismissed (revocation.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('confirmations under the header', () => {
  const h = useBrowserWorld();

  it('keeps the three newest while an admin adds organizations one after another, and lets each go after 15 s', async () => {
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    const { page } = admin;
    await page.clock.install();
    await page.goto(`${h.base}/admin`);
    const create = page.getByTestId('organization-form');
    const list = page.getByTestId('admin-organizations');
    const notices = page.locator('.notice-list .notice-flash');
    for (const acronym of ['UNO', 'DOS', 'TRES', 'CUATRO', 'CINCO']) {
      await create.getByLabel('Nombre de la institución').fill(`Institución ${acronym}`);
      await create.getByLabel('Siglas').fill(acronym);
      await create.getByRole('button', { name: 'Agregar institución' }).click();
      await list.locator('tr', { hasText: `Institución ${acronym}` }).waitFor();
      await notices.getByText(`Se agregó la institución ${acronym}.`).waitFor();
    }
    expect(await notices.allInnerTexts()).toEqual(['Se agregó la institución TRES.', 'Se agregó la institución CUATRO.', 'Se agregó la institución CINCO.'].map((t) => expect.stringContaining(t)));
    await page.clock.fastForward(16_000);
    await expect.poll(() => notices.count()).toBe(0);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
