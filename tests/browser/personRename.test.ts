/**
 * Correcting a misspelt name in Chromium: an instance admin renames a person on the admin page, or the person renames
 * themselves from their account menu, and a facilitator's open group page shows the new name in its member list at
 * once, without a reload.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('renaming a person', () => {
  const h = useBrowserWorld();

  it('an admin corrects a name; the group page open elsewhere follows', async () => {
    const fabi = await h.world.user('Fabiola Guía', 'SSPC');
    const mario = await h.world.user('Maro Ezcrito', 'FGR');
    const ws = await h.world.workspace(fabi.api, 'Mesa de nombres');
    await h.world.addMember(ws, fabi.api, mario.id, 'member');

    const group = await newSignedInPage(h.browser, h.base, fabi, { viewport: { width: 1280, height: 900 } });
    await group.page.goto(`${h.base}/w/${ws}`);
    const members = group.page.getByTestId('member-list');
    await members.getByText('Maro Ezcrito').waitFor();

    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' }, { viewport: { width: 1280, height: 900 } });
    await admin.page.goto(`${h.base}/admin`);
    const row = admin.page.getByTestId('admin-people').locator('tr', { hasText: mario.email });
    await row.getByRole('button', { name: 'Cambiar nombre de Maro Ezcrito' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Cambiar nombre de Maro Ezcrito' });
    const field = dialog.getByLabel('Nombre completo');
    expect(await field.inputValue()).toBe('Maro Ezcrito');
    // The same name again changes nothing: nothing to save.
    expect(await dialog.getByRole('button', { name: 'Guardar nombre' }).isDisabled()).toBe(true);
    await field.fill('  Mario Escrito ');
    expect(await seriousViolations(admin.page), 'the rename dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Guardar nombre' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Said in the row it changed (adminConfirmations.test.ts); the name cell itself reads the new name.
    await row.getByRole('status').getByText('Maro Ezcrito se llama ahora Mario Escrito.').waitFor();
    await row.getByText('Mario Escrito', { exact: true }).waitFor();
    // Every button of the row says whose account it changes, its visible text included.
    expect(await seriousViolations(admin.page), 'the people list').toEqual([]);
    expect((await mario.api.get('/api/me')).body.user.name).toBe('Mario Escrito');

    // The facilitator's page, open all along, follows.
    await members.getByText('Mario Escrito').waitFor({ timeout: 10_000 });
    expect(await members.getByText('Maro Ezcrito').count()).toBe(0);
    expect(admin.errors).toEqual([]);
    expect(group.errors).toEqual([]);
    await admin.close();
    await group.close();
  });

  it('a person corrects their own name from the account menu', async () => {
    const fabi = await h.world.user('Fabiola Mesa', 'SSPC');
    const lucia = await h.world.user('Lucía Ortíz', 'FGR');
    const ws = await h.world.workspace(fabi.api, 'Mesa de nombres propios');
    await h.world.addMember(ws, fabi.api, lucia.id, 'member');

    const group = await newSignedInPage(h.browser, h.base, fabi, { viewport: { width: 1280, height: 900 } });
    await group.page.goto(`${h.base}/w/${ws}`);
    const members = group.page.getByTestId('member-list');
    await members.getByText('Lucía Ortíz').waitFor();

    const own = await newSignedInPage(h.browser, h.base, lucia, { viewport: { width: 1280, height: 900 } });
    const menu = own.page.locator('.app-header details.menu summary', { hasText: 'Lucía Ortíz' });
    await menu.click();
    await own.page.getByRole('button', { name: 'Cambiar mi nombre' }).click();
    const dialog = own.page.getByRole('dialog', { name: 'Cambiar su nombre' });
    const field = dialog.getByLabel('Nombre completo');
    expect(await field.inputValue()).toBe('Lucía Ortíz');
    // An empty name is refused before anything is sent.
    await field.fill('   ');
    await dialog.getByRole('button', { name: 'Guardar nombre' }).click();
    await dialog.getByText('Este campo es obligatorio.').waitFor();
    await field.fill(' Lucía Ortiz ');
    expect(await seriousViolations(own.page), 'the name dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Guardar nombre' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await own.page.getByText('Ahora se llama Lucía Ortiz.').waitFor();
    await own.page.locator('.app-header .user-name', { hasText: /^Lucía Ortiz$/ }).waitFor();
    expect((await lucia.api.get('/api/me')).body.user.name).toBe('Lucía Ortiz');
    const trail = (await h.world.admin.get('/api/audit?action=user.updated')).body.events as Array<{ target: { id: string }; changes: unknown }>;
    expect(trail.filter((e) => e.target.id === lucia.id).map((e) => e.changes)).toEqual([{ name: { from: 'Lucía Ortíz', to: 'Lucía Ortiz' } }]);

    await members.getByText('Lucía Ortiz').waitFor({ timeout: 10_000 });
    expect(await members.getByText('Lucía Ortíz').count()).toBe(0);
    expect(own.errors).toEqual([]);
    expect(group.errors).toEqual([]);
    await own.close();
    await group.close();
  });
});
