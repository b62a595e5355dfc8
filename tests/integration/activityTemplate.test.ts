/**
 * The activity import's Excel template: headers as the web app names the table's columns, drop-down lists drawn from
 * the directory (defunct agencies left out), in the caller's language or the one asked for; signed-in people only.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActivityTable, type ImportVocabulary } from '../../shared/activityImport.js';
import { ACTIVITY_KEYS } from '../../shared/planModel.js';
import { readWorkbook } from '../../shared/xlsxWorkbook.js';
import { TEMPLATE_FIELDS, templateHeader } from '../../server/exports/activityTemplate.js';
import { exportLabels } from '../../server/exports/labels.js';
import { createWorld, type World } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type AppStrings = { activities: { fields: Record<string, string> }; mandateAreas: Record<string, string>; activityStatus: Record<string, string> };
type Validation = { type: string; formulae?: string[]; showErrorMessage?: boolean; allowBlank?: boolean };

async function download(server: TestServer, token: string | undefined, query = ''): Promise<Response> {
  return fetch(`${server.url}/api/activities/import-template.xlsx${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('activity import template', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer({});
    world = await createWorld(server.url);
    await world.admin.post('/api/organizations', { name: 'Instituto Nacional de Migración', acronym: 'INM', level: 'federal' });
    const defunct = await world.admin.post('/api/organizations', { name: 'Procuraduría General de la República', acronym: 'PGR', level: 'federal' });
    await world.admin.patch(`/api/organizations/${defunct.body.organization.id}`, { active: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it('holds the table’s columns, an example row and drop-downs drawn from the directory', async () => {
    const ana = await world.user('Ana Torres', 'SSPC');
    const res = await download(server, ana.api.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="plantilla-actividades.xlsx"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.slice().buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Actividades', 'Listas']);
    const [sheet, lists] = book.worksheets;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Actividad', 'Descripción', 'Institución líder', 'Instituciones aliadas', 'Ámbito', 'Entidades', 'Municipios (INEGI)', 'Inicio', 'Fin', 'Estado', 'Meta', 'Indicador',
    ]);
    expect(lists.getColumn(1).values.slice(1)).toEqual(['Institución', 'FGE-CHIH', 'FGR', 'INM · Instituto Nacional de Migración', 'MUN-JUAREZ', 'SSPC', 'UNODC · Oficina de Enlace UNODC']);
    const labels = exportLabels('es');
    expect(lists.getColumn(2).values.slice(2)).toEqual(Object.values(labels.mandateAreas));
    expect(lists.getColumn(4).values.slice(2)).toHaveLength(32);
    // One validation per column over 2,000 rows (exceljs reads a range back cell by cell): one value from the list
    // for the lead, the area and the status; a hint, and any value, for several.
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model;
    for (const cell of ['C2', 'C2001']) expect(validations[cell]).toMatchObject({ type: 'list', formulae: ["'Listas'!$A$2:$A$7"], showErrorMessage: true });
    expect(validations.C2002).toBeUndefined();
    expect(validations.D2).toMatchObject({ type: 'list', formulae: ["'Listas'!$A$2:$A$7"] });
    expect(validations.D2.showErrorMessage).not.toBe(true);
    expect(validations.E2).toMatchObject({ type: 'list', formulae: ["'Listas'!$B$2:$B$9"], showErrorMessage: true });
    expect(validations.J2).toMatchObject({ type: 'list', formulae: ["'Listas'!$C$2:$C$5"], showErrorMessage: true });

    // Read back as the web app's import reads it, with the web app's own labels: every column recognized, the example
    // row clean, and every value the drop-downs offer understood.
    const es = JSON.parse(await readFile(new URL('../../client/i18n/es.json', import.meta.url), 'utf8')) as AppStrings;
    const vocabulary: ImportVocabulary = {
      organizations: (await ana.api.get<{ organizations: Array<{ id: string; name: string; acronym: string; active: boolean }> }>('/api/organizations')).body.organizations,
      fieldLabels: TEMPLATE_FIELDS.map((f) => [f, es.activities.fields[f]] as const),
      mandateAreaLabels: Object.entries(es.mandateAreas) as ImportVocabulary['mandateAreaLabels'],
      statusLabels: Object.entries(es.activityStatus) as ImportVocabulary['statusLabels'],
    };
    const [readSheet, readLists] = await readWorkbook(bytes);
    const reading = readActivityTable(readSheet.rows, vocabulary);
    expect(reading.columns.map((c) => c.field)).toEqual(ACTIVITY_KEYS.filter((k) => k !== 'id'));
    expect(reading.problems).toEqual([]);
    expect(reading.rows.map((r) => r.activity)).toEqual([
      expect.objectContaining({ mandateArea: 'trafficking_in_persons', stateCodes: ['07'], municipalityCodes: ['07089'], startDate: '2027-03-01', endDate: '2027-06-30', status: 'planned', leadOrganizationId: world.orgs['FGE-CHIH'].id }),
    ]);
    const offered = readLists.rows.slice(1);
    const filled = [['Actividad', 'Institución líder', 'Ámbito', 'Estado', 'Entidades'], ...offered.map((r, i) => [`Fila ${i}`, r[0] ?? '', r[1] ?? '', r[2] ?? '', r[3] ?? ''])];
    const everyValue = readActivityTable(filled, vocabulary);
    expect(everyValue.problems).toEqual([]);
    expect(new Set(everyValue.rows.map((r) => r.activity).map((a) => a.leadOrganizationId).filter(Boolean)).size).toBe(6);
    expect(new Set(everyValue.rows.map((r) => r.activity).map((a) => a.mandateArea).filter(Boolean)).size).toBe(8);
    expect(new Set(everyValue.rows.map((r) => r.activity).flatMap((a) => a.stateCodes)).size).toBe(32);
  });

  it('keeps its headers equal to the web app’s column names, in both languages', async () => {
    for (const lang of ['es', 'en'] as const) {
      const strings = JSON.parse(await readFile(new URL(`../../client/i18n/${lang}.json`, import.meta.url), 'utf8')) as { activities: { fields: Record<string, string> } };
      expect(TEMPLATE_FIELDS.map((f) => templateHeader(lang, f))).toEqual(TEMPLATE_FIELDS.map((f) => strings.activities.fields[f]));
    }
    const ana = await world.user('Ann Taylor', 'FGR');
    const res = await download(server, ana.api.token, '?lang=en');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="activities-template.xlsx"');
    const [sheet, lists] = await readWorkbook(new Uint8Array(await res.arrayBuffer()));
    expect([sheet.name, lists.name]).toEqual(['Activities', 'Lists']);
    expect(sheet.rows[0][0]).toBe('Activity');
  });

  it('refuses strangers and a language it does not speak', async () => {
    expect((await download(server, undefined)).status).toBe(401);
    const ana = await world.user('Ana Torres', 'SSPC');
    const bad = await download(server, ana.api.token, '?lang=fr');
    expect(bad.status).toBe(400);
  });
});
