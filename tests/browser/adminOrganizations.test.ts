/**
 * Organizations and members in the web app, in Spanish: an admin renames an organization from the admin page's list,
 * a duplicate acronym is refused with the name of the organization that has it, a state or municipal organization
 * without its state is warned about (not refused) beside the state picker, and a facilitator who adds a member
 * is told who was added as what, with the form ready for the next person (and no focal point for an observer).
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('organizations and members in the web app', () => {
  const h = useBrowserWorld();

  it('edits an organization’s name in the admin page, and refuses a duplicate acronym in the interface’s language', async () => {
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    const { page } = admin;
    await page.goto(`${h.base}/admin`);
    const list = page.getByTestId('admin-organizations');
    await list.waitFor();

    await list.getByRole('button', { name: 'Editar FGR' }).click();
    const edit = page.getByTestId('organization-edit-form');
    await edit.getByRole('heading', { name: 'Editar FGR' }).waitFor();
    const name = edit.getByLabel('Nombre de la institución');
    expect(await name.inputValue()).toBe('FGR');
    await name.fill('Fiscalía General de la República');
    await edit.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect.poll(() => list.locator('tr', { hasText: 'FGR' }).first().innerText(), { timeout: 10_000 }).toContain('Fiscalía General de la República');
    expect(await edit.count()).toBe(0);
    expect((await h.world.admin.get('/api/organizations')).body.organizations.find((o: { id: string }) => o.id === h.world.orgs.FGR.id).name).toBe('Fiscalía General de la República');

    const create = page.getByTestId('organization-form');
    await create.getByLabel('Nombre de la institución').fill('Otra fiscalía');
    await create.getByLabel('Siglas').fill(' fgr ');
    await create.getByRole('button', { name: 'Agregar institución' }).click();
    const alert = create.getByRole('alert');
    await alert.getByText('Ya existe una institución con las siglas FGR: Fiscalía General de la República').waitFor();
    expect(await alert.innerText()).toContain('Si es otra institución con las mismas siglas, pulse «Agregar institución» de nuevo.');
    // Nothing was added yet: the list still has one FGR.
    expect(await list.locator('tr', { hasText: 'FGR' }).count()).toBe(1);
    // Asked again, it is another agency with the same acronym: created.
    await create.getByRole('button', { name: 'Agregar institución' }).click();
    await expect.poll(() => list.locator('tr', { hasText: 'Otra fiscalía' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await list.locator('tr', { hasText: 'FGR' }).count()).toBe(2);

    // The edit form refuses it too, for another organization.
    await list.getByRole('button', { name: 'Editar SSPC' }).click();
    await edit.getByLabel('Siglas').fill('FGR');
    await edit.getByRole('button', { name: 'Guardar cambios' }).click();
    await edit.getByRole('alert').getByText('Ya existe una institución con las siglas FGR: Fiscalía General de la República').waitFor();

    expect(admin.errors.filter((e) => !e.includes('409'))).toEqual([]);
    await admin.close();
  });

  it('confirms who was added as what, and resets the person and the role; an observer gets no focal-point checkbox', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const bruno = await world.user('Bruno Salas', 'FGR');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    const facilitator = await newSignedInPage(h.browser, h.base, { email: ana.email });
    const { page } = facilitator;
    await page.goto(`${h.base}/w/${ws}`);
    const form = page.getByTestId('member-manager').locator('form');
    const status = form.getByRole('status');
    await page.getByTestId('add-member-user').selectOption(bruno.id);
    const role = form.getByLabel('Rol', { exact: true });
    const focal = form.getByLabel('Punto focal de su institución (emite la postura institucional)');
    await focal.check();
    await role.selectOption('observer');
    expect(await focal.isDisabled()).toBe(true);
    expect(await focal.isChecked()).toBe(false);
    await form.getByText('Quien tiene el rol de Observación no puede ser punto focal: no emite posturas ni aprueba versiones.').waitFor();
    expect(await status.innerText()).toBe('');

    await form.getByRole('button', { name: 'Agregar', exact: true }).click();
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe('Se agregó a Bruno Salas con el rol Observación.');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await page.getByTestId('add-member-user').inputValue()).toBe('');
    expect(await role.inputValue()).toBe('member');
    expect(await focal.isDisabled()).toBe(false);
    await expect.poll(() => page.getByTestId('member-list').innerText(), { timeout: 10_000 }).toContain('Bruno Salas');
    // His row in the member editor offers no focal point either, until he is given a voting role.
    const rowFocal = page.getByLabel('Bruno Salas es punto focal');
    expect(await rowFocal.isDisabled()).toBe(true);
    await page.getByLabel('Rol de Bruno Salas').selectOption('member');
    expect(await rowFocal.isDisabled()).toBe(false);
    const members = (await ana.api.get(`/api/workspaces/${ws}`)).body.members;
    expect(members.find((m: { userId: string }) => m.userId === bruno.id)).toMatchObject({ role: 'observer', focalPoint: false });

    expect(facilitator.errors).toEqual([]);
    await facilitator.close();
  });

  it('tells an instance admin with no group yet, and a facilitator missing someone, where accounts are made', async () => {
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    await admin.page.goto(`${h.base}/`);
    // The first admin after setup: no group yet, and accounts come before members.
    await admin.page.getByText('Aún no participa en ninguna mesa. Cree la primera con «Crear una mesa»; para sumar a otras personas, cree antes sus cuentas en Administración.').waitFor({ timeout: 10_000 });
    const ws = await h.world.workspace(h.world.admin, 'Mesa de la administradora');
    await admin.page.goto(`${h.base}/w/${ws}`);
    const hint = admin.page.getByTestId('add-member-missing');
    await hint.waitFor({ timeout: 10_000 });
    expect(await hint.innerText()).toBe('¿Falta alguien? Cree su cuenta en Administración y vuelva aquí para agregarla. Ir a Administración');
    await hint.getByRole('link', { name: 'Ir a Administración' }).click();
    await admin.page.getByTestId('admin-organizations').waitFor({ timeout: 10_000 });
    expect(new URL(admin.page.url()).pathname).toBe('/admin');
    await admin.close();

    // A facilitator who is not an admin is told whom to ask, and about invitation links.
    const eva = await h.world.user('Eva Lara', 'SSPC');
    const mesa = await h.world.workspace(eva.api, 'Mesa de Eva');
    const facilitator = await newSignedInPage(h.browser, h.base, { email: eva.email });
    await facilitator.page.goto(`${h.base}/w/${mesa}`);
    const told = facilitator.page.getByTestId('add-member-missing');
    await told.waitFor({ timeout: 10_000 });
    expect(await told.innerText()).toContain('las crea la administración de la instancia');
    expect(await told.getByRole('link').count()).toBe(0);
    expect(facilitator.errors).toEqual([]);
    await facilitator.close();
  });

  it('warns of a state or municipal organization with no state beside the state picker, and still saves it, in Spanish and English', async () => {
    const sinEstado = (await h.world.admin.post('/api/organizations', { name: 'Fiscalía sin entidad', acronym: 'FGE-SIN', level: 'state' })).body.organization.id as string;
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' }, { viewport: { width: 1280, height: 900 } });
    const { page } = admin;
    await page.goto(`${h.base}/admin`);
    const form = page.getByTestId('organization-form');
    const level = form.getByLabel('Nivel');
    const state = form.getByLabel('Entidad federativa (INEGI)');
    const warning = form.getByTestId('state-missing');
    const stateSaid = 'Una institución estatal suele tener su entidad federativa: elíjala aquí para que se sepa de qué estado es. Puede guardarse sin ella.';
    await level.waitFor();
    // Federal: the state stays an optional field, with its hint.
    expect(await warning.count()).toBe(0);
    expect(await form.getByText('Opcional; para instituciones estatales o municipales.').count()).toBe(1);

    await level.selectOption('state');
    expect(await warning.innerText()).toBe(stateSaid);
    expect(await warning.getAttribute('role')).toBe('status');
    expect(await state.getAttribute('aria-describedby')).toBe(await warning.getAttribute('id'));
    expect(await state.getAttribute('class')).toContain('control-warning');
    // A warning, not an error: the picker is not marked invalid.
    expect(await state.getAttribute('aria-invalid')).toBeNull();
    // The picker is beside the level just chosen, on its row.
    expect(Math.round((await state.boundingBox())!.y)).toBe(Math.round((await level.boundingBox())!.y));
    await state.selectOption('08');
    expect(await warning.count()).toBe(0);
    await state.selectOption('');
    await level.selectOption('municipal');
    expect(await warning.innerText()).toBe('Una institución municipal está en una entidad federativa: elíjala aquí para que se sepa de qué estado es. Puede guardarse sin ella.');

    // Saved without a state all the same: the API keeps it optional.
    await level.selectOption('state');
    await form.getByLabel('Nombre de la institución').fill('Secretaría estatal sin entidad');
    await form.getByLabel('Siglas').fill('SE-SIN');
    await form.getByRole('button', { name: 'Agregar institución' }).click();
    const list = page.getByTestId('admin-organizations');
    await list.locator('tr', { hasText: 'Secretaría estatal sin entidad' }).waitFor({ timeout: 10_000 });
    const stored = (await h.world.admin.get('/api/organizations')).body.organizations.find((o: { acronym: string }) => o.acronym === 'SE-SIN');
    expect(stored).toMatchObject({ level: 'state', stateCode: null });

    // Editing one already saved without its state warns at once; choosing it there saves it.
    await list.getByRole('button', { name: 'Editar FGE-SIN' }).click();
    const edit = page.getByTestId('organization-edit-form');
    expect(await edit.getByTestId('state-missing').innerText()).toBe(stateSaid);
    await edit.getByLabel('Entidad federativa (INEGI)').selectOption('08');
    expect(await edit.getByTestId('state-missing').count()).toBe(0);
    await edit.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect.poll(() => list.locator('tr', { hasText: 'FGE-SIN' }).innerText(), { timeout: 10_000 }).toContain('Chihuahua');
    expect((await h.world.admin.get('/api/organizations')).body.organizations.find((o: { id: string }) => o.id === sinEstado).stateCode).toBe('08');

    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByTestId('organization-form');
    await english.getByLabel('Level').selectOption('state');
    expect(await english.getByTestId('state-missing').innerText()).toBe('A state organization usually belongs to a state: choose it here so everyone can tell which one. It can be saved without it.');
    await english.getByLabel('Level').selectOption('municipal');
    expect(await english.getByTestId('state-missing').innerText()).toBe('A municipal organization is in a state: choose it here so everyone can tell which one. It can be saved without it.');
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
