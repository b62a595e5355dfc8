/**
 * One budget of rows and cells per workbook, whatever its format: small files that lay out millions of empty rows
 * (a cell far down each of hundreds of sheets, an .ods row repeated) are refused as too large instead of taking the
 * importing tab's memory; a real plan's workbook is read as before.
 */
import { describe, expect, it } from 'vitest';
import { compoundFileOf } from '../tests/helpers/compoundFileOf.js';
import { zipOf } from '../tests/helpers/zipOf.js';
import { CellBudget, placeCell } from './workbookCells.js';
import { readWorkbook, WorkbookError, type WorkbookProblem } from './xlsxWorkbook.js';

async function problemOf(bytes: Uint8Array): Promise<WorkbookProblem | 'read'> {
  try {
    await readWorkbook(bytes);
    return 'read';
  } catch (err) {
    if (err instanceof WorkbookError) return err.problem;
    throw err;
  }
}

const u16 = (n: number) => [n & 255, n >> 8];
const u32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24];
const record = (type: number, data: number[]) => [...u16(type), ...u16(data.length), ...data];

/** An .xls whose `sheets` sheets each hold one text cell at row `row`: a few dozen bytes a sheet. */
function farCellsXls(sheets: number, row: number): Uint8Array {
  const eof = record(0x000a, []);
  const globalsBof = record(0x0809, [...u16(0x600), ...u16(5), ...new Array<number>(12).fill(0)]);
  const sst = record(0x00fc, [...u32(1), ...u32(1), ...u16(1), 0, 0x78]);
  const sheet = [...record(0x0809, [...u16(0x600), ...u16(0x10)]), ...record(0x00fd, [...u16(row), ...u16(0), ...u16(15), ...u32(0)]), ...eof];
  const boundSheetSize = 4 + 9;
  const globalsSize = globalsBof.length + sheets * boundSheetSize + sst.length + eof.length;
  const out = [...globalsBof];
  for (let i = 0; i < sheets; i++) out.push(...record(0x0085, [...u32(globalsSize + i * sheet.length), 0, 0, 1, 0, 0x41]));
  out.push(...sst, ...eof);
  for (let i = 0; i < sheets; i++) out.push(...sheet);
  const stream = new Uint8Array(Math.max(out.length, 4096));
  stream.set(out);
  return compoundFileOf({ Workbook: stream }).bytes;
}

/** An .ods whose `tables` tables each repeat one row of `columns` filled cells `rows` times. */
function repeatedOds(tables: number, rows: number, columns: number): Uint8Array {
  const table = (i: number) =>
    `<table:table table:name="T${i}"><table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${columns}" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`;
  const content = `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>${Array.from({ length: tables }, (_, i) => table(i)).join('')}</office:spreadsheet></office:body></office:document-content>`;
  return zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': content });
}

/** An .xlsx whose `sheets` sheets each hold one cell at row `row`. */
function farCellsXlsx(sheets: number, row: number): Uint8Array {
  const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    'xl/workbook.xml': `<x:workbook ${ns}><x:sheets>${Array.from({ length: sheets }, (_, i) => `<x:sheet name="S${i}" sheetId="${i + 1}" r:id="r${i}"/>`).join('')}</x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${Array.from({ length: sheets }, (_, i) => rel(`r${i}`, 'worksheet', `sheets/s${i}.xml`)).join('')}</Relationships>`,
  };
  for (let i = 0; i < sheets; i++) parts[`xl/sheets/s${i}.xml`] = `<x:worksheet ${ns}><x:sheetData><x:row r="${row + 1}"><x:c r="A${row + 1}"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  return zipOf(parts);
}

describe('what one workbook may lay out', () => {
  it('counts padded rows and cells, and refuses past the budget', () => {
    const budget = new CellBudget(10);
    const rows: string[][] = [];
    placeCell(rows, 2, 3, 'x', budget);
    expect(rows).toEqual([[], [], ['', '', '', 'x']]);
    // 3 rows and 4 cells taken; the same cell again takes nothing.
    placeCell(rows, 2, 3, 'y', budget);
    placeCell(rows, 2, 5, 'z', budget);
    expect(() => placeCell(rows, 3, 0, 'w', budget)).toThrow(WorkbookError);
  });

  it('refuses an .xls of many sheets each with a cell far down, though it is small', async () => {
    const bomb = farCellsXls(200, 24_999);
    expect(bomb.length).toBeLessThan(20_000);
    expect(await problemOf(bomb)).toBe('tooLarge');
    // The same few sheets with their cells near the top read as they are.
    const fine = await readWorkbook(farCellsXls(3, 2));
    expect(fine.map((s) => s.rows)).toEqual([[[], [], ['x']], [[], [], ['x']], [[], [], ['x']]]);
  });

  it('refuses an .ods whose rows and cells are repeated into millions, and an .xlsx of many far cells', async () => {
    expect(await problemOf(repeatedOds(2, 25_000, 100))).toBe('tooLarge');
    expect((await readWorkbook(repeatedOds(1, 3, 2)))[0].rows).toEqual([['x', 'x'], ['x', 'x'], ['x', 'x']]);
    expect(await problemOf(farCellsXlsx(100, 24_999))).toBe('tooLarge');
    expect((await readWorkbook(farCellsXlsx(2, 1))).map((s) => s.rows)).toEqual([[[], ['1']], [[], ['1']]]);
  });
});
