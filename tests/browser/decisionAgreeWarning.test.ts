/** Marking a decision agreed while an organization objects, or others have not spoken, says so first (and still allows it). */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('agreeing over objections', () => {
  const h = useBrowserWorld();

  it('names who objects and who has no stance when "Acordada" is chosen', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const carla = await world.user('Carla Núñez', 'FGE-CHIH');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    await world.addMember(ws, ana.api, carla.id, 'member');
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de rastreo de armas' })).body.decision;
    expect((await beto.api.put(`/api/decisions/${decision.id}/stances/${world.orgs.FGR.id}`, { stance: 'object', reason: 'Falta presupuesto' })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    await page.getByRole('heading', { level: 1, name: 'Protocolo de rastreo de armas' }).waitFor();
    const select = page.getByLabel('Estado', { exact: true });
    const warning = page.getByTestId('agreement-warning');
    expect(await warning.count()).toBe(0);

    await select.selectOption('agreed');
    await warning.waitFor();
    const lines = await warning.locator('li').allInnerTexts();
    expect(lines[0]).toBe('Con objeción: FGR.');
    expect(lines[1]).toMatch(/^Sin postura registrada: /);
    expect(lines[1]).toContain('FGE-CHIH');
    expect(lines[1]).toContain('SSPC');
    expect(await select.getAttribute('aria-describedby')).toBe(await warning.getAttribute('id'));

    // Another status: no warning. Agreed anyway: the facilitator decides.
    await select.selectOption('deferred');
    await expect.poll(() => warning.count()).toBe(0);
    await select.selectOption('agreed');
    await page.getByRole('button', { name: 'Guardar' }).first().click();
    await expect.poll(async () => (await ana.api.get(`/api/decisions/${decision.id}`)).body.decision.status).toBe('agreed');
    await expect.poll(() => warning.count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('says that hidden stances may hold objections, and drops the "hidden" tag once the decision closes', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Rastreo conjunto', stanceVisibility: 'hidden_until_closed' })).body.decision;
    expect((await beto.api.put(`/api/decisions/${decision.id}/stances/${world.orgs.FGR.id}`, { stance: 'object', reason: 'Sin presupuesto' })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    await page.getByRole('heading', { level: 1, name: 'Rastreo conjunto' }).waitFor();
    const tag = page.locator('.page-head .tag', { hasText: 'Posturas ocultas hasta el cierre' });
    expect(await tag.count()).toBe(1);
    await page.getByLabel('Estado', { exact: true }).selectOption('agreed');
    const warning = page.getByTestId('agreement-warning');
    await warning.waitFor();
    const lines = await warning.locator('li').allInnerTexts();
    // The facilitator cannot see FGR's objection, but is told a hidden stance is there.
    expect(lines).toContain('Posturas ocultas hasta el cierre, que pueden incluir objeciones: FGR. Se mostrarán al cerrar la decisión.');
    expect(lines.some((l) => l.startsWith('Con objeción'))).toBe(false);
    await page.getByRole('button', { name: 'Guardar' }).first().click();
    await expect.poll(async () => (await ana.api.get(`/api/decisions/${decision.id}`)).body.decision.status).toBe('agreed');
    await expect.poll(() => tag.count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
