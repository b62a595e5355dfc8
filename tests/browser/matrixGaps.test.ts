/**
 * The matrix with little or odd data: nothing to show says so without blaming filters nobody set, missing dates read
 * as one dash or "desde/hasta", and an organization id not in the directory is named as unknown, not shown raw.
 */
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

describe('matrix gaps in the browser', () => {
  const h = useBrowserWorld();

  it('says there are no activities yet when no filter is on, and that none match when one is', async () => {
    const eva = await h.world.user('Eva Luna', 'FGR');
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, eva);
    await page.goto(`${h.base}/matrix`);
    const empty = page.locator('.matrix-results .empty');
    await expect.poll(() => empty.innerText(), { timeout: 10_000 }).toBe('Aún no hay actividades en las mesas que puede ver.');
    await page.goto(`${h.base}/matrix?view=organization`);
    await expect.poll(() => empty.innerText(), { timeout: 10_000 }).toBe('Aún no hay actividades en las mesas que puede ver.');
    await page.goto(`${h.base}/matrix?mandateArea=corruption`);
    await expect.poll(() => empty.innerText(), { timeout: 10_000 }).toBe('Ninguna actividad coincide con los filtros.');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => empty.innerText(), { timeout: 10_000 }).toBe('No activities yet in the working groups you can see.');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows an activity without dates as one dash, one date as "desde"/"hasta", and unknown organization ids as unknown', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    try {
      await waitSynced(y);
      insertActivity(y.doc, { id: 'act_sin', title: 'Sin fechas', leadOrganizationId: 'org_nope', partnerOrganizationIds: ['org_gone'] });
      insertActivity(y.doc, { id: 'act_desde', title: 'Solo inicio', startDate: '2027-03-01' });
      insertActivity(y.doc, { id: 'act_hasta', title: 'Solo fin', endDate: '2027-06-30' });
      // Thirty municipalities, each named twice: read once each, and the cell lists twelve and says how many more.
      const municipalityCodes = Array.from({ length: 60 }, (_, i) => `21${String((i % 30) + 1).padStart(3, '0')}`);
      insertActivity(y.doc, { id: 'act_ambas', title: 'Ambas', startDate: '2027-03-01', endDate: '2027-06-30', stateCodes: ['21'], municipalityCodes });
      await waitFor(() => getActivities(y.doc).length === 4, 5000, 'rows');
    } finally {
      y.destroy();
    }
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 1000 } });
    await page.goto(`${h.base}/matrix`);
    const table = page.getByTestId('matrix-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(4);
    // The dates column of one row (the plan column comes after the title).
    const dates = (id: string) => table.locator(`tr[data-activity-id="${id}"] td`).nth(6).innerText();
    expect(await dates('act_sin')).toBe('—');
    expect(await dates('act_desde')).toBe('desde 1 mar 2027');
    expect(await dates('act_hasta')).toBe('hasta 30 jun 2027');
    expect(await dates('act_ambas')).toBe('1 mar 2027 – 30 jun 2027');
    const municipalities = await table.locator('tr[data-activity-id="act_ambas"] td').nth(5).innerText();
    expect(municipalities).toBe(
      'Acajete (21001), Acateno (21002), Acatlán (21003), Acatzingo (21004), Acteopan (21005), Ahuacatlán (21006), Ahuatlán (21007), Ahuazotepec (21008), Ahuehuetitla (21009), Ajalpan (21010), Albino Zertuche (21011), Aljojuca (21012) y 18 más',
    );

    const unknownRow = await table.locator('tr[data-activity-id="act_sin"]').innerText();
    expect(unknownRow).not.toMatch(/org_nope|org_gone/);
    expect(unknownRow.match(/institución desconocida/g)).toHaveLength(2);
    await page.getByRole('button', { name: 'Institución × ámbito' }).click();
    const pivot = page.getByTestId('matrix-pivot-organization');
    await pivot.waitFor();
    const pivotText = await pivot.innerText();
    expect(pivotText).not.toMatch(/org_nope|org_gone/);
    expect(pivotText).toContain('institución desconocida');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Activities', exact: true }).click();
    await expect.poll(() => dates('act_desde'), { timeout: 5000 }).toBe('from Mar 1, 2027');
    expect(await dates('act_hasta')).toBe('until Jun 30, 2027');
    expect(await table.locator('tr[data-activity-id="act_sin"]').innerText()).toContain('unknown agency');
    expect(errors).toEqual([]);
    await close();
  });
});
