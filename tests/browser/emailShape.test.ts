/**
 * A mistyped email address on the first-run setup and on an invitation's sign-up, in Chromium: marked at its field,
 * which gets the focus, in the interface's language; before, only the server's refusal said so, below the form.
 */
import { describe, expect, it } from 'vitest';
import { Api, PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { useBrowserHarness } from '../helpers/browserSession.js';

const INVALID = 'Escriba un correo electrónico válido.';

describe('a mistyped email address', () => {
  const h = useBrowserHarness();

  it('is marked at its field on /setup and on an invitation’s sign-up, and nothing is sent', async () => {
    const context = await h.browser.newContext({ locale: 'es-MX', viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${h.base}/setup`);
    await page.getByLabel('Nombre completo').fill('Ana Admin');
    await page.getByLabel('Correo electrónico').fill('ana.admin@enlace');
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByLabel('Repita la contraseña').fill(PASSWORD);
    await page.getByLabel('Nombre de la institución').fill('Oficina de Enlace');
    await page.getByLabel('Siglas').fill('UNODC');
    await page.getByRole('button', { name: 'Crear y entrar' }).click();
    await page.locator('#setup-email-error', { hasText: INVALID }).waitFor();
    expect(await page.locator('form [aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id))).toEqual(['setup-email']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('setup-email');
    await page.getByLabel('Correo electrónico').fill('ana.admin@enlace.test');
    await page.getByRole('button', { name: 'Crear y entrar' }).click();
    await page.waitForURL(`${h.base}/`);

    // The admin's group, and a link for a newcomer of their organization.
    const admin = new Api(h.server.url, (await new Api(h.server.url).post('/api/auth/login', { email: 'ana.admin@enlace.test', password: PASSWORD })).body.token);
    const me = (await admin.get('/api/me')).body;
    const workspaceId = (await admin.post('/api/workspaces', { name: 'Mesa de corrupción', mandateAreas: ['corruption'] })).body.workspace.id;
    const invitation = (await admin.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'member', organizationId: me.user.organizationId })).body.invitation;
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(`${h.base}/login`);

    await page.goto(`${h.base}${invitation.path}`);
    const form = page.getByTestId('invite-sign-up');
    await form.getByLabel('Nombre completo').fill('Noemí Ortega');
    await form.getByLabel('Correo electrónico').fill('noemi ortega@fgr.test');
    await form.getByLabel(/^Contraseña/).fill('una-clave-larga-y-segura');
    await form.getByLabel('Repita la contraseña').fill('una-clave-larga-y-segura');
    await form.getByRole('button', { name: 'Crear cuenta y unirme' }).click();
    await form.locator('#invite-email-error', { hasText: INVALID }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('invite-email');
    await page.getByRole('button', { name: 'English' }).click();
    await form.locator('#invite-email-error', { hasText: 'Enter a valid email address.' }).waitFor();
    // Refused here: the server was not asked (it would have logged a 400).
    expect(errors).toEqual([]);
    await context.close();
  });
});
