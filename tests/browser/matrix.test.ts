/**
 * The /matrix page in the browser: activities edited over y-websocket appear in the table with links
 * to their row in the plan, filters narrow them, the pivot counts them, the map credits its source,
 * and an overlap is resolved from the page. No console errors.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { newSignedInPage, useBrowserHarness } from '../helpers/browserSession.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

describe('matrix page in the browser', () => {
  const h = useBrowserHarness();
  const clients: YClient[] = [];

  afterAll(() => clients.forEach((c) => c.destroy()));

  it('filters, pivots, links to plans and resolves an overlap', async () => {
    const world = await createWorld(h.server.url);
    const { liaison, facA, facB, wsA, wsB, docA, docB } = await twoGroups(world);
    const planA = await openPlan(h.server, facA.api, docA);
    const planB = await openPlan(h.server, facB.api, docB);
    clients.push(planA, planB);
    const a = tipActivity(world.orgs['FGE-CHIH'].id, { title: 'Capacitación a fiscales de Chihuahua' });
    addActivity(planA, a);
    addActivity(planB, tipActivity(world.orgs['MUN-JUAREZ'].id, { title: 'Capacitación a fiscales en Juárez' }));
    addActivity(planB, tipActivity(world.orgs.SSPC.id, { title: 'Análisis financiero de redes', mandateArea: 'money_laundering', stateCodes: ['09'] }));
    await pollUntil(liaison.api, '/api/overlaps', (x: { overlaps: unknown[] }) => x.overlaps.length === 1);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 1280, height: 1100 } });

    await page.goto(`${h.base}/matrix`);
    const rows = page.locator('[data-testid="matrix-table"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    // Nine columns outgrow a laptop's page: the box scrolls sideways and says so, and the status is reached by scrolling.
    const hint = page.getByTestId('matrix-overflow-hint');
    const box = page.getByTestId('matrix-scroll');
    await page.setViewportSize({ width: 900, height: 1100 });
    await hint.waitFor({ timeout: 10_000 });
    expect(await hint.innerText()).toContain('Desplace la tabla hacia los lados para ver todas las columnas');
    const statusHeader = page.getByTestId('matrix-table').locator('thead th').last();
    expect(await statusHeader.innerText()).toBe('Estado');
    const edges = async () => {
      const [b, h] = await Promise.all([box.boundingBox(), statusHeader.boundingBox()]);
      return { boxRight: Math.round((b?.x ?? 0) + (b?.width ?? 0)), headerRight: Math.round((h?.x ?? 0) + (h?.width ?? 0)) };
    };
    const before = await edges();
    expect(before.headerRight).toBeGreaterThan(before.boxRight);
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(async () => { const e = await edges(); return e.headerRight <= e.boxRight + 1; }).toBe(true);
    // Where the whole table fits, no hint.
    await page.setViewportSize({ width: 2200, height: 1100 });
    await hint.waitFor({ state: 'detached', timeout: 10_000 });
    await page.setViewportSize({ width: 1280, height: 1100 });
    // On a laptop the whole table fits: a date range stacks its two dates, so the status shows without scrolling.
    await hint.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    const range = page.locator(`[data-testid="matrix-table"] tr[data-activity-id="${a.id}"] .matrix-dates`);
    const dateTops = await range.locator('.nowrap').evaluateAll((spans) => spans.map((s) => Math.round(s.getBoundingClientRect().top)));
    expect(dateTops).toHaveLength(2);
    expect(dateTops[1]).toBeGreaterThan(dateTops[0]!);
    // The date range's two ends share a line (at this width «Hasta» used to wrap onto one of its own).
    const tops = await Promise.all(['Desde', 'Hasta'].map(async (l) => (await page.getByLabel(l, { exact: true }).boundingBox())?.y));
    expect(tops[0]).toBeDefined();
    expect(tops[1]).toBe(tops[0]);
    const link = page.getByTestId('matrix-table').getByRole('link', { name: a.title });
    expect(await link.getAttribute('href')).toBe(`/w/${wsA}/d/${docA}?activity=${a.id}`);
    // Each row says which plan and group it comes from (both groups' plans share a title here).
    const fromA = page.locator(`[data-testid="matrix-table"] tr[data-activity-id="${a.id}"] .matrix-plan`);
    await expect.poll(() => fromA.innerText(), { timeout: 10_000 }).toBe('Plan de trabajo 2027 · Mesa A');
    expect(await fromA.getByRole('link').getAttribute('href')).toBe(`/w/${wsA}/d/${docA}`);
    expect(await page.locator('[data-testid="matrix-table"] thead th').nth(1).innerText()).toBe('Plan · mesa');
    // The two rows that may duplicate each other say so; the third does not.
    const marked = page.locator('[data-testid="matrix-table"] tr:has([data-testid="overlap-mark"])');
    await expect.poll(() => marked.count(), { timeout: 10_000 }).toBe(2);
    expect(await marked.locator('[data-testid="overlap-mark"]').allInnerTexts()).toEqual(['Posible duplicidad', 'Posible duplicidad']);
    expect(await page.locator(`[data-testid="matrix-table"] tr[data-activity-id="${a.id}"] [data-testid="overlap-mark"]`).count()).toBe(1);

    await page.getByLabel('Ámbito', { exact: true }).selectOption('money_laundering');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(page.url()).toContain('mandateArea=money_laundering');
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    // A date range says that activities without dates stay in it.
    expect(await page.getByTestId('matrix-undated-note').count()).toBe(0);
    await page.getByLabel('Desde', { exact: true }).fill('2027-02-01');
    await expect.poll(() => page.getByTestId('matrix-undated-note').innerText().catch(() => '')).toBe('Las actividades sin fechas se muestran con cualquier rango de fechas: pueden ocurrir en cualquier momento.');
    // A range ending before it starts says so, instead of an unexplained empty matrix.
    await page.getByLabel('Hasta', { exact: true }).fill('2027-01-15');
    await expect.poll(() => page.getByTestId('matrix-range-reversed').innerText().catch(() => '')).toBe('«Hasta» es anterior a «Desde»: ninguna actividad cabe en ese rango. Cambie una de las dos fechas.');
    expect(await page.getByLabel('Hasta', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await expect.poll(() => page.getByTestId('matrix-undated-note').count()).toBe(0);
    expect(await page.getByTestId('matrix-range-reversed').count()).toBe(0);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);

    await page.getByRole('button', { name: 'Entidad × ámbito' }).click();
    const pivot = page.getByTestId('matrix-pivot-state');
    await pivot.waitFor();
    await expect.poll(() => pivot.locator('tbody tr').first().innerText()).toMatch(/Chihuahua\s+·\s+2\s+2/);
    await pivot.getByRole('button', { name: /2 actividades de Chihuahua/ }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(page.url()).toContain('stateCode=08');

    expect(await page.locator('.matrix-attribution').innerText()).toMatch(/@svg-maps\/mexico.*CC BY 4\.0/);

    const overlaps = page.getByTestId('matrix-overlaps');
    await expect.poll(() => overlaps.locator('li.overlap').count(), { timeout: 10_000 }).toBe(1);
    expect(await overlaps.innerText()).toContain('Mismo lugar');
    // Each side says which group and plan it is in.
    const sides = await overlaps.locator('li.overlap .overlap-where').allInnerTexts();
    const groups = await Promise.all([wsA, wsB].map(async (id) => (await liaison.api.get(`/api/workspaces/${id}`)).body.workspace.name as string));
    expect(sides.sort()).toEqual(groups.map((g) => `${g} · Plan de trabajo 2027`).sort());
    await overlaps.getByLabel('Cómo se atiende').selectOption('co_lead');
    await overlaps.getByLabel('Nota (opcional)').fill('FGE lidera con el municipio');
    await overlaps.getByRole('button', { name: 'Registrar' }).click();
    await expect.poll(() => overlaps.locator('li.overlap').count(), { timeout: 10_000 }).toBe(0);
    // Resolved: the rows lose their marks (the table is on the state pivot's filter, which keeps both rows).
    await page.getByRole('button', { name: 'Actividades', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="overlap-mark"]').count(), { timeout: 10_000 }).toBe(0);
    await overlaps.getByLabel('Mostrar').selectOption('resolved');
    await expect.poll(() => overlaps.innerText(), { timeout: 10_000 }).toContain('Liderar en conjunto — FGE lidera con el municipio');

    // Click-through: the plan opens with the activity's row in view and focus inside it.
    await page.getByTestId('matrix-table').getByRole('link', { name: a.title }).click();
    await page.waitForURL(`${h.base}/w/${wsA}/d/${docA}?activity=${a.id}`);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement?.closest('[data-activity-id]') as HTMLElement | null)?.dataset.activityId ?? null), { timeout: 10_000 })
      .toBe(a.id);
    // The row is marked in every cell for a while, the pinned number and title (the cells that name it) included.
    const rowBackgrounds = () =>
      page.locator(`tr[data-activity-id="${a.id}"]`).evaluate((row) => [...row.children].map((cell) => getComputedStyle(cell).backgroundColor));
    await expect.poll(async () => [...new Set(await rowBackgrounds())], { timeout: 3_000 }).toEqual(['rgb(255, 244, 220)']);
    expect(await page.locator(`tr[data-activity-id="${a.id}"] .sticky-col`).count()).toBe(2);

    expect(errors).toEqual([]);
    await close();
  });
});
