/**
 * Correcting a misspelt name in Chromium: an instance admin renames a person on the admin page, and a facilitator's
 * open group page shows the new name in its member list at once, without a reload.
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
    await admin.page.getByText('Maro Ezcrito se llama ahora Mario Escrito.').waitFor();
    await row.getByText('Mario Escrito').waitFor();
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
});
