/**
 * A decision page during a live meeting: a facilitator's unsaved status pick survives stances arriving from
 * others; recording a stance by keyboard leaves focus on the stance; arrowing through an action's status saves
 * only where the person stops; the history shows stances as they changed; observers get no empty form column, on the
 * decision nor on the list of decisions.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 15_000;

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}#${el.id}`;
  });

describe('a decision during a live meeting', () => {
  const h = useBrowserWorld();

  it('keeps unsaved picks, focus and saves where the keyboard stops; shows stance history; no empty column for observers', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const pablo = await world.user('Pablo Nunez', 'FGR');
    const oscar = await world.user('Oscar Vega', 'MUN-JUAREZ');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    await world.addMember(ws, ana.api, pablo.id, 'member', true);
    await world.addMember(ws, ana.api, oscar.id, 'observer');
    const d = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de rastreo' })).body.decision.id;
    const action = (await ana.api.post(`/api/decisions/${d}/actions`, { title: 'Enviar oficio', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-06-30' })).body.action.id;

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 1000 } });
    await a.page.goto(`${h.base}/w/${ws}/decisions/${d}`);
    const statusSelect = a.page.getByLabel('Estado', { exact: true });
    await statusSelect.selectOption('agreed');
    await a.page.getByText('Sin postura registrada', { exact: false }).first().waitFor();

    // Pablo records FGR's stance meanwhile: Ana's pick stays, and the warning now names FGR's objection.
    expect((await pablo.api.put(`/api/decisions/${d}/stances/${world.orgs.FGR.id}`, { stance: 'object', reason: 'Sin presupuesto' })).status).toBe(200);
    const fgrRow = a.page.locator(`tr[data-organization-id="${world.orgs.FGR.id}"]`);
    await fgrRow.locator('.stance').getByText('Objeción', { exact: true }).waitFor({ timeout: LIVE_MS });
    expect(await statusSelect.inputValue()).toBe('agreed');
    await expect.poll(() => a.page.getByTestId('agreement-warning').innerText(), { timeout: LIVE_MS }).toContain('Con objeción');
    expect(await a.page.getByRole('button', { name: 'Guardar' }).isEnabled()).toBe(true);

    // Another facilitator's change of status is named under the unsaved pick.
    expect((await ana.api.patch(`/api/decisions/${d}`, { status: 'deferred' })).status).toBe(200);
    await a.page.getByText('Sin guardar: otra persona cambió el estado a «Aplazada».').waitFor({ timeout: LIVE_MS });
    expect(await statusSelect.inputValue()).toBe('agreed');
    expect((await ana.api.patch(`/api/decisions/${d}`, { status: 'proposed' })).status).toBe(200);
    await statusSelect.selectOption('proposed');

    // Recording a stance by keyboard: focus stays on the stance once it is recorded, not on the page's top.
    const sspcRow = a.page.locator(`tr[data-organization-id="${world.orgs.SSPC.id}"]`);
    const stanceSelect = sspcRow.locator('select');
    await stanceSelect.focus();
    await a.page.keyboard.press('ArrowDown');
    await a.page.keyboard.press('Tab');
    await a.page.keyboard.type('Con fechas');
    await a.page.keyboard.press('Tab');
    await a.page.keyboard.press('Enter');
    await sspcRow.locator('.stance').getByText('De acuerdo', { exact: true }).waitFor({ timeout: LIVE_MS });
    const stanceSelectId = await stanceSelect.getAttribute('id');
    // The form moves focus before it asks for the reload that shows the recorded stance: by then focus is there.
    expect(await focused(a.page)).toBe(`select#${stanceSelectId}`);

    // Arrowing from "Abierta" to "Cancelada" passes "Hecha" without saving it; focus stays on the select.
    const patches: string[] = [];
    a.page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes(`/api/actions/${action}`)) patches.push(r.postData() ?? '');
    });
    const actionSelect = a.page.getByLabel('Estado de «Enviar oficio»');
    await actionSelect.focus();
    await a.page.keyboard.press('ArrowDown');
    await a.page.keyboard.press('ArrowDown');
    expect(await actionSelect.inputValue()).toBe('cancelled');
    await expect.poll(async () => (await ana.api.get(`/api/decisions/${d}`)).body.actions[0].status, { timeout: LIVE_MS }).toBe('cancelled');
    // Playwright may report the browser's request after the API already answers with its result: wait for the report.
    await expect.poll(() => patches.map((p) => JSON.parse(p).status), { timeout: LIVE_MS }).toEqual(['cancelled']);
    expect(await focused(a.page)).toBe(`select#${await actionSelect.getAttribute('id')}`);
    // Enter saves at once.
    await a.page.keyboard.press('ArrowUp');
    await a.page.keyboard.press('Enter');
    await expect.poll(async () => (await ana.api.get(`/api/decisions/${d}`)).body.actions[0].status, { timeout: LIVE_MS }).toBe('done');

    // An action can name the person who carries it; the owner organization's people come first,
    // grouped by institution.
    const add = a.page.locator('form', { has: a.page.getByRole('heading', { name: 'Agregar acción' }) });
    await add.getByLabel(/^Acción/).fill('Convocar a enlaces');
    await add.getByLabel(/^Institución responsable/).selectOption(world.orgs.FGR.id);
    const people = add.getByLabel('Persona responsable (opcional)');
    expect((await people.locator('option').allInnerTexts())[1]).toBe('Pablo Nunez');
    expect(await people.locator('optgroup').evaluateAll((groups) => groups.map((g) => (g as HTMLOptGroupElement).label))).toEqual(['FGR (institución responsable)', 'MUN-JUAREZ', 'SSPC']);
    // Someone of another institution may carry it, but the form says so before it is saved.
    await people.selectOption(ana.id);
    const note = add.getByText('Ana Torres es de SSPC, no de FGR: la acción sigue a cargo de FGR.');
    await note.waitFor();
    expect(await people.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
    // The note under one field leaves the row's fields level.
    expect((await people.boundingBox())!.y).toBe((await add.getByLabel(/^Fecha límite/).boundingBox())!.y);
    await people.selectOption(pablo.id);
    await note.waitFor({ state: 'detached' });
    await add.getByLabel(/^Fecha límite/).fill('2099-07-01');
    await add.getByRole('button', { name: 'Agregar' }).click();
    const added = a.page.getByTestId('action-item').filter({ hasText: 'Convocar a enlaces' });
    await added.getByText('A cargo de Pablo Nunez').waitFor({ timeout: LIVE_MS });
    expect((await ana.api.get(`/api/decisions/${d}`)).body.actions[1]).toMatchObject({ title: 'Convocar a enlaces', assigneeId: pablo.id });

    // The history shows the stances as they changed.
    const history = a.page.locator('ol.history');
    await expect.poll(() => history.innerText(), { timeout: LIVE_MS }).toContain('Postura de FGR: — → Objeción');
    expect(await history.innerText()).toContain('Postura de SSPC: — → De acuerdo · registrada por la facilitación');
    expect(a.errors).toEqual([]);
    await a.close();

    // An observer sees the stances without an empty column of forms.
    const o = await newSignedInPage(h.browser, h.base, oscar, { viewport: { width: 1280, height: 900 } });
    await o.page.goto(`${h.base}/w/${ws}/decisions/${d}`);
    const table = o.page.getByTestId('stances-table');
    await table.waitFor();
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Institución', 'Postura', 'Motivo']);
    // Nor on the list of decisions: the register spans the page's content width (at 1,280 px, beside a form it takes 3/5).
    await o.page.goto(`${h.base}/w/${ws}/decisions`);
    await o.page.getByTestId('decision-list').waitFor();
    const register = await o.page.getByTestId('decision-register').boundingBox();
    const content = await o.page.locator('h1').evaluate((h1) => {
      const page = h1.parentElement as HTMLElement;
      const style = getComputedStyle(page);
      return page.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
    expect(register?.width).toBeGreaterThan(content - 2);
    expect(o.errors).toEqual([]);
    await o.close();
  });
});
