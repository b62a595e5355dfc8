/**
 * A 409 says which conflict it is and what to do, in the reader's language: the server names a reason
 * (`error.reason`) and the web app words it (it said "another change got there first" for a taken email).
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/api.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('conflict messages', () => {
  const h = useBrowserWorld();

  it('tells an admin that the email is taken, and a facilitator that the group needs another facilitator', async () => {
    const { world } = h;
    const bruno = await world.user('Bruno Salas', 'FGR');
    // The API names the reason of each conflict.
    const taken = await world.admin.post('/api/users', { email: bruno.email.toUpperCase(), name: 'Otro Bruno', password: PASSWORD, organizationId: world.orgs.FGR.id });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'conflict', reason: 'email_taken' });

    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    await admin.page.goto(`${h.base}/admin`);
    const form = admin.page.getByTestId('person-form');
    await form.getByLabel('Nombre completo').fill('Otro Bruno');
    await form.getByLabel('Correo electrónico').fill(bruno.email);
    await form.getByLabel('Contraseña inicial').fill(PASSWORD);
    await form.locator('select').selectOption(world.orgs.FGR.id);
    await form.getByRole('button', { name: 'Crear cuenta' }).click();
    // At the email field, which it is about.
    const said = form.locator('.field-error');
    await said.getByText('Ya existe una persona con ese correo.').waitFor();
    expect(await said.innerText()).toContain('Use otro correo, o búsquela en la lista de personas.');
    expect(await form.innerText()).not.toContain('Otro cambio se adelantó');
    expect(admin.errors.filter((e) => !e.includes('409'))).toEqual([]);
    await admin.close();

    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    const last = await ana.api.put(`/api/workspaces/${ws}/members/${ana.id}`, { role: 'member' });
    expect(last.status).toBe(409);
    expect(last.body.error.reason).toBe('last_facilitator');
  });
});
