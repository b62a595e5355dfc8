/** A page whose app script cannot load (a rebuild under a running server, a dropped connection) says what to do, never stays blank. */
import { describe, expect, it } from 'vitest';
import { useBrowserWorld } from '../helpers/browserSession.js';

describe('a page whose script does not load', () => {
  const h = useBrowserWorld();

  it('tells the visitor to reload, in Spanish and English, and the app replaces the message when it loads', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(`${h.base}/login`);
    const stall = page.locator('.boot-stall');
    // Hidden at first, so a normal load never flashes it.
    expect(await stall.isVisible()).toBe(false);
    await stall.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await stall.innerText()).toMatch(/Recargue la página[\s\S]*Reload the page/);

    await page.unroute('**/assets/*.js');
    await page.reload();
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    expect(await page.locator('.boot-stall').count()).toBe(0);
    await context.close();
  });
});
