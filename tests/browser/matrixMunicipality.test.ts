/** The matrix narrowed to one municipality: offered once a state is chosen, kept in the link, dropped with its state. */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';

describe('matrix municipality filter', () => {
  const h = useBrowserWorld();

  it('offers the chosen state’s municipalities, filters the rows and the downloads, and forgets the municipality with its state', async () => {
    const world = h.world;
    const { liaison, facA, docA } = await twoGroups(world);
    const plan = await openPlan(h.server, facA.api, docA);
    const lead = world.orgs['FGE-CHIH'].id;
    const juarez = tipActivity(lead, { title: 'Operativo en Ciudad Juárez', municipalityCodes: ['08037'] });
    const capital = tipActivity(lead, { title: 'Taller en la capital', municipalityCodes: ['08019'] });
    const cdmx = tipActivity(world.orgs.SSPC.id, { title: 'Mesa en Cuauhtémoc', stateCodes: ['09'], municipalityCodes: ['09015'] });
    for (const a of [juarez, capital, cdmx]) addActivity(plan, a);
    await pollUntil(liaison.api, '/api/matrix', (x: { activities: unknown[] }) => x.activities.length === 3);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(`${h.base}/matrix`);
      const rows = page.locator('[data-testid="matrix-table"] tbody tr');
      const shown = () => rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.activityId).sort());
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
      const municipality = page.getByLabel('Municipio', { exact: true });
      expect(await municipality.count()).toBe(0);

      await page.getByLabel('Entidad', { exact: true }).selectOption('08');
      await municipality.waitFor();
      const options = await municipality.locator('option').allInnerTexts();
      // «All», then Chihuahua's 67 municipalities by name.
      expect(options).toHaveLength(68);
      expect(options.slice(0, 3)).toEqual(['Todos los municipios', 'Ahumada', 'Aldama']);
      await municipality.selectOption('08037');
      await expect.poll(shown, { timeout: 10_000 }).toEqual([juarez.id]);
      expect(page.url()).toContain('municipalityCode=08037');
      expect(await page.getByRole('link', { name: /CSV/ }).getAttribute('href')).toContain('municipalityCode=08037');

      // The link names the municipality: opened again, the same rows and the same choice.
      await page.goto(`${h.base}/matrix?municipalityCode=08019`);
      await expect.poll(shown, { timeout: 10_000 }).toEqual([capital.id]);
      expect(await municipality.inputValue()).toBe('08019');

      // Another state: the municipality no longer applies and is dropped from the filters and the link.
      await page.getByLabel('Entidad', { exact: true }).selectOption('09');
      await expect.poll(shown, { timeout: 10_000 }).toEqual([cdmx.id]);
      expect(page.url()).not.toContain('municipalityCode');
      expect(await municipality.inputValue()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      plan.destroy();
      await close();
    }
  });
});
