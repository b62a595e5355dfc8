/**
 * An open decision's wording, owner and due date are edited on its page by its proposer or a facilitator, never by
 * other members; a change someone else made meanwhile is said before it is overwritten; the history keeps both.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('rewording a decision', () => {
  const h = useBrowserWorld();

  it('lets the proposer reword it, says when someone else changed it meanwhile, and stops once it is closed', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    await world.addMember(ws, fac.api, beto.id, 'member', true);
    const d = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de identificacion', body: 'Adoptar el protocolo.' })).body.decision;
    const url = `${h.base}/w/${ws}/decisions/${d.id}`;

    // Another member reads it, and is offered no way to reword it.
    const b = await newSignedInPage(h.browser, h.base, beto);
    await b.page.goto(url);
    await b.page.getByRole('heading', { level: 1, name: 'Protocolo de identificacion' }).waitFor();
    expect(await b.page.getByRole('button', { name: 'Editar la propuesta' }).count()).toBe(0);
    await b.close();

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.getByRole('button', { name: 'Editar la propuesta' }).click();
    const form = page.getByTestId('decision-editor');
    const title = form.getByLabel(/^Título/);
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    await title.fill('Protocolo común de identificación de víctimas');
    // The facilitator rewords the text meanwhile: Ana is told before anything is overwritten, and takes theirs.
    expect((await fac.api.patch(`/api/decisions/${d.id}`, { body: 'Adoptar el protocolo en las tres fiscalías.' })).status).toBe(200);
    await form.getByText('Otra persona cambió la propuesta mientras usted la editaba.', { exact: false }).waitFor({ timeout: 5000 });
    expect(await form.getByRole('button', { name: 'Guardar de todos modos' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Cargar la versión actual' }).click();
    expect(await form.getByLabel('Texto de la propuesta').inputValue()).toBe('Adoptar el protocolo en las tres fiscalías.');
    expect(await title.inputValue()).toBe('Protocolo de identificacion');
    await title.fill('Protocolo común de identificación de víctimas');
    await form.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Protocolo común de identificación de víctimas' }).waitFor({ timeout: 5000 });
    expect(await form.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Editar la propuesta' }).evaluate((el) => el === document.activeElement)).toBe(true);
    const stored = (await fac.api.get(`/api/decisions/${d.id}`)).body.decision;
    expect([stored.title, stored.body]).toEqual(['Protocolo común de identificación de víctimas', 'Adoptar el protocolo en las tres fiscalías.']);
    await page.locator('ol.history').getByText('Título: Protocolo de identificacion → Protocolo común de identificación de víctimas', { exact: false }).waitFor({ timeout: 5000 });

    // Who answers for it and by when are set the same way.
    await page.getByRole('button', { name: 'Editar la propuesta' }).click();
    await form.getByLabel('Institución responsable').selectOption({ label: 'FGR · FGR' });
    await form.getByLabel('Fecha límite').fill('2099-03-31');
    await form.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.locator('.page-head').getByText('Vence el 31 mar 2099').waitFor({ timeout: 5000 });
    expect(await page.locator('.page-head').innerText()).toContain('FGR');
    expect((await fac.api.get(`/api/decisions/${d.id}`)).body.decision).toMatchObject({ ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-03-31' });
    await expect.poll(() => page.locator('ol.history').innerText(), { timeout: 5000 }).toContain('Fecha límite: — → 31 mar 2099\nInstitución responsable: — → FGR');

    // Agreed, its wording is final: the button goes, live.
    expect((await fac.api.patch(`/api/decisions/${d.id}`, { status: 'agreed' })).status).toBe(200);
    await page.getByRole('button', { name: 'Editar la propuesta' }).waitFor({ state: 'detached', timeout: 5000 });
    expect(errors).toEqual([]);
    await close();
  });
});
