/**
 * A sign-in locked out after repeated wrong passwords, in Chromium: the page says from what time to try again (the
 * server's Retry-After), in the interface's language, instead of "wait a few minutes" for a 15-minute lockout.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { useBrowserHarness } from '../helpers/browserSession.js';

describe('a locked-out sign-in', () => {
  const h = useBrowserHarness({ limits: { loginFailures: 2 } });

  it('says the time from which to try again, and says it again in English', async () => {
    await createWorld(h.server.url);
    const context = await h.browser.newContext({ locale: 'es-MX', viewport: { width: 375, height: 700 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${h.base}/login`);
    await page.getByLabel('Correo electrónico').fill('admin@enlace.test');
    const alert = page.locator('form [role="alert"]');
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.getByLabel('Contraseña').fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await alert.getByText('El correo o la contraseña no son correctos.').waitFor();
      await page.getByRole('button', { name: 'Entrar' }).waitFor({ state: 'visible' });
    }

    // Even the right password is refused now; the answer names the minute the lockout ends.
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await alert.getByText('Demasiados intentos seguidos.').waitFor();
    const hint = await alert.locator('.notice-hint').innerText();
    expect(hint).toMatch(/^Podrá intentarlo de nuevo a partir de esta hora: \d{1,2}:\d{2}\s?[ap]\.\s?m\.$/);
    // 15 minutes after the first failure, rounded up to the minute, as this browser tells the time (the failure was a
    // few seconds ago: either side of a minute's turn is accepted).
    const candidates = await page.evaluate(() =>
      [0, 10_000].map((ago) => {
        const at = new Date(Math.ceil((Date.now() - ago + 15 * 60_000) / 60_000) * 60_000);
        return new Intl.DateTimeFormat('es-MX', { hour: 'numeric', minute: '2-digit' }).format(at);
      }),
    );
    expect(candidates.some((c) => hint.endsWith(c))).toBe(true);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => alert.locator('.notice-hint').innerText()).toMatch(/^You can try again from this time: \d{1,2}:\d{2}\s?[AP]M$/);
    expect(page.url()).toBe(`${h.base}/login`);
    expect(errors.filter((e) => !/status of (401|429)/.test(e))).toEqual([]);
    await context.close();
  });
});
