/**
 * The /matrix page with many activities renders what a person can read: the first 200 rows with the exact total and
 * a "Mostrar más" button, the first 50 overlaps likewise; filters still narrow over every row, not the rendered ones;
 * a notice's link reaches an overlap past the first 50 cards; and one page open fetches the matrix once and the
 * overlap pages once (a filter change fetches only the overlaps of its rows). Structure only: nothing here asserts on timings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Activity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { activityId, addActivity, openPlan, pollUntil, twoGroups } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

/** Past the join catch-up the page used to make (2 s after its rooms answered): a duplicate fetch would show by then. */
const SETTLE_MS = 3000;

/** `YYYY-MM-DD`, `days` after 1 Jan 2026. */
const day = (days: number) => new Date(Date.UTC(2026, 0, 1 + days)).toISOString().slice(0, 10);

/** Writes rows in one transaction (one save, one projection pass). */
function addAll(plan: YClient, rows: Array<Partial<Activity> & { id: string }>): void {
  plan.doc.transact(() => rows.forEach((r) => addActivity(plan, r)));
}

/** The focused element's overlap id, whether it is highlighted, and whether it is inside the window. */
function focusedOverlap(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const card = el?.closest<HTMLElement>('[data-overlap-id]');
    if (!el || !card || card !== el) return null;
    const r = card.getBoundingClientRect();
    return { id: card.dataset.overlapId, highlighted: card.classList.contains('overlap-focus'), inView: r.top >= 0 && r.top < window.innerHeight };
  });
}

describe('matrix page with many activities', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('renders the first rows and overlaps, filters over all of them, reaches a far overlap, and fetches once', async () => {
    const { liaison, facA, facB, wsA, docA, docB } = await twoGroups(h.world);
    const docA2 = await h.world.document(facA.api, wsA);
    const plans = await Promise.all([openPlan(h.server, facA.api, docA), openPlan(h.server, facA.api, docA2), openPlan(h.server, facB.api, docB)]);
    clients.push(...plans);
    const { orgs } = h.world;

    // 434 activities that overlap nothing (each on its own day); the last 5 by title are the only money laundering.
    const filler = Array.from({ length: 434 }, (_, i) => ({
      id: activityId('fill'),
      title: i < 429 ? `Actividad ${String(i + 1).padStart(3, '0')}` : `Zeta análisis financiero ${i - 428}`,
      leadOrganizationId: orgs.SSPC.id,
      mandateArea: i < 429 ? ('organized_crime' as const) : ('money_laundering' as const),
      stateCodes: ['09'],
      startDate: day(i),
      endDate: day(i),
    }));
    // 8 × 8 overlaps: each A-side activity (one month of 2028, all eight states) meets each B-side one (all 2028, one state).
    const states = ['01', '02', '03', '04', '05', '06', '07', '08'];
    const sideA = states.map((_, i) => ({
      id: activityId('ova'),
      title: `Capacitación regional ${i + 1}`,
      leadOrganizationId: orgs['FGE-CHIH'].id,
      mandateArea: 'trafficking_in_persons' as const,
      stateCodes: states,
      startDate: `2028-0${i + 1}-01`,
      endDate: `2028-0${i + 1}-20`,
    }));
    const sideB = states.map((s, i) => ({
      id: activityId('ovb'),
      title: `Taller municipal ${i + 1}`,
      leadOrganizationId: orgs['MUN-JUAREZ'].id,
      mandateArea: 'trafficking_in_persons' as const,
      stateCodes: [s],
      startDate: '2028-01-01',
      endDate: '2028-12-31',
    }));
    addAll(plans[0], [...filler.slice(0, 150), ...sideA]);
    addAll(plans[1], filler.slice(150, 292));
    addAll(plans[2], [...filler.slice(292), ...sideB]);
    await pollUntil(liaison.api, '/api/matrix', (x: { activities: unknown[] }) => x.activities.length === 450, 30_000);
    const listed = await pollUntil<{ overlaps: Array<{ id: string }> }>(liaison.api, '/api/overlaps?status=open', (x) => x.overlaps.length === 64, 30_000);
    const far = listed.overlaps[listed.overlaps.length - 1].id;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 1280, height: 900 } });
    const fetched: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/matrix') || url.pathname.startsWith('/api/overlaps')) fetched.push(`${r.method()} ${url.pathname}${url.search}`);
    });
    await page.goto(`${h.base}/matrix`);
    const results = page.locator('.matrix-results');
    const rows = page.locator('[data-testid="matrix-table"] tbody tr');
    await expect.poll(() => results.locator('h2').innerText(), { timeout: 15_000 }).toBe('450 actividades');
    expect(await rows.count()).toBe(200);
    const overlaps = page.getByTestId('matrix-overlaps');
    await expect.poll(() => overlaps.locator('li.overlap').count(), { timeout: 15_000 }).toBe(50);
    expect(await page.getByTestId('overlaps-more').innerText()).toBe('Mostrar más (14 restantes)');

    // One page open: one matrix fetch, one of the rows' overlap marks, one pass over the overlap pages (64 fit in one),
    // nothing more once settled.
    await page.waitForTimeout(SETTLE_MS);
    expect([...fetched].sort()).toEqual(['GET /api/matrix', 'GET /api/overlaps/marks', 'GET /api/overlaps?status=open']);

    const more = page.getByTestId('matrix-more');
    expect(await more.innerText()).toBe('Mostrar más (250 restantes)');
    await more.click();
    await expect.poll(() => rows.count()).toBe(400);
    await more.click();
    await expect.poll(() => rows.count()).toBe(450);
    expect(await more.count()).toBe(0);

    // The five money-laundering activities sort last: none was rendered at first, the filter still finds them all.
    await page.getByLabel('Ámbito', { exact: true }).selectOption('money_laundering');
    await expect.poll(() => results.locator('h2').innerText()).toBe('5 actividades');
    expect(await rows.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Zeta análisis financiero 5')]));
    expect(await rows.count()).toBe(5);
    // The level reads the organization directory: only the municipality leads the B side.
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page.getByLabel('Nivel de gobierno').selectOption('municipal');
    await expect.poll(() => results.locator('h2').innerText()).toBe('8 actividades');
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await expect.poll(() => results.locator('h2').innerText()).toBe('450 actividades');
    expect(await rows.count()).toBe(200);
    // Rows are filtered in memory: still one matrix fetch; the overlap panel asks for the overlaps of each filter's rows.
    expect(fetched.filter((f) => f.startsWith('GET /api/matrix'))).toEqual(['GET /api/matrix']);
    expect(fetched).toContain('GET /api/overlaps?status=open&mandateArea=money_laundering');
    expect(fetched).toContain('GET /api/overlaps?status=open&level=municipal');
    // The panel asks again for the cleared filter's overlaps after the rows show (they are filtered at once).
    await expect.poll(() => fetched.at(-1)).toBe('GET /api/overlaps?status=open');

    // A notice's link to the last of 64 overlaps: shown above the list, highlighted, focused and in view.
    await page.goto(`${h.base}/matrix?overlap=${far}`);
    await expect.poll(() => focusedOverlap(page), { timeout: 15_000 }).toEqual({ id: far, highlighted: true, inView: true });
    const pinned = page.getByTestId('overlap-pinned');
    expect(await pinned.innerText()).toContain('está más abajo en la lista');
    expect(await overlaps.locator(`[data-overlap-id="${far}"]`).count()).toBe(1);
    // Shown in its place once the list reaches it, and no longer above it.
    await page.getByTestId('overlaps-more').click();
    await expect.poll(() => pinned.count()).toBe(0);
    expect(await overlaps.locator(`li.overlap-focus[data-overlap-id="${far}"]`).count()).toBe(1);
    expect(await overlaps.locator('li.overlap').count()).toBe(64);

    expect(errors).toEqual([]);
    await close();
  });
});
