/**
 * Passwords in the web app, in Chromium: a person changes theirs from the account menu in the header and signs
 * in with it; an instance admin resets a forgotten one on the admin page, sees it once, and the person signs in
 * with what was shown (their open session having ended).
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/api.js';
import { newSignedInPage, signIn, useBrowserWorld } from '../helpers/browserSession.js';

const NEW_PASSWORD = 'mi-nueva-frase-secreta';
/** The browser's own log line for an answer the test provoked on purpose (a wrong password is a 400, then a 401). */
const provoked = (e: string) => /status of 40[01]/.test(e);

describe('passwords in the web app', () => {
  const h = useBrowserWorld();

  it('a person changes their password from the header and signs in again with it', async () => {
    const ana = await h.world.user('Ana Cambia', 'SSPC');
    const session = await newSignedInPage(h.browser, h.base, ana);
    const { page } = session;

    await page.locator('.app-header summary', { hasText: 'Ana Cambia' }).click();
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cambiar su contraseña' });
    await dialog.waitFor();
    const current = dialog.getByLabel('Contraseña actual');
    const next = dialog.getByLabel(/^Nueva contraseña/);
    const confirm = dialog.getByLabel('Repita la nueva contraseña');
    const submit = dialog.getByRole('button', { name: 'Cambiar contraseña' });

    // Checked in the page first: too short, then not repeated alike.
    await current.fill('no-es-la-mia-123');
    await next.fill('corta');
    await confirm.fill('corta');
    await submit.click();
    await dialog.getByText('La contraseña debe tener al menos 12 caracteres.').waitFor();
    await next.fill(NEW_PASSWORD);
    await confirm.fill(`${NEW_PASSWORD}x`);
    await submit.click();
    await dialog.getByText('Las contraseñas no coinciden.').waitFor();
    // Then by the server: the current password is wrong, said on its field.
    await confirm.fill(NEW_PASSWORD);
    await submit.click();
    await dialog.getByText('La contraseña actual no es correcta.').waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');

    await current.fill(PASSWORD);
    await submit.click();
    await dialog.getByRole('status').getByText('Se cambió su contraseña. Úsela la próxima vez que inicie sesión.').waitFor();
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // This session stays signed in.
    await page.reload();
    await page.locator('.app-header summary', { hasText: 'Ana Cambia' }).waitFor();

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(`${h.base}/login`);
    await page.getByLabel('Correo electrónico').fill(ana.email);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('El correo o la contraseña no son correctos.').waitFor();
    await signIn(page, h.base, ana.email, NEW_PASSWORD);
    await page.locator('.app-header summary', { hasText: 'Ana Cambia' }).waitFor();
    expect(session.errors.filter((e) => !provoked(e))).toEqual([]);
    await session.close();
  });

  it('an admin resets a person’s password on the admin page; the person signs in with the password shown once', async () => {
    const beto = await h.world.user('Beto Olvida', 'FGR');
    const betoBefore = await newSignedInPage(h.browser, h.base, beto);
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    await admin.page.goto(`${h.base}/admin`);
    const row = admin.page.getByTestId('admin-people').locator('tr', { hasText: beto.email });
    await row.getByRole('button', { name: 'Restablecer contraseña de Beto Olvida' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Restablecer contraseña de Beto Olvida' });
    await dialog.waitFor();
    await dialog.getByText('Al menos 12 caracteres. Compártala por un canal seguro.').waitFor();

    await dialog.getByRole('button', { name: 'Generar una' }).click();
    const typed = await dialog.getByLabel('Contraseña nueva').inputValue();
    expect(typed.length).toBeGreaterThanOrEqual(12);
    await dialog.getByRole('button', { name: 'Restablecer contraseña' }).click();

    const shown = dialog.getByTestId('password-reset-shown');
    await shown.waitFor();
    expect(await shown.inputValue()).toBe(typed);
    await dialog.getByText('Compártala por un canal seguro. No se volverá a mostrar: cópiela ahora.').waitFor();
    await dialog.getByText('Se restableció la contraseña de Beto Olvida y se cerraron sus sesiones.').waitFor();
    await dialog.getByRole('button', { name: 'Listo' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Beto's open session ended: on reload the app asks him to sign in.
    await betoBefore.page.reload();
    await betoBefore.page.waitForURL((url) => url.pathname === '/login');
    await betoBefore.close();

    const betoAfter = await newSignedInPage(h.browser, h.base, { email: beto.email, password: typed });
    await betoAfter.page.locator('.app-header summary', { hasText: 'Beto Olvida' }).waitFor();
    expect(betoAfter.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await betoAfter.close();
    await admin.close();
  });
});
