/**
 * Reading a version's diff: the line above it says which way it reads (from the version to the current content, or
 * from the older version to the newer), each added or changed activity leads to its row in the table (the changed
 * cell when the table is editable; the row, framed, for an observer), and one no longer in the plan is said so.
 * A focal point's approval is asked first (it cannot be withdrawn); Escape cancels back to the button, and the
 * approval, once given, leaves the focus on the line saying so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, editActivity, openPlan, removeActivity, tipActivity } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

const PANEL = '[data-testid="history-panel"]';
const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', field: el?.dataset.field ?? '', row: el?.closest<HTMLElement>('[data-activity-id]')?.dataset.activityId ?? '', testId: el?.dataset.testid ?? '' };
  });

describe('version diff: direction, activities and sign-off', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('says which way the diff reads, leads from each activity to its row, and asks before approving', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const carla = await h.world.user('Carla Méndez', 'FGE-CHIH');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member', true);
    await h.world.addMember(ws, ana.api, carla.id, 'observer');
    const docId = await h.world.document(ana.api, ws);
    const plan = await openPlan(h.server, ana.api, docId);
    clients.push(plan);
    const kept = tipActivity(h.world.orgs.SSPC.id, { title: 'Capacitación a fiscales' });
    const dropped = tipActivity(h.world.orgs.FGR.id, { title: 'Protocolo de atención' });
    addActivity(plan, kept);
    addActivity(plan, dropped);
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.activities?.length, { timeout: 10_000 }).toBe(2);
    expect((await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Para firma' })).status).toBe(201);
    const added = tipActivity(h.world.orgs.FGR.id, { title: 'Mesa técnica con consulados' });
    addActivity(plan, added);
    editActivity(plan, kept.id, { endDate: '2027-09-30' });
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.activities?.length, { timeout: 10_000 }).toBe(3);
    expect((await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Revisada' })).status).toBe(201);
    removeActivity(plan, added.id);
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.activities?.length, { timeout: 10_000 }).toBe(2);

    // Ana (editing): against the current content, the changed cell takes the focus.
    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 800 } });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const panel = a.page.locator(PANEL);
    await panel.getByRole('button', { name: /^Para firma/ }).click();
    await expect.poll(() => panel.getByTestId('history-diff-direction').innerText(), { timeout: 10_000 }).toBe('Cambios desde «Para firma» hasta el contenido actual del plan.');
    await panel.getByTestId('history-activity-link').filter({ hasText: 'Capacitación a fiscales' }).click();
    await expect.poll(() => focused(a.page)).toEqual({ tag: 'INPUT', field: 'endDate', row: kept.id, testId: '' });
    expect(await a.page.locator(`[data-activity-id="${kept.id}"] [data-field="endDate"]`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    })).toBe(true);

    // Between two versions, older to newer whichever is picked first; the activity since removed is said so.
    await panel.getByRole('button', { name: /^Revisada/ }).click();
    await panel.getByLabel('Comparar con').selectOption({ label: await panel.locator('option', { hasText: 'Para firma' }).innerText() });
    await expect.poll(() => panel.getByTestId('history-diff-direction').innerText(), { timeout: 10_000 }).toBe('Cambios desde «Para firma» hasta «Revisada».');
    await panel.getByTestId('history-activity-link').filter({ hasText: 'Mesa técnica con consulados' }).click();
    await expect.poll(() => panel.getByTestId('history-activity-gone').innerText()).toBe('«Mesa técnica con consulados» ya no está en el plan: no hay fila que mostrar.');
    await a.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => panel.getByTestId('history-diff-direction').innerText()).toBe('Changes from “Para firma” to “Revisada”.');
    await a.page.getByRole('button', { name: 'Español' }).click();
    await panel.getByTestId('history-diff-direction').getByText('Cambios desde').waitFor();

    // Carla observes: a read-only row has no cell to focus, so the row itself takes the focus, framed.
    const c = await newSignedInPage(h.browser, h.base, carla, { viewport: { width: 390, height: 844 } });
    await c.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const cPanel = c.page.locator(PANEL);
    await cPanel.getByRole('button', { name: /^Para firma/ }).click();
    await cPanel.getByTestId('history-activity-link').filter({ hasText: 'Capacitación a fiscales' }).click();
    await expect.poll(() => focused(c.page)).toEqual({ tag: 'TR', field: '', row: kept.id, testId: 'activity-row' });
    const frame = await c.page.locator(`tr[data-activity-id="${kept.id}"] > th`).evaluate((el) => getComputedStyle(el).boxShadow);
    expect(frame).not.toBe('none');

    // Beto, FGR's focal point, approves: asked first, Escape goes back to the button, then the approval is recorded.
    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 390, height: 844 } });
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const bPanel = b.page.locator(PANEL);
    await bPanel.getByRole('button', { name: /^Para firma/ }).click();
    await bPanel.getByTestId('history-approve').click();
    const question = bPanel.getByRole('alertdialog');
    expect(await question.innerText()).toContain('¿Aprobar «Para firma» en nombre de FGR?');
    expect(await question.innerText()).toContain('no se puede retirar');
    expect((await focused(b.page)).testId).toBe('history-approve-confirm');
    await b.page.keyboard.press('Escape');
    await expect.poll(async () => (await focused(b.page)).testId).toBe('history-approve');
    expect((await ana.api.get(`/api/documents/${docId}/versions`)).body.versions.find((v: { name: string }) => v.name === 'Para firma').approvals).toEqual([]);
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(b.page)).testId, { timeout: 10_000 }).toBe('history-approved-note');
    const approvals = (await ana.api.get(`/api/documents/${docId}/versions`)).body.versions.find((v: { name: string }) => v.name === 'Para firma').approvals;
    expect(approvals.map((x: { organizationId: string }) => x.organizationId)).toEqual([h.world.orgs.FGR.id]);

    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});
