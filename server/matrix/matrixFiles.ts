/** The matrix as downloadable files: HXL-tagged CSV and an Excel workbook with the same two header rows. */
import type { Executor } from '../../db/client.js';
import { inArray } from 'drizzle-orm';
import { documents, organizations, workspaces } from '../../db/schema.js';
import { municipalityName } from '../../shared/municipalities.js';
import { exportLabels, labelOf, stateName, type ExportLang } from '../exports/labels.js';
import type { XlsxSheet } from '../exports/renderXlsx.js';
import { matrixToHxlCsv, matrixToHxlTable, type MatrixCsvRow, type OrganizationNames } from './hxlCsv.js';

/** Every organization's name and acronym, for readable exports. */
export async function organizationNames(db: Executor): Promise<OrganizationNames> {
  const rows = await db.select({ id: organizations.id, name: organizations.name, acronym: organizations.acronym }).from(organizations);
  return Object.fromEntries(rows.map((o) => [o.id, { name: o.name, acronym: o.acronym }]));
}

/** HXL CSV with a byte-order mark, so Excel opens accents correctly. */
export function matrixCsv(rows: readonly MatrixCsvRow[], orgs: OrganizationNames, lang: ExportLang): string {
  return matrixToHxlCsv(rows, orgs, { lang, bom: true });
}

/** The names of the working groups and plans the rows are in, by id. */
export interface MatrixPlaces {
  workspaces: Record<string, string>;
  documents: Record<string, string>;
}

/** Names of the working groups and plans of `rows` (only those rows' own: the caller may see them). */
export async function matrixPlaces(db: Executor, rows: readonly MatrixCsvRow[]): Promise<MatrixPlaces> {
  const workspaceIds = [...new Set(rows.map((r) => r.workspaceId))];
  const documentIds = [...new Set(rows.map((r) => r.documentId))];
  const ws = workspaceIds.length ? await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(inArray(workspaces.id, workspaceIds)) : [];
  const docs = documentIds.length ? await db.select({ id: documents.id, title: documents.title }).from(documents).where(inArray(documents.id, documentIds)) : [];
  return { workspaces: Object.fromEntries(ws.map((w) => [w.id, w.name])), documents: Object.fromEntries(docs.map((d) => [d.id, d.title])) };
}

/**
 * Columns a person reads, after the HXL columns (which keep the CSV's codes and order): the group and plan by name,
 * and the mandate area, states, municipalities and status in words.
 */
function readableColumns(lang: ExportLang, places: MatrixPlaces): Array<{ header: string; tag: string; value(r: MatrixCsvRow): string }> {
  const labels = exportLabels(lang);
  const es = lang === 'es';
  return [
    { header: es ? 'Mesa' : 'Working group', tag: '#group+workspace+name', value: (r) => places.workspaces[r.workspaceId] ?? '' },
    { header: 'Plan', tag: '#meta+document+name', value: (r) => places.documents[r.documentId] ?? '' },
    { header: es ? 'Área de mandato (nombre)' : 'Mandate area (name)', tag: '#sector+name', value: (r) => labelOf(labels.mandateAreas, r.mandateArea, '') },
    { header: es ? 'Estados (nombre)' : 'States (name)', tag: '#adm1+name', value: (r) => r.stateCodes.map(stateName).join('; ') },
    // A code INEGI's catalog lacks keeps its place as the code, so the list lines up with the codes column.
    { header: es ? 'Municipios (nombre)' : 'Municipalities (name)', tag: '#adm2+name', value: (r) => r.municipalityCodes.map((c) => municipalityName(c) ?? c).join('; ') },
    { header: es ? 'Estado de avance (nombre)' : 'Status (name)', tag: '#status+name', value: (r) => labelOf(labels.activityStatus, r.status, '') },
  ];
}

/**
 * The matrix as one sheet: human header row, HXL hashtag row, then one row per activity (cells are text, never formulas).
 * After the CSV's columns come the same facts in words, for people who open it in a spreadsheet. The workbook itself
 * is rendered by the export renderer (off the event loop): `sheetToXlsx`.
 */
export function matrixSheet(rows: readonly MatrixCsvRow[], orgs: OrganizationNames, lang: ExportLang, places: MatrixPlaces): XlsxSheet {
  const hxl = matrixToHxlTable(rows, orgs, lang);
  const extra = readableColumns(lang, places);
  return {
    name: lang === 'es' ? 'Matriz' : 'Matrix',
    headers: [...hxl.headers, ...extra.map((c) => c.header)],
    tags: [...hxl.tags, ...extra.map((c) => c.tag)],
    rows: hxl.rows.map((cells, i) => [...cells, ...extra.map((c) => c.value(rows[i]))]),
  };
}
