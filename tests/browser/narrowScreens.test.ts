/** On a phone (390 px): the header scrolls away instead of covering a quarter of the screen, and long words wrap. */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('narrow screens', () => {
  const h = useBrowserWorld();

  it('keeps a decision with an unbroken 120-character title within the width, list and page, with the header unpinned', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(ana.api, 'Mesa de Seguridad Frontera Sur');
    const title = `Acordarquelasinstituciones${'participantes'.repeat(7)}compartan`;
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title })).body.decision;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 390, height: 844 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    await page.getByTestId('decision-list').getByRole('link', { name: title }).waitFor();
    expect(await overflow()).toBe(0);
    expect(await page.locator('.app-header').evaluate((el) => getComputedStyle(el).position)).toBe('static');
    // The account menu shows whose it is (initials; a lone ▾ before), and is named in full for screen readers.
    const account = page.locator('.app-header summary:has(.user-initials)');
    expect(await account.locator('.user-initials').isVisible()).toBe(true);
    expect(await account.locator('.user-initials').innerText()).toBe('AT');
    expect(await account.textContent()).toContain('Ana Torres');

    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await overflow()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
