/**
 * Municipalities are kept as INEGI codes; people know them by name. The activity's cell says where its codes are,
 * and warns of a code INEGI's catalog lacks (a likely typo); the plan's read-only table, the matrix and the search
 * name them too.
 */
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { pollUntil } from '../helpers/matrix.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';

describe('municipality names', () => {
  const h = useBrowserWorld();

  it('names the codes under the cell, warns of one not in the catalog, and names them in the matrix', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const other = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(other);
    insertActivity(other.doc, { id: 'act_municipios', title: 'Jornadas de prevención', stateCodes: ['09'], municipalityCodes: ['09015'] });
    const session = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      const cell = page.locator(`${ROW} input[data-field="municipalityCodes"]`);
      const names = page.locator(`${ROW} [data-testid="municipality-names"]`);
      await expect.poll(() => names.innerText(), { timeout: 10_000 }).toBe('Cuauhtémoc, Ciudad de México');
      // The names are part of the field's description, read out with it.
      const describedBy = (await cell.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(await names.getAttribute('id'));

      await cell.click();
      await cell.press('End');
      await page.keyboard.type(', 07089, 07999');
      const stored = () => JSON.stringify(getActivities(other.doc).get(0).get('municipalityCodes'));
      await waitFor(() => stored() === JSON.stringify(['09015', '07089', '07999']), 10_000, 'the three codes in the plan');
      await expect.poll(() => names.innerText()).toBe('Cuauhtémoc, Ciudad de México · Tapachula, Chiapas\nNo figura en el catálogo del INEGI: 07999. ¿Es correcta la clave?');
      // A warning, not an error: the code is well formed and kept (INEGI creates municipalities now and then).
      expect(await cell.getAttribute('aria-invalid')).toBe('false');

      await pollUntil(ana.api, '/api/matrix', (x: { activities: Array<{ municipalityCodes: string[] }> }) => x.activities[0]?.municipalityCodes.length === 3, 10_000);
      await page.goto(`${h.base}/matrix`);
      const row = page.locator('[data-testid="matrix-table"] tr[data-activity-id="act_municipios"]');
      await expect.poll(() => row.locator('td').nth(5).innerText(), { timeout: 10_000 }).toBe('Cuauhtémoc (09015), Tapachula (07089), 07999');
      expect(session.errors).toEqual([]);
    } finally {
      other.destroy();
      await session.close();
    }
  });
});
