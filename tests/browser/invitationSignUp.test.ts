/**
 * Bringing in an official who has no account, in Chromium: the facilitator makes a link naming their institution, the
 * newcomer opens it signed out, creates the account there and lands in the group signed in. Someone who already has an
 * account is sent to sign in and back to the link instead. The sign-up page passes axe's serious checks.
 */
import { describe, expect, it } from 'vitest';
import { Api, PASSWORD } from '../helpers/api.js';
import { seriousViolations } from '../helpers/axe.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('an invitation for a person without an account', () => {
  const h = useBrowserWorld();

  /** A signed-out browser profile, in Spanish, recording console errors. */
  async function signedOutPage() {
    const context = await h.browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return { context, page, errors: collectConsoleErrors(page) };
  }

  it('a facilitator makes the link in the workspace page; the newcomer signs up signed out and lands in the group', async () => {
    const lucia = await h.world.user('Lucía Hernández', 'SSPC', { isAdmin: true });
    const workspaceId = await h.world.workspace(lucia.api, 'Mesa de armas de fuego');
    const l = await newSignedInPage(h.browser, h.base, lucia, { viewport: { width: 1280, height: 900 } });
    await l.page.goto(`${h.base}/w/${workspaceId}`);
    const panel = l.page.getByTestId('invitation-panel');
    await panel.getByLabel('Rol').selectOption('member');
    await panel.getByLabel('Para una persona sin cuenta en Enlace: su institución').selectOption(h.world.orgs.FGR.id);
    await panel.getByRole('button', { name: 'Crear enlace' }).click();
    const link = await panel.getByLabel('Enlace de invitación').inputValue();
    expect(link).toMatch(new RegExp(`^${h.base}/invite/[A-Za-z0-9_-]{20,}$`));
    await panel.getByText('Sirve también a una persona sin cuenta: creará su cuenta en FGR.', { exact: false }).waitFor();
    await panel.getByTestId('invitation-list').locator('tr[data-status="pending"]').getByText('Cuenta nueva en FGR').waitFor();

    // Signed out, the link says what it is for and offers the account, in the institution the facilitator named.
    const n = await signedOutPage();
    await n.page.goto(link);
    const invitation = n.page.getByTestId('invitation');
    await invitation.getByText('Lucía Hernández (SSPC) le invita a la mesa «Mesa de armas de fuego» con el rol de', { exact: false }).waitFor();
    const form = n.page.getByTestId('invite-sign-up');
    await form.getByRole('heading', { name: 'Cree su cuenta para unirse' }).waitFor();
    await form.getByText('Su cuenta quedará en FGR (FGR)', { exact: false }).waitFor();
    await form.getByText('Al menos 12 caracteres.').waitFor();
    expect(await seriousViolations(n.page), 'sign-up page').toEqual([]);

    // An empty submit says what is missing and goes to the first field to fix.
    await form.getByRole('button', { name: 'Crear cuenta y unirme' }).click();
    await expect.poll(() => n.page.evaluate(() => document.activeElement?.id)).toBe('invite-name');
    expect(await form.getByText('Este campo es obligatorio.').count()).toBe(2);
    expect(await seriousViolations(n.page), 'sign-up page with errors').toEqual([]);

    await form.getByLabel('Nombre completo').fill('Noemí Ortega');
    await form.getByLabel('Correo electrónico').fill('noemi.ortega@fgr.test');
    await form.getByLabel(/^Contraseña/).fill('una-clave-larga-y-segura');
    await form.getByLabel('Repita la contraseña').fill('una-clave-larga-y-segura');
    await form.getByRole('button', { name: 'Crear cuenta y unirme' }).click();
    await n.page.waitForURL(`${h.base}/w/${workspaceId}`);
    await n.page.getByRole('heading', { level: 1, name: 'Mesa de armas de fuego' }).waitFor();
    await n.page.getByText('Se creó su cuenta y ya forma parte de la mesa.').waitFor();
    // Signed in by the answer's cookie: the browser's own session is the new account, a member of FGR.
    const me = await n.page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user).toMatchObject({ name: 'Noemí Ortega', email: 'noemi.ortega@fgr.test', organizationId: h.world.orgs.FGR.id, isAdmin: false });
    expect(me.memberships).toEqual([expect.objectContaining({ workspaceId, role: 'member' })]);
    expect(n.errors).toEqual([]);
    await n.context.close();

    // The facilitator's open page follows: the link used by the newcomer, who is in the member list.
    await l.page.getByTestId('invitation-list').locator('tr[data-status="used"]').getByText('Usado por Noemí Ortega').waitFor({ timeout: 10_000 });
    await l.page.getByTestId('member-list').getByText('Noemí Ortega').waitFor({ timeout: 10_000 });
    expect(l.errors).toEqual([]);
    await l.close();
  });

  it('a facilitator who is no administrator is offered only their own institution for a new account', async () => {
    const tomas = await h.world.user('Tomás Ibarra', 'FGR');
    const workspaceId = await h.world.workspace(tomas.api, 'Mesa de lavado de dinero');
    const t = await newSignedInPage(h.browser, h.base, tomas, { viewport: { width: 1280, height: 900 } });
    await t.page.goto(`${h.base}/w/${workspaceId}`);
    const panel = t.page.getByTestId('invitation-panel');
    const select = panel.getByLabel('Para una persona sin cuenta en Enlace: su institución');
    await select.waitFor();
    const offered = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['', h.world.orgs.FGR.id]);
    await panel.getByText('Para una persona de otra institución sin cuenta, pida a un administrador que la cree.', { exact: false }).waitFor();
    await select.selectOption(h.world.orgs.FGR.id);
    await panel.getByRole('button', { name: 'Crear enlace' }).click();
    await panel.getByText('Sirve también a una persona sin cuenta: creará su cuenta en FGR.', { exact: false }).waitFor();
    expect(t.errors).toEqual([]);
    await t.context.close();
  });

  it('a sign-up whose answer never arrived, sent again, signs in the account it made', async () => {
    const lucia = await h.world.user('Lucía Campos', 'SSPC', { isAdmin: true });
    const workspaceId = await h.world.workspace(lucia.api, 'Mesa de corrupción');
    const inv = (await lucia.api.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'member', organizationId: h.world.orgs.FGR.id })).body.invitation;
    const n = await signedOutPage();
    // The first request reaches the server and is stored; its answer is lost on the way back.
    let cut = 0;
    await n.page.route('**/api/invitations/sign-up', async (route) => {
      if (cut++ > 0) return route.continue();
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      // Playwright's fetch keeps the answer's cookies in the browser: lost answers bring none.
      await n.context.clearCookies();
      await route.abort('connectionreset');
    });
    await n.page.goto(`${h.base}${inv.path}`);
    const form = n.page.getByTestId('invite-sign-up');
    await form.getByLabel('Nombre completo').fill('Rosa Medina');
    await form.getByLabel('Correo electrónico').fill('rosa.medina@fgr.test');
    await form.getByLabel(/^Contraseña/).fill('una-clave-larga-y-segura');
    await form.getByLabel('Repita la contraseña').fill('una-clave-larga-y-segura');
    await form.getByRole('button', { name: 'Crear cuenta y unirme' }).click();
    await form.getByText('No hay conexión con el servidor.').waitFor();
    expect(n.page.url()).toBe(`${h.base}${inv.path}`);

    // Trying again, as the message says: in the group, signed in, not told the link is used.
    await form.getByRole('button', { name: 'Crear cuenta y unirme' }).click();
    await n.page.waitForURL(`${h.base}/w/${workspaceId}`);
    await n.page.getByRole('heading', { level: 1, name: 'Mesa de corrupción' }).waitFor();
    const me = await n.page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user).toMatchObject({ name: 'Rosa Medina', email: 'rosa.medina@fgr.test', organizationId: h.world.orgs.FGR.id });
    expect(me.memberships).toEqual([expect.objectContaining({ workspaceId, role: 'member' })]);
    expect(cut).toBe(2);
    expect(n.errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET/.test(e))).toEqual([]);
    await n.context.close();
  });

  it('someone who has an account is sent to sign in and back to the link', async () => {
    const lucia = await h.world.user('Lucía Ramos', 'SSPC', { isAdmin: true });
    const tomas = await h.world.user('Tomás Díaz', 'FGE-CHIH');
    const workspaceId = await h.world.workspace(lucia.api, 'Mesa de lavado');
    const forNewcomer = (await lucia.api.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'observer', organizationId: h.world.orgs.FGR.id })).body.invitation;
    const plain = (await lucia.api.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'member' })).body.invitation;

    // Signing up with an email that has an account says to sign in instead, and the link there comes back.
    const t = await signedOutPage();
    await t.page.goto(`${h.base}${forNewcomer.path}`);
    const form = t.page.getByTestId('invite-sign-up');
    await form.getByLabel('Nombre completo').fill('Tomás Díaz');
    await form.getByLabel('Correo electrónico').fill(tomas.email);
    await form.getByLabel(/^Contraseña/).fill(PASSWORD);
    await form.getByLabel('Repita la contraseña').fill(PASSWORD);
    await form.getByRole('button', { name: 'Crear cuenta y unirme' }).click();
    const taken = t.page.getByTestId('invite-email-taken');
    await taken.getByText('Ya existe una cuenta con ese correo. Inicie sesión con ella y vuelva a abrir este enlace').waitFor();
    expect(await seriousViolations(t.page), 'email taken').toEqual([]);
    await form.getByRole('link', { name: 'Inicie sesión' }).click();
    await t.page.waitForURL(`${h.base}/login?next=${encodeURIComponent(forNewcomer.path)}`);
    await t.page.getByLabel('Correo electrónico').fill(tomas.email);
    await t.page.getByLabel('Contraseña').fill(PASSWORD);
    await t.page.getByRole('button', { name: 'Entrar' }).click();
    await t.page.waitForURL(`${h.base}${forNewcomer.path}`);
    await t.page.getByText('Se unirá como Tomás Díaz · FGE-CHIH.', { exact: false }).waitFor();
    expect(t.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await t.context.close();

    // A link for people who have an account, opened signed out: a clear way to sign in, no form.
    const p = await signedOutPage();
    await p.page.goto(`${h.base}${plain.path}`);
    await p.page.getByTestId('invite-sign-in-first').getByText('Para unirse, inicie sesión con su cuenta de Enlace', { exact: false }).waitFor();
    expect(await p.page.getByTestId('invite-sign-up').count()).toBe(0);
    expect(await seriousViolations(p.page), 'sign in first').toEqual([]);
    await p.page.getByTestId('invitation').getByRole('link', { name: 'Iniciar sesión' }).click();
    await p.page.waitForURL(`${h.base}/login?next=${encodeURIComponent(plain.path)}`);
    await p.context.close();
    // Nothing was used up on the way.
    const listed = (await new Api(h.server.url, lucia.api.token).get(`/api/workspaces/${workspaceId}/invitations`)).body.invitations;
    expect(listed.map((i: { status: string }) => i.status)).toEqual(['pending', 'pending']);
  });
});
