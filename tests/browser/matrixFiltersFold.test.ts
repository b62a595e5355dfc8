/**
 * The matrix's filters on a phone fold behind one button that says how many apply (they filled the first screen
 * before any result), with a way to clear them while folded; on a wide screen there is no button and they all show.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('matrix filters on a phone', () => {
  const h = useBrowserWorld();

  it('fold behind «Filtros», counted, cleared while folded, and always shown on a wide screen', async () => {
    const ana = await h.world.user('Ana Filtros', 'FGR');
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 390, height: 844 } });
    await page.goto(`${h.base}/matrix`);
    const filters = page.getByRole('search', { name: 'Filtros de la matriz' });
    const toggle = page.getByTestId('matrix-filters-toggle');
    const area = filters.getByLabel('Ámbito');
    await toggle.waitFor();
    expect(await toggle.innerText()).toBe('Filtros');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await area.isVisible()).toBe(false);
    // The results start within the first screen.
    const results = page.locator('.matrix-results');
    await results.waitFor();
    expect((await results.boundingBox())!.y).toBeLessThan(844);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await area.selectOption('corruption');
    await page.waitForURL(/mandateArea=corruption/);
    await toggle.click();
    expect(await area.isVisible()).toBe(false);
    expect(await toggle.innerText()).toBe('Filtros (1 aplicado)');
    // Cleared without opening them.
    await filters.getByRole('button', { name: 'Quitar filtros' }).click();
    await expect.poll(() => page.url()).not.toContain('mandateArea');
    expect(await toggle.innerText()).toBe('Filtros');

    // A shared link with two filters opens folded, saying so; in English too.
    await page.goto(`${h.base}/matrix?mandateArea=corruption&status=planned`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => toggle.innerText()).toBe('Filters (2 applied)');
    expect(await page.getByRole('search', { name: 'Matrix filters' }).getByLabel('Mandate area').isVisible()).toBe(false);

    // Wide: no button, every filter in view.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => toggle.isVisible()).toBe(false);
    expect(await page.getByRole('search', { name: 'Matrix filters' }).getByLabel('Mandate area').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
