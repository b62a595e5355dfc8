/** The matrix as downloadable files: HXL-tagged CSV and an Excel workbook with the same two header rows. */
import type { Executor } from '../../db/client.js';
import { organizations } from '../../db/schema.js';
import type { ExportLang } from '../exports/labels.js';
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

/** An .xlsx workbook: human header row, HXL hashtag row, then one row per activity (cells are text, never formulas). */
export async function matrixXlsx(rows: readonly MatrixCsvRow[], orgs: OrganizationNames, lang: ExportLang): Promise<Buffer> {
  const table = matrixToHxlTable(rows, orgs, lang);
  // exceljs (~20 MB resident) loads on the first XLSX download, not at boot.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Enlace';
  book.created = new Date();
  const sheet = book.addWorksheet(lang === 'es' ? 'Matriz' : 'Matrix', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow(table.headers).font = { bold: true };
  sheet.addRow(table.tags).font = { italic: true, color: { argb: 'FF555555' } };
  for (const r of table.rows) sheet.addRow(r);
  sheet.columns.forEach((col, i) => {
    const longest = Math.max(table.headers[i].length, ...table.rows.slice(0, 200).map((r) => r[i].length));
    col.width = Math.min(60, Math.max(12, longest + 2));
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: table.headers.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
