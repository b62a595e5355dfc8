import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetToXlsx } from '../server/exports/renderXlsx.js';
import { zipOf } from '../tests/helpers/zipOf.js';
import { isDateFormat, serialDate } from './xlsxCells.js';
import { readWorkbook, WorkbookError, type WorkbookProblem } from './xlsxWorkbook.js';
import { scanXml } from './xmlScan.js';

/** The parts of a minimal workbook whose one sheet holds `sheetData` (prefixed `x:` the way some writers do). */
function minimalWorkbook(sheetData: string, extra: { workbookPr?: string; sharedStrings?: string; styles?: string } = {}): Record<string, string> {
  const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return {
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'book/main.xml')}</Relationships>`,
    'book/main.xml': `<?xml version="1.0"?><x:workbook ${ns}>${extra.workbookPr ?? ''}<x:sheets><x:sheet name="Hoja &amp; plan" sheetId="1" r:id="rS"/></x:sheets></x:workbook>`,
    'book/_rels/main.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rS', 'worksheet', '/book/sheets/one.xml')}${extra.sharedStrings ? rel('rT', 'sharedStrings', 'strings.xml') : ''}${extra.styles ? rel('rY', 'styles', '../book/styles.xml') : ''}</Relationships>`,
    'book/sheets/one.xml': `<x:worksheet ${ns}><x:sheetData>${sheetData}</x:sheetData></x:worksheet>`,
    ...(extra.sharedStrings ? { 'book/strings.xml': extra.sharedStrings } : {}),
    ...(extra.styles ? { 'book/styles.xml': extra.styles } : {}),
  };
}

async function problemOf(bytes: Uint8Array, limits?: Parameters<typeof readWorkbook>[1]): Promise<WorkbookProblem | 'read'> {
  try {
    await readWorkbook(bytes, limits);
    return 'read';
  } catch (err) {
    if (err instanceof WorkbookError) return err.problem;
    throw err;
  }
}

describe('readWorkbook', () => {
  it('reads a workbook Excel-style: shared and rich strings, dates, numbers, formulas by their value, row numbers kept', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notas', { state: 'hidden' }).getCell('A1').value = 'oculta';
    const sheet = book.addWorksheet('Plan 2027');
    sheet.getCell('A1').value = 'Mesa de trata — plan de trabajo';
    sheet.addRow([]);
    sheet.getRow(3).values = ['Actividad', 'Municipios', 'Inicio', 'Fin', 'Presupuesto', 'Meta'];
    sheet.getRow(4).values = [{ richText: [{ text: 'Taller ', font: { bold: true } }, { text: 'en albergues <&>' }] }, 7089, new Date(Date.UTC(2027, 2, 31)), new Date(Date.UTC(2027, 5, 30)), 0.1 + 0.2, { formula: 'A4&"!"', result: 'Taller en albergues <&>!' }];
    sheet.getCell('D4').numFmt = 'dd/mm/yyyy';
    sheet.getRow(6).values = ['Operativo', '', '', '', 1234567.891, true];
    const sheets = await readWorkbook(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Notas', true],
      ['Plan 2027', false],
    ]);
    expect(sheets[1].rows).toEqual([
      ['Mesa de trata — plan de trabajo'],
      [],
      ['Actividad', 'Municipios', 'Inicio', 'Fin', 'Presupuesto', 'Meta'],
      ['Taller en albergues <&>', '7089', '2027-03-31', '2027-06-30', '0.3', 'Taller en albergues <&>!'],
      [],
      ['Operativo', '', '', '', '1234567.891', 'TRUE'],
    ]);
  });

  it('reads Enlace’s own matrix workbook back cell for cell', async () => {
    const table = {
      name: 'Matriz',
      headers: ['Activity', 'States', 'Start'],
      tags: ['#activity+name', '#adm1+code', '#date+start'],
      rows: [
        ['Capacitación «fase 2», Tapachula', '07;27', '2027-01-10'],
        ["'=SUM(A1)", '', ''],
      ],
    };
    const sheets = await readWorkbook(new Uint8Array(await sheetToXlsx(table)));
    expect(sheets).toHaveLength(1);
    expect(sheets[0].rows).toEqual([table.headers, table.tags, ['Capacitación «fase 2», Tapachula', '07;27', '2027-01-10'], ["'=SUM(A1)"]]);
  });

  it('reads inline strings, cells without references, the 1904 date system, custom date styles and namespace prefixes', async () => {
    const styles =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="170" formatCode="[$-80A]d &quot;de&quot; mmmm &quot;de&quot; yyyy"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="20"/></cellXfs></styleSheet>';
    const strings = '<sst><si><t xml:space="preserve"> Río </t><rPh><t>りお</t></rPh></si><si><r><t>Baja</t></r><r><t xml:space="preserve"> California</t></r></si></sst>';
    const data =
      '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>Título</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c r="D1" t="s"><x:v>1</x:v></x:c></x:row>' +
      '<x:row><x:c s="1"><x:v>45015</x:v></x:c><x:c s="2"><x:v>0.5</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>a &lt;b&gt; &amp;amp;</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>';
    const sheets = await readWorkbook(zipOf(minimalWorkbook(data, { workbookPr: '<x:workbookPr date1904="1"/>', sharedStrings: strings, styles })));
    expect(sheets[0].name).toBe('Hoja & plan');
    expect(sheets[0].rows).toEqual([
      ['Título', ' Río ', '', 'Baja California'],
      ['2027-03-31', '0.5', 'a <b> &amp;', '#N/A'],
    ]);
  });

  it('refuses what is not a workbook with a reason, and never grows past its limits', async () => {
    expect(await problemOf(new TextEncoder().encode('Actividad,Inicio\nTaller,2027-01-01'))).toBe('notWorkbook');
    // A compound file's signature and nothing after it: an .xls cut short (xlsLegacyWorkbook.test.ts reads whole ones).
    expect(await problemOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toBe('corrupt');
    const good = zipOf(minimalWorkbook('<x:row r="1"><x:c><x:v>1</x:v></x:c></x:row>'));
    expect(await problemOf(good)).toBe('read');
    expect(await problemOf(good.subarray(0, good.length - 30))).toBe('corrupt');
    expect(await problemOf(zipOf({ 'a.txt': 'hola' }))).toBe('notWorkbook');
    expect(await problemOf(zipOf(minimalWorkbook(''), { flags: 1 }))).toBe('corrupt');
    // A damaged deflate stream.
    const damaged = zipOf({ ...minimalWorkbook('<x:row r="1"><x:c><x:v>1</x:v></x:c></x:row>') });
    const at = Buffer.from(damaged).indexOf(Buffer.from('book/sheets/one.xml')) + 'book/sheets/one.xml'.length;
    damaged.fill(0xff, at, at + 8);
    expect(await problemOf(damaged)).toBe('corrupt');
    expect(await problemOf(zipOf(minimalWorkbook('<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c>')))).toBe('read');
    expect(await problemOf(zipOf(minimalWorkbook('<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><!-- never closed')))).toBe('corrupt');

    // 40 MB of one cell's text deflates to ~40 KB; a 1 MB budget stops it.
    const bomb = zipOf(minimalWorkbook(`<x:row r="1"><x:c t="inlineStr"><x:is><x:t>${'a'.repeat(40 * 1024 * 1024)}</x:t></x:is></x:c></x:row>`));
    expect(bomb.length).toBeLessThan(200_000);
    expect(await problemOf(bomb, { partBytes: 1024 * 1024, rows: 100, columns: 10 })).toBe('tooLarge');

    // Many parts, each within its bound, are bounded together too.
    const sheetsXml = Array.from({ length: 6 }, (_, i) => `<x:sheet name="S${i}" sheetId="${i + 1}" r:id="r${i}"/>`).join('');
    const big = `<x:worksheet><x:sheetData><x:row r="1"><x:c t="inlineStr"><x:is><x:t>${'b'.repeat(900 * 1024)}</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const parts: Record<string, string> = {
      'xl/workbook.xml': `<x:workbook xmlns:x="x" xmlns:r="r"><x:sheets>${sheetsXml}</x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships>${Array.from({ length: 6 }, (_, i) => `<Relationship Id="r${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="s${i}.xml"/>`).join('')}</Relationships>`,
    };
    for (let i = 0; i < 6; i++) parts[`xl/s${i}.xml`] = big;
    expect(await problemOf(zipOf(parts), { partBytes: 1024 * 1024, rows: 100, columns: 10 })).toBe('tooLarge');
    expect((await readWorkbook(zipOf(parts), { partBytes: 2 * 1024 * 1024, rows: 100, columns: 10 })).map((sheet) => sheet.name)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4', 'S5']);

    // Far rows and columns are left out, not allocated.
    const far = await readWorkbook(zipOf(minimalWorkbook('<x:row r="1"><x:c r="XFD1"><x:v>1</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row><x:row r="1048576"><x:c><x:v>3</x:v></x:c></x:row>')));
    expect(far[0].rows).toEqual([['', '2']]);
  });

  it('reads an OpenDocument spreadsheet (.ods): typed values, text with its spaces and breaks, repeats, comments left out', async () => {
    const ns =
      'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
    const cellText = (text: string, extra = '') => `<table:table-cell office:value-type="string"${extra}><text:p>${text}</text:p></table:table-cell>`;
    const content =
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns}>` +
      // As LibreOffice writes a hidden sheet: its table style does not display it.
      '<office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>' +
      '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>' +
      '<style:style style:name="ce1" style:family="table-cell"><style:table-properties table:display="false"/></style:style></office:automatic-styles>' +
      '<office:body><office:spreadsheet>' +
      '<table:table table:name="Instrucciones" table:style-name="ta1"><table:table-row>' + cellText('Vea la hoja «Plan»') + '</table:table-row></table:table>' +
      '<table:table table:name="Listas" table:style-name="ta2"><table:table-row>' + cellText('planeada') + '</table:table-row></table:table>' +
      '<table:table table:name="Plan" table:style-name="ce1">' +
      '<table:table-row>' + cellText('Mesa de trata &amp; plan') + '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>' +
      '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
      '<table:table-row>' + ['Actividad', 'Municipios', 'Inicio', 'Meta', 'Notas'].map((t) => cellText(t)).join('') + '</table:table-row>' +
      '<table:table-row>' +
      '<table:table-cell office:value-type="string"><office:annotation><text:p>revisar con FGR</text:p></office:annotation><text:p>Taller<text:s text:c="2"/>en <text:span>albergues</text:span></text:p><text:p>fase 1</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="float" office:value="7089"><text:p>7.089</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="date" office:date-value="2027-03-31T00:00:00"><text:p>31/03/27</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="percentage" office:value="0.30000000000000004"><text:p>30 %</text:p></table:table-cell>' +
      '<table:covered-table-cell/><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VERDADERO</text:p></table:table-cell>' +
      '</table:table-row>' +
      '<table:table-row table:number-rows-repeated="2">' + cellText('Igual', ' table:number-columns-repeated="2"') + '</table:table-row>' +
      '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    const ods = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': content, 'META-INF/manifest.xml': '<manifest/>' }, { store: true });
    const sheets = await readWorkbook(ods);
    expect(sheets.map((sheet) => [sheet.name, sheet.hidden])).toEqual([
      ['Instrucciones', false],
      ['Listas', true],
      ['Plan', false],
    ]);
    expect(sheets[2].rows).toEqual([
      ['Mesa de trata & plan'],
      [],
      [],
      ['Actividad', 'Municipios', 'Inicio', 'Meta', 'Notas'],
      ['Taller  en albergues\nfase 1', '7089', '2027-03-31', '0.3', '', 'TRUE'],
      ['Igual', 'Igual'],
      ['Igual', 'Igual'],
    ]);
    // A text document is not a spreadsheet.
    expect(await problemOf(zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': content }))).toBe('notWorkbook');
  });

  it('reads a formula’s error in an .ods as its text, as an .xlsx and an .xls give it, whatever type the writer gave the cell', async () => {
    const ns =
      'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"';
    const row =
      // As LibreOffice writes them: text, marked as an error by its extension.
      '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>' +
      '<table:table-cell table:formula="of:=A1+" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell>' +
      // A writer that gives the error a number shows the error all the same.
      '<table:table-cell table:formula="of:=NA()" office:value-type="float" office:value="0"><text:p>#N/A</text:p></table:table-cell>' +
      // A number that shows as text like an error, without a formula, is its number.
      '<table:table-cell office:value-type="float" office:value="5"><text:p>#N/A</text:p></table:table-cell>';
    const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns}><office:body><office:spreadsheet><table:table table:name="Plan"><table:table-row>${row}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    const [sheet] = await readWorkbook(zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': content }));
    expect(sheet.rows).toEqual([['#DIV/0!', 'Err:502', '#N/A', '5']]);
  });

  it('never expands a document type’s own entities', async () => {
    const laughs = '<!DOCTYPE x [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';
    const texts: string[] = [];
    scanXml(`${laughs}<a b="&lol2;&#x41;">&lol2; &amp; &#233;<![CDATA[<raw>&amp;]]></a>`, {
      open: (_name, attributes) => texts.push(attributes.b),
      close: () => {},
      text: (t) => texts.push(t),
    });
    expect(texts).toEqual(['&lol2;A', '&lol2; & é', '<raw>&amp;']);
  });
});

describe('dates', () => {
  it('turns serials into calendar dates in both date systems, Excel’s phantom 29 February 1900 included', () => {
    expect(serialDate(1, false)).toBe('1900-01-01');
    expect(serialDate(59, false)).toBe('1900-02-28');
    expect(serialDate(61, false)).toBe('1900-03-01');
    expect(serialDate(46477.75, false)).toBe('2027-03-31');
    expect(serialDate(45015, true)).toBe('2027-03-31');
    expect(serialDate(0, false)).toBeNull();
    expect(serialDate(1e9, false)).toBeNull();
  });

  it('tells date formats from times and numbers', () => {
    expect(['dd/mm/yyyy', 'mmm-yy', 'd "de" mmmm', '[$-80A]dddd, d "de" mmmm "de" yyyy', 'yyyy-mm-dd h:mm'].map(isDateFormat)).toEqual([true, true, true, true, true]);
    expect(['h:mm', 'mm:ss', '[h]:mm:ss', '0.00', '#,##0 "días"', 'General', '@', '[Red]0.0%'].map(isDateFormat)).toEqual([false, false, false, false, false, false, false, false]);
  });
});
