/**
 * The overlap panel of /matrix follows the matrix filters (the flag of the filtered rows is shown even when it ranks
 * last overall), and "Mostrar más" reads the server's next page instead of stopping at the pages read, without
 * claiming a total it does not know. A live refresh reloads as many pages as are shown. Server pages are cut to 5
 * overlaps here (the request is rewritten) so a few flags make several pages.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

type Listed = { overlaps: Array<{ id: string; a: { activityId?: string }; b: { activityId?: string } }> };

describe('matrix overlaps with filters and server pages', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('shows the flag of the filtered rows, loads further server pages on request, and keeps them on a live refresh', async () => {
    const { liaison, facA, facB, docA, docB } = await twoGroups(h.world);
    const planA = await openPlan(h.server, facA.api, docA);
    const planB = await openPlan(h.server, facB.api, docB);
    clients.push(planA, planB);
    const chih = h.world.orgs['FGE-CHIH'].id;
    const juarez = h.world.orgs['MUN-JUAREZ'].id;
    // 4 × 3 strong trafficking flags in Chihuahua; one weak wildlife flag in Yucatán (titles and targets differ).
    const wildA = tipActivity(chih, { title: 'Operativo contra la tala ilegal', mandateArea: 'wildlife_forest_crime', stateCodes: ['31'], target: 'Predios' });
    const wildB = tipActivity(juarez, { title: 'Inspección de aserraderos', mandateArea: 'wildlife_forest_crime', stateCodes: ['31'], target: 'Aserraderos' });
    planA.doc.transact(() => [...[0, 1, 2, 3].map((i) => tipActivity(chih, { title: `Capacitación a fiscales ${i}` })), wildA].forEach((r) => addActivity(planA, r)));
    planB.doc.transact(() => [...[0, 1, 2].map((i) => tipActivity(juarez, { title: `Capacitación a fiscales ${i}` })), wildB].forEach((r) => addActivity(planB, r)));
    const listed = await pollUntil<Listed>(liaison.api, '/api/overlaps?limit=1000', (x) => x.overlaps.length >= 13 && x.overlaps.some((o) => o.a.activityId === wildA.id || o.b.activityId === wildA.id), 20_000);
    await h.server.services.projection.idle();
    const all = (await liaison.api.get<Listed>('/api/overlaps?limit=1000')).body.overlaps;
    const wild = all.find((o) => [o.a.activityId, o.b.activityId].includes(wildA.id))!;
    // Read once every pass is done (the poll above may see a pass half way on a busy machine): 4 × 3 across the
    // groups, 6 and 3 within each, and the wildlife pair.
    expect(all.length).toBe(22);
    expect(listed.overlaps.length).toBeLessThanOrEqual(all.length);
    expect(all.indexOf(wild)).toBe(all.length - 1);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 1280, height: 1000 } });
    const asked: string[] = [];
    await page.route(
      (url) => url.pathname === '/api/overlaps',
      (route) => {
        const url = new URL(route.request().url());
        asked.push(url.search);
        url.searchParams.set('limit', '5');
        return route.continue({ url: url.toString() });
      },
    );
    const panel = page.getByTestId('matrix-overlaps');
    const cards = panel.locator('li.overlap');
    const more = page.getByTestId('overlaps-more');

    // The audit's view: the panel holds the one flag of the filtered rows, though it ranks last overall.
    await page.goto(`${h.base}/matrix?mandateArea=wildlife_forest_crime&stateCode=31`);
    await expect.poll(() => page.locator('[data-testid="matrix-table"] tbody tr').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(1);
    expect(await cards.first().getAttribute('data-overlap-id')).toBe(wild.id);
    expect(await cards.first().innerText()).toContain('Inspección de aserraderos');
    expect(await more.count()).toBe(0);
    expect(asked).toContain('?status=open&mandateArea=wildlife_forest_crime&stateCode=31');

    // Another filter in the form refetches the list: the trafficking flags, not the wildlife one.
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page.getByLabel('Ámbito', { exact: true }).selectOption('trafficking_in_persons');
    await expect.poll(() => asked.at(-1), { timeout: 15_000 }).toBe('?status=open&mandateArea=trafficking_in_persons');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(5);
    expect(await panel.locator(`[data-overlap-id="${wild.id}"]`).count()).toBe(0);

    // Unfiltered: one server page of 5, and the panel says more exist without claiming how many.
    await page.goto(`${h.base}/matrix`);
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(5);
    expect(await page.getByTestId('overlaps-count').innerText()).toBe('5 mostradas; hay más');
    expect(await more.innerText()).toBe('Mostrar más');
    expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-overlap-id')))).toEqual(all.slice(0, 5).map((o) => o.id));
    await more.click();
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(10);
    expect(await page.getByTestId('overlaps-count').innerText()).toBe('10 mostradas; hay más');

    // A live refresh (a new flag) reloads both pages read, not only the first.
    const before = asked.length;
    addActivity(planB, tipActivity(juarez, { title: 'Capacitación a fiscales 9' }));
    await expect.poll(() => asked.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(10);
    expect(asked.slice(before, before + 2).map((q) => new URLSearchParams(q).has('cursor'))).toEqual([false, true]);

    // Reading on reaches the last flag, the one the first pages never held; then nothing more is offered.
    await h.server.services.projection.idle();
    const total = (await liaison.api.get<Listed>('/api/overlaps?limit=1000')).body.overlaps.length;
    for (let i = 0; i < 10 && (await more.count()) > 0; i++) {
      const n = await cards.count();
      await more.click();
      await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThan(n);
    }
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(total);
    expect(await panel.locator(`[data-overlap-id="${wild.id}"]`).count()).toBe(1);
    expect(await more.count()).toBe(0);
    expect(await page.getByTestId('overlaps-count').count()).toBe(0);

    expect(errors).toEqual([]);
    await close();
  }, 90_000);
});
