/**
 * Accounts in the web app, in Chromium: an instance admin deactivates the account of someone who left (their open
 * page loses its session, sign-in says the account is off and whom to ask) and reactivates it; a member who opens an
 * invitation meant for someone else lands in the group, and the link stays free.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/api.js';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** The browser's log line for an answer the test provoked on purpose (the refused sign-in, the ended session). */
const provoked = (e: string) => /status of 40[13]/.test(e);

describe('accounts in the web app', () => {
  const h = useBrowserWorld();

  it('an admin deactivates and reactivates an account on the admin page', async () => {
    const carla = await h.world.user('Carla Se Va', 'FGR');
    const carlaBefore = await newSignedInPage(h.browser, h.base, carla);
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    await admin.page.goto(`${h.base}/admin`);
    const people = admin.page.getByTestId('admin-people');
    // No way to lock oneself out: the admin's own row has no such button.
    await people.locator('tr', { hasText: 'admin@enlace.test' }).waitFor();
    expect(await people.locator('tr', { hasText: 'admin@enlace.test' }).getByRole('button', { name: /Desactivar/ }).count()).toBe(0);

    const row = people.locator('tr', { hasText: carla.email });
    await row.getByRole('button', { name: 'Desactivar cuenta de Carla Se Va' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Desactivar cuenta de Carla Se Va' });
    await dialog.getByText('Carla Se Va ya no podrá iniciar sesión y se cerrarán todas sus sesiones abiertas.', { exact: false }).waitFor();
    expect(await seriousViolations(admin.page), 'the confirmation').toEqual([]);
    await dialog.getByRole('button', { name: 'Desactivar cuenta' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.page.getByText('Se desactivó la cuenta de Carla Se Va y se cerraron sus sesiones.').waitFor();
    await row.getByText('Desactivada').waitFor();
    expect(await row.getAttribute('data-active')).toBe('false');
    // Each row's buttons say whose account they change, their visible text included (axe: label-content-name-mismatch).
    expect(await seriousViolations(admin.page), 'the people list').toEqual([]);

    // Her open page lost its session; signing in again says why, and whom to ask.
    await carlaBefore.page.reload();
    await carlaBefore.page.waitForURL((url) => url.pathname === '/login');
    await carlaBefore.page.getByLabel('Correo electrónico').fill(carla.email);
    await carlaBefore.page.getByLabel('Contraseña').fill(PASSWORD);
    await carlaBefore.page.getByRole('button', { name: 'Entrar' }).click();
    await carlaBefore.page.getByTestId('login-deactivated').getByText('Esta cuenta está desactivada. Pida a la administración de Enlace que la reactive.').waitFor();

    await row.getByRole('button', { name: 'Reactivar cuenta de Carla Se Va' }).click();
    await admin.page.getByText('Se reactivó la cuenta de Carla Se Va.').waitFor();
    await row.getByRole('button', { name: 'Desactivar cuenta de Carla Se Va' }).waitFor();
    expect(await row.getByText('Desactivada').count()).toBe(0);

    await carlaBefore.page.getByRole('button', { name: 'Entrar' }).click();
    await carlaBefore.page.waitForURL(`${h.base}/`);
    await carlaBefore.page.locator('.app-header summary', { hasText: 'Carla Se Va' }).waitFor();
    expect(carlaBefore.errors.filter((e) => !provoked(e))).toEqual([]);
    expect(admin.errors).toEqual([]);
    await carlaBefore.close();
    await admin.close();
  });

  it('an admin gives and takes away instance admin rights on the admin page, never on their own row', async () => {
    const beto = await h.world.user('Beto Administra', 'FGR');
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    await admin.page.goto(`${h.base}/admin`);
    const people = admin.page.getByTestId('admin-people');
    await people.locator('tr', { hasText: 'admin@enlace.test' }).waitFor();
    expect(await people.locator('tr', { hasText: 'admin@enlace.test' }).getByRole('button', { name: /administración/ }).count()).toBe(0);
    const row = people.locator('tr', { hasText: beto.email });
    await row.getByRole('button', { name: 'Dar administración a Beto Administra' }).click();
    await admin.page.getByText('Beto Administra ahora administra la instancia.').waitFor();
    await row.getByText('Administración', { exact: true }).waitFor();
    expect((await beto.api.post('/api/organizations', { name: 'Institución nueva', acronym: 'NUEVA', level: 'federal' })).status).toBe(201);
    await row.getByRole('button', { name: 'Quitar administración a Beto Administra' }).click();
    await admin.page.getByText('Beto Administra ya no administra la instancia.').waitFor();
    await expect.poll(() => row.getByText('Administración', { exact: true }).count()).toBe(0);
    // From the top of the page: the row's confirmation keeps it where it was while the lists above reload, and what
    // then lies under the sticky header reads as obscured.
    await admin.page.evaluate(() => window.scrollTo(0, 0));
    expect(await seriousViolations(admin.page)).toEqual([]);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('an admin moves someone who changed agency to their new organization', async () => {
    const mario = await h.world.user('Mario Muda', 'SSPC');
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    await admin.page.goto(`${h.base}/admin`);
    const row = admin.page.getByTestId('admin-people').locator('tr', { hasText: mario.email });
    await row.getByRole('button', { name: 'Cambiar institución de Mario Muda' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Cambiar institución de Mario Muda' });
    await dialog.getByText('si era punto focal de SSPC, deja de serlo', { exact: false }).waitFor();
    const choices = await dialog.getByLabel('Nueva institución').locator('option').allInnerTexts();
    expect(choices.some((c) => c.startsWith('SSPC'))).toBe(false);
    await dialog.getByLabel('Nueva institución').selectOption(h.world.orgs.FGR.id);
    expect(await seriousViolations(admin.page), 'the move dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Cambiar institución' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.page.getByText('Mario Muda pertenece ahora a FGR.').waitFor();
    await row.locator('abbr', { hasText: 'FGR' }).waitFor();
    expect((await mario.api.get('/api/me')).body.user.organizationId).toBe(h.world.orgs.FGR.id);
  });

  it('someone who left is marked in the group and offered neither as a new member nor in mentions', async () => {
    const fabi = await h.world.user('Fabi Facilita', 'SSPC');
    const dora = await h.world.user('Dora Despedida', 'FGR');
    const diego = await h.world.user('Diego Desactivado', 'FGR');
    const daniel = await h.world.user('Daniel Disponible', 'FGR');
    const ws = await h.world.workspace(fabi.api, 'Mesa de salidas');
    const paco = await h.world.user('Paco Presente', 'FGR');
    await h.world.addMember(ws, fabi.api, dora.id, 'member');
    await h.world.addMember(ws, fabi.api, paco.id, 'member');
    const docId = await h.world.document(fabi.api, ws);
    for (const gone of [dora, diego]) expect((await h.world.admin.request('PATCH', `/api/users/${gone.id}`, { active: false })).status).toBe(200);

    const session = await newSignedInPage(h.browser, h.base, fabi, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await page.goto(`${h.base}/w/${ws}`);
    const manager = page.getByTestId('member-manager');
    const doraRow = manager.locator('tr', { hasText: 'Dora Despedida' });
    await doraRow.getByText('Cuenta desactivada').waitFor();
    // She can be made an observer or removed, never given a say she cannot use.
    expect(await doraRow.getByRole('checkbox', { name: /punto focal/i }).isDisabled()).toBe(true);
    expect(await doraRow.locator('option[value="facilitator"]').isDisabled()).toBe(true);
    expect(await doraRow.locator('option[value="observer"]').isDisabled()).toBe(false);
    expect(await manager.locator('tr', { hasText: 'Paco Presente' }).getByRole('checkbox', { name: /punto focal/i }).isDisabled()).toBe(false);
    const offered = await page.getByTestId('add-member-user').locator('option').allInnerTexts();
    expect(offered.some((o) => o.includes('Daniel Disponible'))).toBe(true);
    expect(offered.some((o) => o.includes('Diego Desactivado'))).toBe(false);

    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const box = page.getByRole('textbox', { name: 'Escriba un comentario…' });
    await box.click();
    await page.keyboard.type('Revisar con @Pac');
    await page.getByRole('option', { name: /@Paco Presente/ }).waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Revisar con @Dor');
    // The composer answers each keystroke: give it a beat, then no Dora anywhere among the suggestions.
    await page.waitForTimeout(300);
    expect(await page.getByRole('option', { name: /Dora Despedida/ }).count()).toBe(0);
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('a member who opens an invitation meant for someone else lands in the group, and the link stays free', async () => {
    const fabi = await h.world.user('Fabi Invita', 'SSPC');
    const beto = await h.world.user('Beto Miembro', 'FGR');
    const ws = await h.world.workspace(fabi.api, 'Mesa de invitaciones');
    await h.world.addMember(ws, fabi.api, beto.id, 'member');
    const link = await fabi.api.post(`/api/workspaces/${ws}/invitations`, { role: 'facilitator' });
    expect(link.status).toBe(201);

    const session = await newSignedInPage(h.browser, h.base, beto);
    await session.page.goto(`${h.base}${link.body.invitation.path}`);
    await session.page.waitForURL(`${h.base}/w/${ws}`);
    await session.page.getByText('Ya es parte de esta mesa. La invitación queda libre para la persona a quien iba dirigida.').waitFor();
    const listed = (await fabi.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations as Array<{ id: string; status: string }>;
    expect(listed.find((i) => i.id === link.body.invitation.id)?.status).toBe('pending');
    expect((await fabi.api.get(`/api/workspaces/${ws}`)).body.members.find((m: { userId: string }) => m.userId === beto.id)?.role).toBe('member');
    expect(session.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await session.close();
  });
});
