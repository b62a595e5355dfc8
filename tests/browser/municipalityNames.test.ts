/**
 * Municipalities are kept as INEGI codes; people know them by name. The activity's cell says where its codes are,
 * and warns of a code INEGI's catalog lacks (a likely typo); a name typed into the codes cell is pointed to the
 * add-by-name box; the plan's read-only table, the matrix and the search name them too.
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

      // Added by name: the box under the cell suggests the municipalities of the activity's states; a pick adds its code.
      const picker = page.locator(`${ROW} [data-testid="municipality-picker"]`);
      expect(await picker.getAttribute('aria-label')).toBe('Añadir municipio por nombre: Municipios (INEGI), actividad 1');
      await picker.click();
      const suggestions = page.locator(`${ROW} datalist option`);
      await expect.poll(() => suggestions.count()).toBe(16);
      expect(await suggestions.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).slice(0, 2))).toEqual(['Álvaro Obregón, Ciudad de México (09010)', 'Azcapotzalco, Ciudad de México (09002)']);
      await picker.fill('Iztapalapa, Ciudad de México (09007)');
      await waitFor(() => stored() === JSON.stringify(['09015', '07089', '07999', '09007']), 10_000, 'the picked code in the plan');
      expect(await picker.inputValue()).toBe('');
      await expect.poll(() => cell.inputValue()).toBe('09015, 07089, 07999, 09007');
      // A name typed whole and Enter: the one of that name in the activity's states; one elsewhere is said, not added.
      await picker.fill('tlalpan');
      await picker.press('Enter');
      await waitFor(() => stored() === JSON.stringify(['09015', '07089', '07999', '09007', '09012']), 10_000, 'Tlalpan in the plan');
      await picker.fill('Guadalajara');
      await picker.press('Enter');
      expect(await picker.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(`${ROW} [role="alert"]`).innerText()).toBe('No hay un municipio «Guadalajara» en las entidades de esta actividad.');
      expect(stored()).toBe(JSON.stringify(['09015', '07089', '07999', '09007', '09012']));
      await picker.press('Escape');
      await page.keyboard.press('Tab');

      // A name typed into the codes cell is not taken, and the message points to the box that takes names.
      const error = page.locator(`${ROW} .field-error`);
      await cell.click();
      await cell.press('End');
      await page.keyboard.type(', Tapach');
      await expect
        .poll(() => error.innerText())
        .toBe('Claves no válidas: Tapach. Escriba claves INEGI de 5 dígitos (entidad + municipio), o busque el municipio por nombre en «Añadir por nombre…».');
      expect(await cell.getAttribute('aria-invalid')).toBe('true');
      expect((await cell.getAttribute('aria-describedby'))?.split(' ')).toContain(await error.getAttribute('id'));
      // A code short of digits keeps the codes-only message.
      for (let i = 0; i < 'Tapach'.length; i++) await cell.press('Backspace');
      await page.keyboard.type('0708');
      await expect.poll(() => error.innerText()).toBe('Claves no válidas: 0708. Use 5 dígitos INEGI (entidad + municipio).');
      for (let i = 0; i < ', 0708'.length; i++) await cell.press('Backspace');
      await expect.poll(() => error.count()).toBe(0);
      expect(stored()).toBe(JSON.stringify(['09015', '07089', '07999', '09007', '09012']));
      await page.keyboard.press('Tab');

      await pollUntil(ana.api, '/api/matrix', (x: { activities: Array<{ municipalityCodes: string[] }> }) => x.activities[0]?.municipalityCodes.length === 5, 10_000);
      await page.goto(`${h.base}/matrix`);
      const row = page.locator('[data-testid="matrix-table"] tr[data-activity-id="act_municipios"]');
      await expect.poll(() => row.locator('td').nth(5).innerText(), { timeout: 10_000 }).toBe('Cuauhtémoc (09015), Tapachula (07089), 07999, Iztapalapa (09007), Tlalpan (09012)');
      expect(session.errors).toEqual([]);
    } finally {
      other.destroy();
      await session.close();
    }
  });
});
