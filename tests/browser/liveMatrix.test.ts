/**
 * The /matrix page stays current without a reload: activities added, cancelled and duplicated by
 * other people (through stock y-websocket clients) show up in the open page's table and overlap
 * list, with the page's filters kept, fetching only the plans that changed. Also: the state × area pivot says "1 actividad" for one, and
 * at phone width the page does not scroll sideways.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, editActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

/** Generous: the page refetches about 2 s after the last save; the projection may take 2 s more. */
const LIVE_MS = 15_000;

describe('live matrix page in the browser', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];

  afterAll(() => clients.forEach((c) => c.destroy()));

  it('shows new, cancelled and duplicated activities of other people without a reload', async () => {
    const { liaison, facA, facB, docA, docB } = await twoGroups(h.world);
    const planA = await openPlan(h.server, facA.api, docA);
    const planB = await openPlan(h.server, facB.api, docB);
    clients.push(planA, planB);

    const first = tipActivity(h.world.orgs['FGE-CHIH'].id, { title: 'Capacitación a fiscales de Chihuahua' });
    addActivity(planA, first);
    await pollUntil(liaison.api, '/api/matrix', (x: { activities: unknown[] }) => x.activities.length === 1, 10_000);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 1280, height: 1100 } });
    // A filter the live refresh must keep: only trafficking in persons.
    await page.goto(`${h.base}/matrix?mandateArea=trafficking_in_persons`);
    const table = page.getByTestId('matrix-table');
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    const overlaps = page.getByTestId('matrix-overlaps');
    await overlaps.getByText('No hay posibles duplicidades.').waitFor();
    // Marks this page load: a reload would forget it.
    await page.evaluate(() => Object.assign(window, { __sameLoad: true }));
    // From here on the page fetches only the plans whose rows changed, never the whole matrix again.
    const refetched: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/matrix') refetched.push(url.search);
    });

    // Another group adds a duplicate of the first activity (same place, area and dates) and an unrelated one.
    const duplicate = tipActivity(h.world.orgs['MUN-JUAREZ'].id, { title: 'Capacitación a fiscales en Juárez' });
    addActivity(planB, duplicate);
    addActivity(planB, tipActivity(h.world.orgs.SSPC.id, { title: 'Análisis financiero de redes', mandateArea: 'money_laundering', stateCodes: ['09'] }));
    await expect.poll(() => rows.count(), { timeout: LIVE_MS }).toBe(2);
    expect(await table.getByRole('link', { name: 'Capacitación a fiscales en Juárez' }).count()).toBe(1);
    // The other area's activity stays out: the filter survived the refresh.
    expect(await table.getByRole('link', { name: 'Análisis financiero de redes' }).count()).toBe(0);
    expect(page.url()).toContain('mandateArea=trafficking_in_persons');
    await expect.poll(() => overlaps.locator('li.overlap').count(), { timeout: LIVE_MS }).toBe(1);
    expect(await overlaps.locator('li.overlap').innerText()).toContain('Capacitación a fiscales en Juárez');
    // Similar titles: the card says the work may be the same, not only that area, place and dates meet.
    expect(await overlaps.getByTestId('overlap-kind').innerText()).toBe('Probable duplicidad');

    // A status change in the plan reaches the row.
    const firstRow = table.locator(`tr[data-activity-id="${first.id}"]`);
    expect(await firstRow.innerText()).toContain('Planeada');
    editActivity(planA, first.id, { status: 'cancelled' });
    await expect.poll(() => firstRow.innerText(), { timeout: LIVE_MS }).toContain('Cancelada');

    expect(await page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
    expect(refetched.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refetched)).toEqual(new Set([`?documentId=${docA}`, `?documentId=${docB}`]));
    expect(errors).toEqual([]);
    await close();
  });

  it('drops a flag from a one-group page when the other group’s edit ends it', async () => {
    const { facA, facB, focalA, wsB, docA, docB } = await twoGroups(h.world);
    expect((await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true })).status).toBe(200);
    const planA = await openPlan(h.server, facA.api, docA);
    const planB = await openPlan(h.server, facB.api, docB);
    clients.push(planA, planB);
    addActivity(planA, tipActivity(h.world.orgs['FGE-CHIH'].id, { title: 'Capacitación a fiscales de Chihuahua' }));
    const theirs = tipActivity(h.world.orgs['MUN-JUAREZ'].id, { title: 'Campaña de radio en escuelas', target: '20 escuelas con spots' });
    addActivity(planB, theirs);
    await pollUntil(focalA.api, '/api/overlaps', (x: { overlaps: unknown[] }) => x.overlaps.length === 1, 10_000);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, focalA, { viewport: { width: 1280, height: 1100 } });
    await page.goto(`${h.base}/matrix`);
    const overlaps = page.getByTestId('matrix-overlaps');
    await expect.poll(() => overlaps.locator('li.overlap').count(), { timeout: 10_000 }).toBe(1);
    expect(await overlaps.locator('li.overlap').innerText()).toContain('una actividad de otra mesa de trabajo');
    // Unrelated titles: only area, place and dates meet, which calls for coordination rather than a merge.
    expect(await overlaps.getByTestId('overlap-kind').innerText()).toBe('Mismo ámbito, lugar y fechas');
    // Group B moves its activity to another state: A's page, in no room of B's, drops the flag well before its
    // two-minute safety refetch.
    editActivity(planB, theirs.id, { stateCodes: ['14'] });
    await overlaps.getByText('No hay posibles duplicidades.').waitFor({ timeout: LIVE_MS });
    expect(errors).toEqual([]);
    await close();
  });

  it('says "1 actividad" in the state pivot and fits a 390 px screen', async () => {
    const { liaison, facA, docA } = await twoGroups(h.world);
    const plan = await openPlan(h.server, facA.api, docA);
    clients.push(plan);
    addActivity(plan, tipActivity(h.world.orgs.SSPC.id, { title: 'Análisis de flujos financieros', mandateArea: 'money_laundering', stateCodes: ['08'] }));
    await pollUntil(liaison.api, '/api/matrix', (x: { activities: unknown[] }) => x.activities.length === 1, 10_000);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 390, height: 844 } });
    await page.goto(`${h.base}/matrix`);
    await expect.poll(() => page.locator('[data-testid="matrix-table"] tbody tr').count(), { timeout: 10_000 }).toBe(1);
    // The page itself never scrolls sideways; wide tables scroll inside their own region.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Entidad × ámbito' }).click();
    const pivot = page.getByTestId('matrix-pivot-state');
    await pivot.waitFor();
    const cell = pivot.getByRole('button', { name: /de Chihuahua en Lavado de dinero/ });
    expect(await cell.getAttribute('aria-label')).toBe('1 actividad de Chihuahua en Lavado de dinero: ver en la tabla');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    expect(errors).toEqual([]);
    await close();
  });
});
