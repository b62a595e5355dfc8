/** Renders one sheet of text cells (a human header row, an HXL hashtag row, then rows) as an .xlsx workbook. */
import { xmlText } from './xmlText.js';

/** A sheet of text cells: two header rows (words, then HXL hashtags) and the rows under them. */
export interface XlsxSheet {
  name: string;
  headers: string[];
  tags: string[];
  rows: string[][];
}

/** The .xlsx file of one sheet: header rows frozen and filterable, every cell text (never a formula). */
export async function sheetToXlsx(table: XlsxSheet): Promise<Buffer> {
  // exceljs (~20 MB resident) loads on the first XLSX download, not at boot.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Enlace';
  book.created = new Date();
  const sheet = book.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow(table.headers.map(xmlText)).font = { bold: true };
  sheet.addRow(table.tags.map(xmlText)).font = { italic: true, color: { argb: 'FF555555' } };
  // A plan or activity title with U+FFFF made the whole workbook unreadable to strict readers (Excel).
  for (const r of table.rows) sheet.addRow(r.map(xmlText));
  sheet.columns.forEach((col, i) => {
    const longest = Math.max(table.headers[i].length, ...table.rows.slice(0, 200).map((r) => r[i].length));
    col.width = Math.min(60, Math.max(12, longest + 2));
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: table.headers.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
