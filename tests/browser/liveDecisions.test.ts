/** A decision proposed by someone else appears on an open decision log without a reload; its page takes follow-up actions. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { workingDay } from '../../shared/calendar.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('live decision log', () => {
  const h = useBrowserWorld();

  it('shows a decision created by another member without reloading', async () => {
    const { world } = h;
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, ana.id, 'member', true);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    await page.getByTestId('decision-list').or(page.getByRole('heading', { level: 1 })).first().waitFor();
    // An empty log says how to start it (Ana may propose).
    await page.getByText('Aún no hay decisiones en esta mesa. Proponga la primera con el formulario «Proponer una decisión».').waitFor();
    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);

    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Intercambio de tipologías de lavado' });
    expect(created.status).toBe(201);
    await page.getByText('Intercambio de tipologías de lavado').waitFor({ timeout: 5000 });
    await expect(page.getByText('D-1').first().isVisible()).resolves.toBe(true);
    expect(navigations).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('adds a follow-up action owned by the institution picked in the owner dropdown', async () => {
    const { world } = h;
    const fac = await world.user('Fernando Facilitador', 'UNODC');
    const alma = await world.user('Alma Ortiz', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, alma.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Mapa de riesgos financieros' });
    expect(created.status).toBe(201);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, alma);
    await page.goto(`${h.base}/w/${ws}/decisions/${created.body.decision.id}`);
    await page.getByRole('heading', { level: 1, name: 'Mapa de riesgos financieros' }).waitFor();
    await page.getByText('Sin acciones todavía. Agregue la primera abajo: qué se hará, qué institución responde y para cuándo.').waitFor();
    await page.getByLabel(/^Acción/).fill('Enviar tipologías a la UIF');
    // The wording has a row of its own; the row under it holds the dropdowns and date, whose three labels line up.
    const labelTops = await page.locator('form.inline-form .field-row > .field > label').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(labelTops).toHaveLength(4);
    expect(new Set(labelTops.slice(1)).size, `label tops ${labelTops.join(', ')}`).toBe(1);
    expect(labelTops[0]).toBeLessThan(labelTops[1]);
    const owner = page.getByLabel(/^Institución responsable/);
    // Required: it starts at "Elija…" and lists the directory as "ACRONYM · Name".
    expect(await owner.locator('option:checked').innerText()).toBe('Elija…');
    const fgr = owner.locator('option', { hasText: /^FGR · / });
    await owner.selectOption({ label: await fgr.innerText() });
    await page.getByLabel(/^Fecha límite/).fill('2027-03-31');
    await page.getByRole('button', { name: 'Agregar', exact: true }).click();
    const item = page.locator('.item').filter({ hasText: 'Enviar tipologías a la UIF' });
    await item.waitFor({ timeout: 5000 });
    expect(await item.innerText()).toContain('FGR');
    const stored = (await fac.api.get(`/api/decisions/${created.body.decision.id}`)).body.actions;
    expect(stored.map((a: { title: string; ownerOrganizationId: string }) => [a.title, a.ownerOrganizationId])).toEqual([['Enviar tipologías a la UIF', world.orgs.FGR.id]]);
    // The facilitator agrees it; the history says so in words, not as raw status values.
    expect((await fac.api.patch(`/api/decisions/${created.body.decision.id}`, { status: 'agreed' })).status).toBe(200);
    await page.locator('ol.history').getByText('Estado: Propuesta → Acordada').waitFor({ timeout: 5000 });
    expect(await page.locator('ol.history').innerText()).toContain('Fernando Facilitador');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows each decision’s progress in the log, following stances and actions as they are recorded', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Mapa de riesgos financieros' })).body.decision;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    const item = page.getByTestId('decision-list').locator('li').filter({ hasText: 'Mapa de riesgos financieros' });
    // UNODC and SSPC take part; nobody has cast a stance yet, and there are no actions.
    await expect.poll(() => item.getByTestId('decision-stance-progress').innerText()).toBe('Posturas: 0 de 2');
    expect(await item.getByTestId('decision-action-progress').count()).toBe(0);
    // Ana's organization casts its stance, and the facilitator adds two actions, one of them already late.
    expect((await ana.api.put(`/api/decisions/${d.id}/stances/${world.orgs.SSPC.id}`, { stance: 'agree' })).status).toBe(200);
    await expect.poll(() => item.getByTestId('decision-stance-progress').innerText(), { timeout: 5000 }).toBe('Posturas: 1 de 2');
    await fac.api.post(`/api/decisions/${d.id}/actions`, { title: 'Enviar directorio', ownerOrganizationId: world.orgs.SSPC.id, dueDate: '2020-01-15' });
    await fac.api.post(`/api/decisions/${d.id}/actions`, { title: 'Reservar sede', ownerOrganizationId: world.orgs.UNODC.id, dueDate: '2099-01-01' });
    await expect.poll(() => item.getByTestId('decision-action-progress').innerText(), { timeout: 5000 }).toBe('2 acciones abiertas 1 vencida');
    expect((await fac.api.put(`/api/decisions/${d.id}/stances/${world.orgs.UNODC.id}`, { stance: 'agree' })).status).toBe(200);
    await expect.poll(() => item.getByTestId('decision-stance-progress').getAttribute('class'), { timeout: 5000 }).toBe('decision-progress-complete');
    expect(await item.getByTestId('decision-stance-progress').innerText()).toBe('Posturas: 2 de 2');
    // The log as shown goes to a spreadsheet, with each decision's progress.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('decisions-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^registro-de-decisiones-\d{4}-\d{2}-\d{2}\.csv$/);
    expect((await readFile((await download.path()) ?? '', 'utf8')).split('\r\n')).toEqual([
      '\uFEFFReferencia,Título,Estado,Institución responsable,Fecha límite,Posturas emitidas,Instituciones que emiten postura,Acciones abiertas,Acciones vencidas,Propuesta el',
      `D-1,Mapa de riesgos financieros,Propuesta,,,2,2,2,1,${workingDay(new Date(d.createdAt))}`,
      '',
    ]);
    expect(errors).toEqual([]);
    await close();
  });
});
