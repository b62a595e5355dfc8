/**
 * «Mis acciones» (/actions): one person's follow-up actions across their working groups, grouped by due state,
 * marked done in place, each linking to its decision with the action focused; live, and in English too.
 */
import { describe, expect, it } from 'vitest';
import { workingDay } from '../../shared/calendar.js';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 15_000;

describe('my actions across groups', () => {
  const h = useBrowserWorld();

  it('groups the actions of two groups by due state, marks one done in place, opens a decision focused on its action, follows changes live, and reads in English', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const arms = await world.workspace(fac.api, 'Mesa de armas');
    const trafficking = await world.workspace(fac.api, 'Mesa de trata');
    const foreign = await world.workspace(fac.api, 'Mesa ajena');
    await world.addMember(arms, fac.api, ana.id, 'member');
    await world.addMember(trafficking, fac.api, ana.id, 'member');
    const routes = (await fac.api.post(`/api/workspaces/${arms}/decisions`, { title: 'Mapa de rutas' })).body.decision;
    const shelters = (await fac.api.post(`/api/workspaces/${trafficking}/decisions`, { title: 'Red de albergues' })).body.decision;
    const elsewhere = (await fac.api.post(`/api/workspaces/${foreign}/decisions`, { title: 'Acuerdo ajeno' })).body.decision;
    const act = async (decisionId: string, title: string, dueDate: string, assigneeId?: string) => {
      const res = await fac.api.post(`/api/decisions/${decisionId}/actions`, { title, ownerOrganizationId: world.orgs.SSPC.id, dueDate, ...(assigneeId ? { assigneeId } : {}) });
      expect(res.status).toBe(201);
      return res.body.action.id as string;
    };
    const late = await act(routes.id, 'Enviar registros', '2020-01-15', ana.id);
    // Due today: this week, whatever day of the week the test runs on.
    const visit = await act(shelters.id, 'Visitar albergue', workingDay(), ana.id);
    const yearly = await act(routes.id, 'Informe anual', '2099-01-01', ana.id);
    await act(shelters.id, 'Cruzar datos', '2099-02-01');
    await act(elsewhere.id, 'Acción de una mesa ajena', '2020-01-01');

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mis acciones' }).click();
    await page.waitForURL(`${h.base}/actions`);
    await page.getByRole('heading', { level: 1, name: 'Mis acciones' }).waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.title()).toBe('Mis acciones · Enlace');
    await page.getByRole('heading', { name: '3 acciones' }).waitFor();
    const groups = page.getByTestId('my-actions-group');
    const shown = () => groups.evaluateAll((sections) => sections.map((s) => [s.querySelector('h3')?.firstChild?.textContent?.trim(), [...s.querySelectorAll('.item-title')].map((t) => t.textContent)]));
    expect(await shown()).toEqual([
      ['Vencidas', ['Enviar registros']],
      ['Esta semana', ['Visitar albergue']],
      ['Más adelante', ['Informe anual']],
    ]);
    const lateRow = page.locator(`[data-action-id="${late}"]`);
    expect(await lateRow.getByTestId('my-action-group').innerText()).toBe('Mesa de armas');
    expect(await lateRow.getByTestId('my-action-decision').innerText()).toBe('D-1 · Mapa de rutas');
    expect(await lateRow.locator('.tag-overdue').innerText()).toBe('Vencida');
    expect(await page.locator(`[data-action-id="${visit}"]`).getByTestId('my-action-group').innerText()).toBe('Mesa de trata');
    expect(await page.getByText('Acción de una mesa ajena').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Her institution's, nobody's yet, join on asking; the address keeps the choice.
    await page.getByLabel('También las de mi institución sin asignar').check();
    await page.waitForURL(`${h.base}/actions?scope=organization`);
    await page.getByRole('heading', { name: '4 acciones' }).waitFor();
    const unassigned = page.locator('[data-testid="my-action"]', { hasText: 'Cruzar datos' });
    expect(await unassigned.locator('.my-action-unassigned').innerText()).toBe('Sin asignar: de SSPC');
    await page.getByLabel('Asignadas a mí').check();
    await page.waitForURL(`${h.base}/actions`);
    await page.getByRole('heading', { name: '3 acciones' }).waitFor();

    // Ana marks the visit done right here: it leaves the list, and the server has it.
    await page.getByLabel('Estado de «Visitar albergue»').selectOption('done');
    await page.getByRole('heading', { name: '2 acciones' }).waitFor({ timeout: 5000 });
    expect(await page.locator(`[data-action-id="${visit}"]`).count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Visitar albergue' }).innerText()).toBe('«Visitar albergue» quedó como «Hecha» y sale de esta lista.');
    expect((await ana.api.get('/api/me/actions?status=done')).body.actions.map((a: { id: string }) => a.id)).toEqual([visit]);
    expect((await fac.api.get(`/api/decisions/${shelters.id}`)).body.actions.find((a: { id: string }) => a.id === visit).status).toBe('done');
    await page.getByLabel('Estado', { exact: true }).selectOption('done');
    await page.waitForURL(`${h.base}/actions?status=done`);
    await page.locator(`[data-action-id="${visit}"]`).waitFor();
    // The header's link leads back to the default list, and the filters follow the address.
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mis acciones' }).click();
    await page.waitForURL(`${h.base}/actions`);
    await page.getByRole('heading', { name: '2 acciones' }).waitFor();
    expect(await page.getByLabel('Estado', { exact: true }).inputValue()).toBe('open');

    // Someone else assigns her a new one and cancels another: the list follows without a reload.
    const booking = await act(shelters.id, 'Reservar sede', '2099-03-01', ana.id);
    expect((await fac.api.patch(`/api/actions/${yearly}`, { status: 'cancelled' })).status).toBe(200);
    await expect.poll(shown, { timeout: LIVE_MS }).toEqual([
      ['Vencidas', ['Enviar registros']],
      ['Más adelante', ['Reservar sede']],
    ]);
    expect(await page.locator(`[data-action-id="${booking}"]`).getByTestId('my-action-decision').innerText()).toBe('D-1 · Red de albergues');
    // A decision renamed is renamed beside its actions.
    expect((await fac.api.patch(`/api/decisions/${routes.id}`, { title: 'Mapa de rutas de tráfico' })).status).toBe(200);
    await expect.poll(() => lateRow.getByTestId('my-action-decision').innerText(), { timeout: LIVE_MS }).toBe('D-1 · Mapa de rutas de tráfico');

    // The decision link opens the decision with that action brought into view and focused.
    await lateRow.getByTestId('my-action-decision').click();
    await page.waitForURL(`${h.base}/w/${arms}/decisions/${routes.id}?action=${late}`);
    const focused = page.locator(`[data-action-id="${late}"].linked-focus`);
    await focused.waitFor({ timeout: 5000 });
    expect(await focused.evaluate((item) => item.contains(document.activeElement))).toBe(true);

    // In English.
    await page.goto(`${h.base}/actions`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My actions' }).waitFor();
    await expect.poll(() => page.title()).toBe('My actions · Enlace');
    await page.getByRole('heading', { name: '2 actions' }).waitFor();
    expect(await shown()).toEqual([
      ['Overdue', ['Enviar registros']],
      ['Later', ['Reservar sede']],
    ]);
    expect(await page.getByLabel('Assigned to me').isChecked()).toBe(true);
    expect(await page.getByLabel("Also my institution's unassigned ones").isChecked()).toBe(false);
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('open');
    expect(await lateRow.locator('.tag-overdue').innerText()).toBe('Overdue');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My actions' }).getAttribute('aria-current')).toBe('page');
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps the header’s links on one row on a phone, and says what to do when nothing is on the person', async () => {
    const { world } = h;
    const bea = await world.user('Bea Nueva', 'FGR');
    const ws = await world.workspace(bea.api, 'Mesa sin acciones');
    expect(ws).toBeTruthy();
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, bea, { viewport: { width: 390, height: 844 } });
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    await nav.getByRole('link', { name: 'Mis acciones' }).click();
    await page.waitForURL(`${h.base}/actions`);
    const empty = page.getByTestId('my-actions-empty');
    expect(await empty.innerText()).toContain('No tiene acciones abiertas asignadas en sus mesas.');
    expect(await empty.getByRole('link', { name: 'Ir a mis mesas' }).getAttribute('href')).toBe('/');
    // The header's links share one row, with short names shown (the full ones read out), in Spanish and English.
    const linkRows = () => page.locator('nav.main-nav a').evaluateAll((links) => new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size);
    const shownNames = () => page.locator('nav.main-nav a').evaluateAll((links) => links.map((a) => ((a.querySelector('.nav-label-short') ?? a) as HTMLElement).innerText.trim()));
    expect(await linkRows()).toBe(1);
    expect(await shownNames()).toEqual(['Mesas', 'Matriz', 'Mis acciones', 'Bandeja']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    // Another status, nothing there either: a way back to the open ones.
    await page.getByLabel('Estado', { exact: true }).selectOption('cancelled');
    await page.getByTestId('my-actions-empty').getByRole('button', { name: 'Ver las abiertas' }).click();
    await page.waitForURL(`${h.base}/actions`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My actions' }).waitFor();
    expect(await shownNames()).toEqual(['Groups', 'Matrix', 'My actions', 'Inbox']);
    expect(await linkRows()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My actions' }).getAttribute('aria-current')).toBe('page');
    expect(errors).toEqual([]);
    await close();
  });
});
