/**
 * The follow-up actions page: every action of the group across its decisions, open ones first by due date, filtered
 * in the address, changed and edited in place by members, read-only for observers, and following changes live.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('follow-up actions page', () => {
  const h = useBrowserWorld();

  it('lists the group’s actions with their decisions, filters them in the address, and follows changes live', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const obs = await world.user('Omar Observador', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de armas de fuego');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    await world.addMember(ws, fac.api, obs.id, 'observer');
    const d1 = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Mapa de rutas de tráfico de armas' })).body.decision;
    const d2 = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Capacitación en rastreo' })).body.decision;
    const late = (await fac.api.post(`/api/decisions/${d1.id}/actions`, { title: 'Enviar registros de aseguramientos', ownerOrganizationId: world.orgs.SSPC.id, assigneeId: ana.id, dueDate: '2020-01-15' })).body.action;
    await fac.api.post(`/api/decisions/${d2.id}/actions`, { title: 'Reservar sede del taller', ownerOrganizationId: world.orgs.UNODC.id, dueDate: '2099-03-01' });
    const finished = (await fac.api.post(`/api/decisions/${d2.id}/actions`, { title: 'Convocar a las fiscalías', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2020-02-01' })).body.action;
    expect((await fac.api.patch(`/api/actions/${finished.id}`, { status: 'done' })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.base}/w/${ws}`);
    await page.getByRole('navigation', { name: 'Secciones de la mesa' }).getByRole('link', { name: 'Acciones' }).click();
    await page.waitForURL(`${h.base}/w/${ws}/actions`);
    const rows = page.getByTestId('action-row');
    // Open ones by default, the earliest due first; each names its decision.
    await page.getByRole('heading', { name: '2 acciones' }).waitFor();
    expect(await rows.locator('.item-title').allInnerTexts()).toEqual(['Enviar registros de aseguramientos', 'Reservar sede del taller']);
    const first = rows.first();
    expect(await first.locator('.item-meta').first().innerText()).toContain('A cargo de Ana Torres');
    expect(await first.locator('.tag-overdue').innerText()).toBe('Vencida');
    expect(await first.getByTestId('action-decision').innerText()).toBe('D-1 · Mapa de rutas de tráfico de armas');
    expect(await seriousViolations(page)).toEqual([]);
    // The list as shown goes to a spreadsheet: UTF-8 with its mark, one line per action.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('actions-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^acciones-de-seguimiento-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFAcción,Decisión,Título de la decisión,Institución responsable,Persona responsable,Fecha límite,Estado,Vencida',
      'Enviar registros de aseguramientos,D-1,Mapa de rutas de tráfico de armas,SSPC,Ana Torres,2020-01-15,Abierta,Sí',
      'Reservar sede del taller,D-2,Capacitación en rastreo,UNODC,,2099-03-01,Abierta,',
      '',
    ]);

    // The workshop moves: Ana edits its due date and takes it on herself, in place.
    await page.getByRole('button', { name: 'Editar «Reservar sede del taller»' }).click();
    const editor = page.getByRole('form', { name: 'Editar «Reservar sede del taller»' });
    expect(await editor.getByLabel(/^Acción/).inputValue()).toBe('Reservar sede del taller');
    expect(await editor.getByLabel(/^Acción/).evaluate((el) => el === document.activeElement)).toBe(true);
    await editor.getByLabel(/^Fecha límite/).fill('2099-02-01');
    await editor.getByLabel('Persona responsable (opcional)').selectOption({ label: 'Ana Torres' });
    await editor.getByRole('button', { name: 'Guardar' }).click();
    await editor.waitFor({ state: 'detached', timeout: 5000 });
    // The keyboard is back where the editor was opened.
    expect(await page.getByRole('button', { name: 'Editar «Reservar sede del taller»' }).evaluate((el) => el === document.activeElement)).toBe(true);
    const workshop = rows.filter({ hasText: 'Reservar sede del taller' });
    await expect.poll(() => workshop.locator('.item-meta').first().innerText(), { timeout: 5000 }).toContain('A cargo de Ana Torres');
    expect(await workshop.locator('.action-due').innerText()).toBe('Vence el 1 feb 2099');
    const audit = (await fac.api.get(`/api/workspaces/${ws}/audit`)).body.events.find((e: { action: string; changes?: { dueDate?: unknown } }) => e.action === 'action.updated' && e.changes?.dueDate);
    expect(audit.changes).toEqual({ dueDate: { from: '2099-03-01', to: '2099-02-01' }, assigneeId: { from: null, to: ana.id } });

    // Filters go to the address and come back from it.
    await page.getByLabel('Solo a mi cargo (mías o de mi institución)').check();
    await page.waitForURL(`${h.base}/w/${ws}/actions?mine=1`);
    expect(await rows.locator('.item-title').allInnerTexts()).toEqual(['Enviar registros de aseguramientos', 'Reservar sede del taller']);
    await page.getByLabel('Solo a mi cargo (mías o de mi institución)').uncheck();
    await page.getByLabel('Estado', { exact: true }).selectOption('done');
    await page.waitForURL(`${h.base}/w/${ws}/actions?status=done`);
    await page.reload();
    await page.getByRole('heading', { name: '1 acción' }).waitFor();
    expect(await rows.locator('.item-title').allInnerTexts()).toEqual(['Convocar a las fiscalías']);
    await page.getByLabel('Estado', { exact: true }).selectOption('open');
    await page.waitForURL(`${h.base}/w/${ws}/actions`);

    // Someone adds an action elsewhere: it appears without a reload.
    await fac.api.post(`/api/decisions/${d1.id}/actions`, { title: 'Cruzar registros con la FGR', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-01-10' });
    // (The workshop's is 2099-02-01 now.)
    await page.getByRole('heading', { name: '3 acciones' }).waitFor({ timeout: 5000 });
    expect(await rows.locator('.item-title').allInnerTexts()).toEqual(['Enviar registros de aseguramientos', 'Cruzar registros con la FGR', 'Reservar sede del taller']);

    // Ana marks hers done in place: stored, and it leaves the open list.
    await page.getByLabel('Estado de «Enviar registros de aseguramientos»').selectOption('done');
    await page.getByRole('heading', { name: '2 acciones' }).waitFor({ timeout: 5000 });
    expect((await fac.api.get(`/api/decisions/${d1.id}`)).body.actions.find((a: { id: string }) => a.id === late.id).status).toBe('done');
    expect(errors).toEqual([]);
    await close();

    // An observer reads the statuses, and changes none.
    const o = await newSignedInPage(h.browser, h.base, obs, { viewport: { width: 1280, height: 900 } });
    await o.page.goto(`${h.base}/w/${ws}/actions?status=all`);
    await o.page.getByRole('heading', { name: '4 acciones' }).waitFor();
    expect(await o.page.locator('select.action-status').count()).toBe(0);
    expect(await o.page.getByTestId('action-row').locator('.status').allInnerTexts()).toEqual(['Hecha', 'Hecha', 'Abierta', 'Abierta']);
    expect(o.errors).toEqual([]);
    await o.close();
  });
});
