/**
 * A keyboard user keeps their place after an action: a button disabled while its request runs (or for good once
 * its work is done) no longer drops focus to the top of the page (client/lib/focusRescue.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** Where focus is: 'body', or the focused element's tag and the closest form's class. */
const focusIsAt = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()} in ${el.closest('form')?.className ?? 'no form'}`;
  });

describe('focus after an action', () => {
  const h = useBrowserWorld();

  it('stays in the form after proposing a decision and after recording a stance with the keyboard', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    await world.addMember(ws, ana.api, (await world.user('Beto Ruiz', 'FGR')).id, 'member', true);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Proponer' }) });
    const title = form.getByLabel(/^Título/);
    await title.fill('Protocolo común de rastreo');
    await title.focus();
    await page.keyboard.press('Tab');
    while ((await page.evaluate(() => document.activeElement?.getAttribute('type'))) !== 'submit') await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('decision-list').getByText('Protocolo común de rastreo').waitFor();
    // The button is disabled once the title is cleared: focus goes back into the form, not to the page's top.
    await expect.poll(() => focusIsAt(page), { timeout: 5000 }).toMatch(/ in .*form/);

    await page.getByTestId('decision-list').getByRole('link', { name: 'Protocolo común de rastreo' }).click();
    const row = page.locator(`tr[data-organization-id="${world.orgs.SSPC.id}"]`);
    await row.locator('select').selectOption('agree');
    await row.getByRole('button', { name: 'Registrar en su nombre' }).focus();
    await page.keyboard.press('Enter');
    await row.locator('.stance').getByText('De acuerdo', { exact: true }).waitFor({ timeout: 5000 });
    await expect.poll(() => focusIsAt(page), { timeout: 5000 }).toMatch(/stance-form/);
    expect(errors).toEqual([]);
    await close();
  });
});
