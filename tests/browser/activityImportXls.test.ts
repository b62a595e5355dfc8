/**
 * Importing activities from an Excel 97–2003 workbook (.xls), as many agencies still keep them: the committed fixture
 * (saved by LibreOffice) is read in the page like an .xlsx, its plan sheet found under a title block, its accents,
 * dates, numbers and formula results imported into the table, a formula's error told as a value it could not read and
 * the note under the table left out and named; an encrypted one is refused with what to do.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getActivities, readActivities } from '../../shared/planModel.js';
import { LONG_DESCRIPTION } from '../fixtures/xls/xlsFixtureContent.js';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/xls/${name}`, import.meta.url));

describe('activity import from .xls', () => {
  const h = useBrowserWorld();

  it('reads an Excel 97–2003 workbook in the page and imports its rows with their accents and dates', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId, 'blank');
    const other = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(other);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.getByTestId('import-activities').click();
      await page.getByTestId('activity-import-file').setInputFiles({ name: 'plan 2027.xls', mimeType: 'application/vnd.ms-excel', buffer: fixture('plan-actividades.xls') });
      await expect.poll(() => page.getByText('Se leyó la hoja «Plan 2027» de «plan 2027.xls».').count()).toBe(1);
      expect(await page.getByTestId('activity-import-sheet').locator('option').allInnerTexts()).toEqual(['Instrucciones', 'Plan 2027', 'Catálogos (oculta)']);
      const preview = page.getByTestId('activity-import-preview');
      expect(await preview.locator('p').first().innerText()).toBe(
        'Se leyeron 3 actividades. Columnas reconocidas: Actividad, Descripción, Institución líder, Instituciones aliadas, Ámbito, Entidades, Municipios → Municipios (INEGI), Inicio, Fin, Estado de avance → Estado, Meta. Se omiten: Presupuesto, Agentes, Prioritaria.',
      );
      // The formula =1/0 under «Meta» is said, by the row Excel shows, and left empty.
      const problems = page.getByTestId('activity-import-problems');
      expect(await problems.locator('p').innerText()).toBe('1 dato no se pudo leer y se deja vacío:');
      expect(await problems.locator('li').allInnerTexts()).toEqual(['Fila 5 · Meta: #DIV/0! (error de fórmula en la hoja)']);
      // The note under the table, after a blank row, is no activity: left out, and named.
      const notes = page.getByTestId('activity-import-notes');
      expect(await notes.locator('p').innerText()).toBe(
        'Se deja fuera 1 fila bajo la tabla, tras una fila en blanco, porque parece una nota y no una actividad (si es una actividad, quite la fila en blanco que la separa de la tabla):',
      );
      expect(await notes.locator('li').allInnerTexts()).toEqual(['Fila 8 · «Nota: cifras preliminares (señaladas con *)»']);
      expect(await seriousViolations(page)).toEqual([]);
      const submit = page.getByTestId('activity-import-submit');
      expect(await submit.innerText()).toBe('Importar 3 actividades');
      await submit.click();

      // Stored through the server, read as the table reads them.
      await waitFor(() => getActivities(other.doc).length === 3, 10_000, 'the imported rows on the other client');
      const [taller, operativo, reunion, ...more] = readActivities(other.doc);
      expect(more).toEqual([]);
      expect({ ...taller, id: '' }).toEqual({
        id: '',
        title: 'Capacitación en albergues de Tapachula',
        description: LONG_DESCRIPTION,
        leadOrganizationId: h.world.orgs.FGR.id,
        partnerOrganizationIds: [h.world.orgs.SSPC.id, h.world.orgs['FGE-CHIH'].id],
        mandateArea: 'trafficking_in_persons',
        stateCodes: ['07'],
        municipalityCodes: ['07089'],
        startDate: '2027-03-01',
        endDate: '2027-06-30',
        status: 'in_progress',
        target: 'Capacitar a 60 agentes',
        indicator: '',
      });
      expect(operativo).toMatchObject({ title: 'Operativo «Frontera», fase 1 — Ciudad Juárez', leadOrganizationId: h.world.orgs.SSPC.id, mandateArea: 'migrant_smuggling', stateCodes: ['08'], municipalityCodes: ['08037'], startDate: '2027-02-15', endDate: null, status: 'planned', target: '' });
      expect(reunion).toMatchObject({ title: 'Reunión técnica en Mérida', description: 'Año 2000: ¿compatibilidad?', stateCodes: ['31'], startDate: '1999-12-31', endDate: '2000-01-01', status: 'done' });

      // The table shows them, accents and dates as imported.
      await expect.poll(() => page.locator(ROW).count()).toBe(3);
      const cells = (field: string) => page.locator(`${ROW} [data-field="${field}"]`).evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
      expect(await cells('title')).toEqual(['Capacitación en albergues de Tapachula', 'Operativo «Frontera», fase 1 — Ciudad Juárez', 'Reunión técnica en Mérida']);
      expect(await cells('startDate')).toEqual(['2027-03-01', '2027-02-15', '1999-12-31']);
      expect(await cells('endDate')).toEqual(['2027-06-30', '', '2000-01-01']);
      expect(await page.getByTestId('activity-import-done').locator('p').innerText()).toBe('Se importaron 3 actividades al final de la tabla.');

      // An encrypted workbook says what to do instead.
      await page.getByTestId('import-activities').click();
      await page.getByTestId('activity-import-file').setInputFiles({ name: 'protegido.xls', mimeType: 'application/vnd.ms-excel', buffer: fixture('protegido.xls') });
      await expect.poll(() => page.getByTestId('activity-import').locator('[role="alert"]').innerText()).toBe(
        '«protegido.xls» está protegido con contraseña (cifrado). Ábralo en Excel o LibreOffice, guárdelo como .xlsx sin contraseña (o como CSV) e inténtelo de nuevo.',
      );
      expect(await page.getByTestId('activity-import-paste').inputValue()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      other.destroy();
      await close();
    }
  });
});
