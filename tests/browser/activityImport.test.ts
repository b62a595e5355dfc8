/**
 * Importing activities from a spreadsheet: a CSV file saved by Excel on Windows (semicolons, Windows-1252) or rows
 * pasted from it, read in the page, every unreadable value listed by line, imported in one change that reaches the
 * server like typing does, and undone again. An Excel workbook is read in the page too, sheet by sheet.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity, readActivities } from '../../shared/planModel.js';
import { seriousViolations } from '../helpers/axe.js';
import { zipOf } from '../helpers/zipOf.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { pollUntil } from '../helpers/matrix.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';

/** `text` as Windows-1252 bytes (every character here is in it), as Excel on Windows saves a CSV. */
function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in Latin-1: ${ch}`);
    return code;
  }));
}

describe('activity import', () => {
  const h = useBrowserWorld();

  /** An editor, a blank plan of theirs, and a second client on it that sees what the import stores. */
  async function blankPlan() {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId, 'blank');
    const other = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(other);
    return { ana, workspaceId, documentId, other };
  }

  it('reads a CSV from Excel, lists what it could not read, imports the rows in one change and undoes it', async () => {
    const { ana, workspaceId, documentId, other } = await blankPlan();
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      const open = page.getByTestId('import-activities');
      await open.click();
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      // Focus goes to the paste box.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('activity-import-paste');

      const csv = [
        'Actividad;Institución líder;Instituciones aliadas;Ámbito;Entidades;Municipios;Inicio;Fin;Estado de avance;Meta',
        'Capacitación en albergues;FGR;SSPC, FGE-CHIH;Trata de personas;Chiapas;Tapachula;01/03/2027;30/06/2027;En curso;60 agentes',
        'Operativo "Frontera";Policía Federal;;Huachicol;Chihuahua;Juárez;2027-02-30;;Concluida;',
        ';;;;;;;;;',
      ].join('\r\n');
      await page.getByTestId('activity-import-file').setInputFiles({ name: 'plan 2027.csv', mimeType: 'text/csv', buffer: windows1252(csv) });
      const preview = page.getByTestId('activity-import-preview');
      await expect.poll(() => preview.locator('p').first().innerText()).toBe(
        'Se leyeron 2 actividades. Columnas reconocidas: Actividad, Institución líder, Instituciones aliadas, Ámbito, Entidades, Municipios → Municipios (INEGI), Inicio, Fin, Estado de avance → Estado, Meta.',
      );
      expect(await page.getByText('Se leyó «plan 2027.csv».').count()).toBe(1);
      expect(await page.getByTestId('activity-import-problems').locator('li').allInnerTexts()).toEqual([
        'Línea 3 · Institución líder: no hay una institución «Policía Federal» en el directorio',
        'Línea 3 · Ámbito: «Huachicol» no es un ámbito de Enlace',
        'Línea 3 · Inicio: «2027-02-30» no es una fecha (use 31/12/2027 o 2027-12-31)',
      ]);
      const submit = page.getByTestId('activity-import-submit');
      expect(await submit.innerText()).toBe('Importar 2 actividades');
      expect(await seriousViolations(page)).toEqual([]);
      await submit.click();

      // Both rows reach the other client (through the server) in one change, read as the table reads them.
      await waitFor(() => getActivities(other.doc).length === 2, 10_000, 'the imported rows on the other client');
      const [first, second] = readActivities(other.doc);
      expect({ ...first, id: '' }).toEqual({
        id: '',
        title: 'Capacitación en albergues',
        description: '',
        leadOrganizationId: h.world.orgs.FGR.id,
        partnerOrganizationIds: [h.world.orgs.SSPC.id, h.world.orgs['FGE-CHIH'].id],
        mandateArea: 'trafficking_in_persons',
        stateCodes: ['07'],
        municipalityCodes: ['07089'],
        startDate: '2027-03-01',
        endDate: '2027-06-30',
        status: 'in_progress',
        target: '60 agentes',
        indicator: '',
      });
      expect(second).toMatchObject({ title: 'Operativo "Frontera"', leadOrganizationId: null, mandateArea: null, stateCodes: ['08'], municipalityCodes: ['08037'], startDate: null, status: 'done' });
      expect(first.id).not.toBe(second.id);
      await expect.poll(() => page.locator(ROW).count()).toBe(2);
      expect(await page.getByTestId('activity-import').count()).toBe(0);
      expect(await page.getByTestId('activity-import-done').locator('p').innerText()).toBe('Se importaron 2 actividades al final de la tabla.');
      // Stored: the matrix, projected from the saved plan, has them.
      await pollUntil(ana.api, '/api/matrix', (m: { activities: Array<{ title: string }> }) => m.activities.length === 2, 10_000);

      // Undo takes exactly the imported rows out, for everyone.
      await page.getByRole('button', { name: 'Deshacer la importación' }).click();
      await waitFor(() => getActivities(other.doc).length === 0, 10_000, 'the import undone on the other client');
      expect(await page.getByTestId('activity-import-done').locator('p').innerText()).toBe('Se quitaron las actividades importadas.');

      // Rows pasted from a spreadsheet (tabs); without an activity column nothing can be imported; Cancel closes.
      await open.click();
      const paste = page.getByTestId('activity-import-paste');
      await paste.fill('Meta\tInicio\n60 agentes\t01/03/2027');
      await expect.poll(() => preview.innerText()).toBe('No se encontró la columna de la actividad. Una de las diez primeras filas debe tener los encabezados, con una columna «Actividad» (o «Título»).');
      expect(await submit.isDisabled()).toBe(true);
      // More than a file may hold is refused as a file is: it would go to the server as one update.
      await paste.fill(`Título\n${'x'.repeat(8 * 1024 * 1024)}`);
      await expect.poll(() => page.getByTestId('activity-import').locator('[role="alert"]').innerText()).toBe('El texto pegado pasa de 8 MB. Divida la hoja en partes e impórtelas una por una.');
      expect(await submit.isDisabled()).toBe(true);
      await paste.fill('Título\tEstado\nMesa técnica\tPlaneada');
      await expect.poll(() => submit.innerText()).toBe('Importar 1 actividad');
      // The template: an Excel workbook with the table's columns in the reader's language, drop-downs, and an example
      // row that reads back without a problem.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('activity-import-template').click()]);
      expect(download.suggestedFilename()).toBe('plantilla-actividades.xlsx');
      const template = await readFile((await download.path()) ?? '');
      await page.getByTestId('activity-import-file').setInputFiles({ name: 'plantilla-actividades.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: template });
      await expect.poll(() => page.getByText('Se leyó la hoja «Actividades» de «plantilla-actividades.xlsx».').count()).toBe(1);
      expect(await preview.locator('p').first().innerText()).toBe(
        'Se leyó 1 actividad. Columnas reconocidas: Actividad, Descripción, Institución líder, Instituciones aliadas, Ámbito, Entidades, Municipios (INEGI), Inicio, Fin, Estado, Meta, Indicador.',
      );
      expect(await page.getByTestId('activity-import-problems').count()).toBe(0);
      expect(await page.getByTestId('activity-import-sheet').locator('option').allInnerTexts()).toEqual(['Actividades', 'Listas']);
      await page.getByRole('button', { name: 'Cancelar' }).click();
      expect(await page.getByTestId('activity-import').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-activities');
      expect(getActivities(other.doc).length).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      other.destroy();
      await close();
    }
  });

  it('reads an Excel workbook: picks the plan’s sheet under its title block, names problems by Excel’s row, imports real dates', async () => {
    const { ana, workspaceId, documentId, other } = await blankPlan();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Instrucciones').getCell('A1').value = 'Llene la hoja «Plan 2027».';
    const plan = book.addWorksheet('Plan 2027');
    plan.getCell('A1').value = 'Mesa de trata de personas — plan de trabajo 2027';
    plan.getRow(3).values = ['Actividad', 'Institución líder', 'Municipios', 'Inicio', 'Fin'];
    plan.getRow(4).values = ['Talleres en albergues', 'FGR', 7089, new Date(Date.UTC(2027, 2, 31)), new Date(Date.UTC(2027, 5, 30))];
    plan.getRow(5).values = ['Operativo «Frontera», fase 1', 'Policía Federal', '', '', ''];
    book.addWorksheet('Catálogos', { state: 'hidden' }).getCell('A1').value = 'FGR';
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.getByTestId('import-activities').click();
      const file = page.getByTestId('activity-import-file');
      await file.setInputFiles({ name: 'plan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) });
      await expect.poll(() => page.getByText('Se leyó la hoja «Plan 2027» de «plan.xlsx».').count()).toBe(1);
      const sheet = page.getByTestId('activity-import-sheet');
      expect(await sheet.locator('option').allInnerTexts()).toEqual(['Instrucciones', 'Plan 2027', 'Catálogos (oculta)']);
      const preview = page.getByTestId('activity-import-preview');
      expect(await preview.locator('p').first().innerText()).toBe('Se leyeron 2 actividades. Columnas reconocidas: Actividad, Institución líder, Municipios → Municipios (INEGI), Inicio, Fin.');
      expect(await page.getByTestId('activity-import-problems').locator('li').allInnerTexts()).toEqual(['Fila 5 · Institución líder: no hay una institución «Policía Federal» en el directorio']);

      // Another sheet replaces the rows; the plan's sheet again brings them back.
      await sheet.selectOption({ label: 'Instrucciones' });
      await expect.poll(() => preview.innerText()).toBe('No se encontró la columna de la actividad. Una de las diez primeras filas debe tener los encabezados, con una columna «Actividad» (o «Título»).');
      await sheet.selectOption({ label: 'Plan 2027' });
      const submit = page.getByTestId('activity-import-submit');
      await expect.poll(() => submit.innerText()).toBe('Importar 2 actividades');
      expect(await seriousViolations(page)).toEqual([]);
      await submit.click();
      await waitFor(() => getActivities(other.doc).length === 2, 10_000, 'the imported rows on the other client');
      const [first, second] = readActivities(other.doc);
      expect(first).toMatchObject({ title: 'Talleres en albergues', leadOrganizationId: h.world.orgs.FGR.id, stateCodes: ['07'], municipalityCodes: ['07089'], startDate: '2027-03-31', endDate: '2027-06-30' });
      expect(second).toMatchObject({ title: 'Operativo «Frontera», fase 1', leadOrganizationId: null, startDate: null });

      // A LibreOffice spreadsheet (.ods) is read the same way: its one sheet, numbers by value, dates as dates.
      await page.getByTestId('import-activities').click();
      const odsCell = (attrs: string, text: string) => `<table:table-cell ${attrs}><text:p>${text}</text:p></table:table-cell>`;
      const content =
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
        '<office:body><office:spreadsheet><table:table table:name="Hoja1">' +
        `<table:table-row>${['Actividad', 'Municipios', 'Inicio'].map((h) => odsCell('office:value-type="string"', h)).join('')}</table:table-row>` +
        `<table:table-row>${odsCell('office:value-type="string"', 'Mesa binacional')}${odsCell('office:value-type="float" office:value="8037"', '8.037')}${odsCell('office:value-type="date" office:date-value="2027-05-04"', '04/05/27')}</table:table-row>` +
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
        '</table:table></office:spreadsheet></office:body></office:document-content>';
      await page.getByTestId('activity-import-file').setInputFiles({
        name: 'plan.ods',
        mimeType: 'application/vnd.oasis.opendocument.spreadsheet',
        buffer: Buffer.from(zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': content })),
      });
      await expect.poll(() => page.getByText('Se leyó la hoja «Hoja1» de «plan.ods».').count()).toBe(1);
      expect(await page.getByTestId('activity-import-sheet').count()).toBe(0);
      await page.getByTestId('activity-import-submit').click();
      await waitFor(() => getActivities(other.doc).length === 3, 10_000, 'the row from the .ods on the other client');
      expect(readActivities(other.doc)[2]).toMatchObject({ title: 'Mesa binacional', stateCodes: ['08'], municipalityCodes: ['08037'], startDate: '2027-05-04' });

      // An .xls that is a compound file's signature and nothing more (cut short on its way) is said to be damaged;
      // whole ones are read (activityImportXls.test.ts).
      await page.getByTestId('import-activities').click();
      await page.getByTestId('activity-import-file').setInputFiles({ name: 'plan viejo.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]) });
      await expect.poll(() => page.getByTestId('activity-import').locator('[role="alert"]').innerText()).toBe(
        '«plan viejo.xls» está dañado o incompleto. Descárguelo o guárdelo de nuevo desde Excel e inténtelo otra vez.',
      );
      expect(await page.getByTestId('activity-import-paste').inputValue()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      other.destroy();
      await close();
    }
  });

  it('brings back the plan’s own matrix workbook edited in Excel: the activities it names are updated, not copied, and undo restores them', async () => {
    const { ana, workspaceId, documentId, other } = await blankPlan();
    other.doc.transact(() => {
      insertActivity(other.doc, { id: 'act-taller', title: 'Taller en albergues', leadOrganizationId: h.world.orgs.FGR.id, status: 'in_progress', stateCodes: ['07'], startDate: '2027-03-01' });
      insertActivity(other.doc, { id: 'act-operativo', title: 'Operativo conjunto', leadOrganizationId: h.world.orgs.SSPC.id, partnerOrganizationIds: [h.world.orgs.FGR.id], status: 'planned' });
    });
    await pollUntil(ana.api, `/api/matrix?documentId=${documentId}`, (m: { activities: unknown[] }) => m.activities.length === 2, 10_000);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.getByTestId('import-activities').click();
      // The panel offers this plan's activities as a workbook.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('activity-import-plan-workbook').click()]);
      const book = new ExcelJS.Workbook();
      const file = await readFile((await download.path()) ?? '');
      await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
      const sheet = book.worksheets[0];
      const tags = (sheet.getRow(2).values as unknown[]).map(String);
      const column = (tag: string) => tags.indexOf(tag);
      expect(sheet.getRow(1).getCell(column('#activity+id')).value).toBe('Id de actividad');
      const tallerRow = [3, 4].find((r) => sheet.getRow(r).getCell(column('#activity+name')).value === 'Taller en albergues') ?? 0;
      // In Excel: the workshop is done now, and a new activity is added at the bottom (no id).
      sheet.getRow(tallerRow).getCell(column('#status')).value = 'done';
      sheet.getRow(5).getCell(column('#activity+name')).value = 'Foro regional';
      // A lead the directory does not know leaves the operation's lead as it is.
      const operativoRow = tallerRow === 3 ? 4 : 3;
      sheet.getRow(operativoRow).getCell(column('#org+lead')).value = 'Policía Federal';
      // A row the export says is another plan's (say, pasted from the whole matrix's download) is not copied in.
      sheet.getRow(6).getCell(column('#meta+document+id')).value = 'doc_de_otra_mesa';
      sheet.getRow(6).getCell(column('#activity+name')).value = 'Foro de otra mesa';
      // What cannot be read in it does not matter here: not listed below.
      sheet.getRow(6).getCell(column('#org+lead')).value = 'Fiscalía de otra mesa';
      const edited = Buffer.from(await book.xlsx.writeBuffer());

      await page.getByTestId('activity-import-file').setInputFiles({ name: 'matriz.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: edited });
      await expect.poll(() => page.getByTestId('activity-import-matched').count()).toBe(1);
      expect(await page.getByTestId('activity-import-matched').innerText()).toBe('Ya están en este plan (por su id de actividad): 2 · se actualizan: 1 · sin cambios: 1 · nuevas: 1.');
      expect(await page.getByTestId('activity-import-other-plans').innerText()).toBe('1 fila es de otro plan (lo dice la exportación de Enlace) y no se importa aquí.');
      const problems = page.getByTestId('activity-import-problems');
      expect(await problems.locator('p').innerText()).toBe('1 dato no se pudo leer: si es de una actividad nueva queda vacío; si es de una que ya está en el plan, sin cambiar:');
      expect(await problems.locator('li').allInnerTexts()).toEqual([`Fila ${operativoRow} · Institución líder: no hay una institución «Policía Federal» en el directorio`]);
      // What will change in the plan's own activities, before anything does.
      const changes = page.getByTestId('activity-import-updates');
      await changes.locator('summary').click();
      expect(await changes.locator('summary').innerText()).toBe('Ver el cambio (1 actividad)');
      expect(await changes.locator('li').allInnerTexts()).toEqual([`Fila ${tallerRow} · Taller en albergues — Estado: En curso → Concluida`]);
      expect(await seriousViolations(page)).toEqual([]);
      const submit = page.getByTestId('activity-import-submit');
      expect(await submit.innerText()).toBe('Importar y actualizar (nuevas: 1 · actualizadas: 1)');
      await submit.click();

      await waitFor(() => getActivities(other.doc).length === 3, 10_000, 'the new row on the other client');
      await waitFor(() => readActivities(other.doc)[0].status === 'done', 10_000, 'the update on the other client');
      const [taller, operativo, foro] = readActivities(other.doc);
      expect(taller).toMatchObject({ id: 'act-taller', title: 'Taller en albergues', leadOrganizationId: h.world.orgs.FGR.id, stateCodes: ['07'], startDate: '2027-03-01', status: 'done' });
      expect(operativo).toMatchObject({ id: 'act-operativo', leadOrganizationId: h.world.orgs.SSPC.id, partnerOrganizationIds: [h.world.orgs.FGR.id], status: 'planned' });
      expect(foro).toMatchObject({ title: 'Foro regional', status: 'planned' });
      expect(await page.getByTestId('activity-import-done').locator('p').innerText()).toBe('Importación hecha. Nuevas, al final de la tabla: 1 · actualizadas: 1.');

      await page.getByRole('button', { name: 'Deshacer la importación' }).click();
      await waitFor(() => getActivities(other.doc).length === 2 && readActivities(other.doc)[0].status === 'in_progress', 10_000, 'the import undone on the other client');
      expect(readActivities(other.doc).map((a) => [a.id, a.status])).toEqual([
        ['act-taller', 'in_progress'],
        ['act-operativo', 'planned'],
      ]);
      expect(errors).toEqual([]);
    } finally {
      other.destroy();
      await close();
    }
  });
  it('lets a full plan take an import that only updates its activities', async () => {
    const { ana, workspaceId, documentId, other } = await blankPlan();
    other.doc.transact(() => {
      for (let i = 0; i < 20_000; i++) insertActivity(other.doc, { id: `row-${i}`, title: `Actividad ${i}` });
    });
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.getByTestId('activities-full').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('add-activity').isDisabled()).toBe(true);
      await page.getByTestId('import-activities').click();
      await page.getByTestId('activity-import-paste').fill('Id de actividad\tActividad\nrow-5\tTaller actualizado\n\tActividad nueva');
      await expect.poll(() => page.getByTestId('activity-import-matched').count()).toBe(1);
      expect(await page.getByTestId('activity-import-matched').innerText()).toBe('Ya están en este plan (por su id de actividad): 1 · se actualizan: 1 · sin cambios: 0 · nuevas: 1.');
      expect(await page.getByText('El plan llegó al máximo de actividades: no se agrega ninguna nueva; solo se actualizan las que ya están en él.').count()).toBe(1);
      const submit = page.getByTestId('activity-import-submit');
      expect(await submit.innerText()).toBe('Importar y actualizar (nuevas: 0 · actualizadas: 1)');
      await submit.click();
      await waitFor(() => readActivities(other.doc)[5]?.title === 'Taller actualizado', 15_000, 'the update on the other client');
      expect(getActivities(other.doc).length).toBe(20_000);
      expect(errors).toEqual([]);
    } finally {
      other.destroy();
      await close();
    }
  });
});
