/**
 * From the matrix table to the overlap it flags, and back to the list after resolving: a row's "possible duplicate"
 * mark brings the overlap's card into view with the focus on it, and resolving an open overlap says what was recorded
 * where its card was (the card leaves the "open" list), focused, with a way to the resolved ones.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const r = el?.getBoundingClientRect();
    return { overlap: el?.dataset.overlapId ?? '', testId: el?.dataset.testid ?? '', inView: !!r && r.top >= 0 && r.bottom <= window.innerHeight };
  });

describe('matrix: overlap marks and resolutions', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('leads from a row’s mark to its overlap, and says what a resolution recorded', async () => {
    const { liaison, facA, facB, docA, docB } = await twoGroups(h.world);
    const planA = await openPlan(h.server, facA.api, docA);
    const planB = await openPlan(h.server, facB.api, docB);
    clients.push(planA, planB);
    const chih = h.world.orgs['FGE-CHIH'].id;
    const juarez = h.world.orgs['MUN-JUAREZ'].id;
    const schoolsA = tipActivity(chih, { title: 'Campaña de prevención en escuelas', mandateArea: 'migrant_smuggling', target: 'Escuelas' });
    const schoolsB = tipActivity(juarez, { title: 'Campaña de prevención en escuelas secundarias', mandateArea: 'migrant_smuggling', target: 'Escuelas' });
    addActivity(planA, tipActivity(chih, { title: 'Capacitación a fiscales' }));
    addActivity(planB, tipActivity(juarez, { title: 'Capacitación de fiscales' }));
    addActivity(planA, schoolsA);
    addActivity(planB, schoolsB);
    const listed = await pollUntil<{ overlaps: Array<{ id: string; a: { activityId: string }; b: { activityId: string } }> }>(liaison.api, '/api/overlaps', (x) => x.overlaps.length >= 2, 20_000);
    const schools = listed.overlaps.find((o) => [o.a.activityId, o.b.activityId].includes(schoolsA.id))!;
    expect(schools).toBeDefined();

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 390, height: 844 } });
    await page.goto(`${h.base}/matrix`);
    const row = page.locator(`[data-testid="matrix-table"] tr[data-activity-id="${schoolsB.id}"]`);
    const cards = page.getByTestId('matrix-overlaps').locator('li.overlap');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2);
    await row.getByTestId('overlap-mark').click();
    await expect.poll(() => focused(page), { timeout: 5_000 }).toEqual({ overlap: schools.id, testId: '', inView: true });

    // Resolved from its card: the card leaves the open list, and the note in its place has the focus.
    const card = page.locator(`li[data-overlap-id="${schools.id}"]`);
    await card.getByLabel('Cómo se atiende').selectOption('co_lead');
    await card.getByRole('button', { name: 'Registrar' }).click();
    const note = page.getByTestId('overlap-resolved-note');
    // The sides in the overlap's order, which the detection picks.
    await expect.poll(() => note.innerText(), { timeout: 10_000 }).toMatch(
      /^Se registró «Liderar en conjunto» para «Campaña de prevención en escuelas( secundarias)?» y «Campaña de prevención en escuelas( secundarias)?»\. Ya no aparece entre las pendientes\./,
    );
    expect(await note.innerText()).toContain('secundarias');
    await expect.poll(() => cards.count()).toBe(1);
    expect((await focused(page)).testId).toBe('overlap-resolved-note');
    await note.getByRole('button', { name: 'Ver las atendidas' }).click();
    await expect.poll(() => page.locator(`li[data-overlap-id="${schools.id}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('overlap-outcome').innerText()).toContain('Liderar en conjunto');
    expect(await note.count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
