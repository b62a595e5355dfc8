import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compoundFileOf } from '../tests/helpers/compoundFileOf.js';
import { catalogRows, catalogStrings, LONG_DESCRIPTION, PLAN_HEADERS } from '../tests/fixtures/xls/xlsFixtureContent.js';
import { biffRecords, sharedStringTable, type BiffRecord } from './biffRecords.js';
import { openCompoundFile } from './compoundFile.js';
import { rkNumber } from './xlsSheetCells.js';
import { DEFAULT_WORKBOOK_LIMITS, readWorkbook, WorkbookError, type WorkbookLimits, type WorkbookProblem } from './xlsxWorkbook.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../tests/fixtures/xls/${name}`, import.meta.url)));
const PLAN = fixture('plan-actividades.xls');
const DATES_1904 = fixture('fechas-1904.xls');
const PROTECTED = fixture('protegido.xls');

const PLAN_ROWS = [
  ['Mesa de trata de personas — plan de trabajo 2027'],
  [],
  PLAN_HEADERS,
  ['Capacitación en albergues de Tapachula', LONG_DESCRIPTION, 'FGR', 'SSPC, FGE-CHIH', 'Trata de personas', 'Chiapas', '7089', '2027-03-01', '2027-06-30', 'En curso', 'Capacitar a 60 agentes', '1234567.891', '60', 'TRUE'],
  // The formula =1/0 reads as its error's text, as an .xlsx stores it.
  ['Operativo «Frontera», fase 1 — Ciudad Juárez', '', 'SSPC', '', 'Tráfico ilícito de migrantes', 'Chihuahua', 'Juárez', '2027-02-15', '', 'Planeada', '#DIV/0!', '2469135.782', '-12.5', 'FALSE'],
  ['Reunión técnica en Mérida', 'Año 2000: ¿compatibilidad?', 'FGR', '', '', 'Yucatán', '', '1999-12-31', '2000-01-01', 'Concluida', '', '0.1', '123456789012'],
  [],
  // The note under the table is a row like any other here: the import leaves it out (activityImport.ts).
  ['Nota: cifras preliminares (señaladas con *)'],
];

async function problemOf(bytes: Uint8Array, limits?: WorkbookLimits): Promise<[WorkbookProblem, string] | 'read'> {
  try {
    await readWorkbook(bytes, limits);
    return 'read';
  } catch (err) {
    if (err instanceof WorkbookError) return [err.problem, err.message];
    throw err;
  }
}

const le32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);

/**
 * Where things lie in a version 3 compound file, worked out here apart from the reader under test (the fixtures'
 * FAT fits the header's DIFAT entries): a FAT entry, a directory entry by name, a byte of a stream.
 */
const layout = {
  fatEntry: (file: Uint8Array, sector: number) => (le32(file, 76 + Math.floor(sector / 128) * 4) + 1) * 512 + (sector % 128) * 4,
  next: (file: Uint8Array, sector: number) => le32(file, layout.fatEntry(file, sector)),
  directoryEntry(file: Uint8Array, name: string): { at: number; index: number } {
    let index = 0;
    for (let sector = le32(file, 48); sector < 0xfffffffa; sector = layout.next(file, sector)) {
      for (let i = 0; i < 4; i++, index++) {
        const at = (sector + 1) * 512 + i * 128;
        const length = file[at + 64] | (file[at + 65] << 8);
        if (Buffer.from(file.subarray(at, at + length - 2)).toString('utf16le') === name) return { at, index };
      }
    }
    throw new Error(`no directory entry ${name}`);
  },
  streamByte(file: Uint8Array, name: string, offset: number): number {
    let sector = le32(file, layout.directoryEntry(file, name).at + 116);
    for (let i = 0; i < Math.floor(offset / 512); i++) sector = layout.next(file, sector);
    return (sector + 1) * 512 + (offset % 512);
  },
};

/** A copy of `file` with `bytes` written at `at`. */
function patched(file: Uint8Array, at: number, bytes: number[]): Uint8Array {
  const copy = file.slice();
  copy.set(bytes, at);
  return copy;
}

const workbookStream = (file: Uint8Array) => openCompoundFile(file).readStream('Workbook', Infinity) ?? new Uint8Array();
/** The offset in the plan's Workbook stream of its first record of `type`. */
function recordOffset(type: number, nth = 0): number {
  const found = [...biffRecords(workbookStream(PLAN), 0)].filter((r) => r.type === type)[nth];
  if (!found) throw new Error(`no record 0x${type.toString(16)}`);
  return found.offset;
}
/** The plan fixture with bytes of its Workbook stream replaced. */
const planPatched = (streamOffset: number, bytes: number[]) => patched(PLAN, layout.streamByte(PLAN, 'Workbook', streamOffset), bytes);
const utf16Name = (name: string) => [...Buffer.from(`${name}\0`.padEnd(32, '\0'), 'utf16le')];

describe('readWorkbook on Excel 97–2003 files (.xls)', () => {
  it('reads LibreOffice’s .xls cell for cell: accents, dates, numbers, formulas by their results, sheets and their visibility', async () => {
    const sheets = await readWorkbook(PLAN);
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Instrucciones', false],
      ['Plan 2027', false],
      ['Catálogos', true],
    ]);
    expect(sheets[0].rows).toEqual([['Llene la hoja «Plan 2027». ¿Dudas? ¡Escriba a la mesa técnica!'], [], ['3.14159', 'π ≈ 3.14159']]);
    expect(sheets[1].rows).toEqual(PLAN_ROWS);
    expect(sheets[2].rows).toEqual(catalogRows());
  });

  it('reads a shared string table that runs over CONTINUE records, strings split between them included', () => {
    const sst = [...biffRecords(workbookStream(PLAN), 0)].find((r) => r.type === 0x00fc);
    // Several CONTINUE records, and one string (9,000 characters) longer than a whole record.
    expect(sst?.pieces.length).toBeGreaterThan(5);
    const strings = sst ? sharedStringTable(sst) : [];
    expect(strings.filter((s) => s.length > 8224)).toHaveLength(1);
    expect(strings).toEqual(expect.arrayContaining(catalogStrings()));
    expect(new Set(strings).size).toBe(strings.length);
  });

  it('follows BIFF8’s rule for strings across CONTINUE records: a new options byte where characters go on, none elsewhere', () => {
    const u16 = (n: number) => [n & 0xff, n >> 8];
    const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
    const latin1 = (s: string) => [...Buffer.from(s, 'latin1')];
    const utf16 = (s: string) => [...Buffer.from(s, 'utf16le')];
    const record: BiffRecord = {
      type: 0x00fc,
      offset: 0,
      pieces: [
        // Totals, then «Ñandú — año»: six characters one byte each here…
        [...u32(4), ...u32(4), ...u16(11), 0x00, ...latin1('Ñandú ')],
        // …the other five two bytes each after the new options byte; then a rich string with phonetic data whose runs are split.
        [0x01, ...utf16('— año'), ...u16(2), 0x0c, ...u16(2), ...u32(6), ...latin1('ab'), 1, 0, 0, 0, 2, 0],
        // The rest of its runs and its phonetic data; then a header whose characters start in the next record.
        [0, 0, 9, 9, 9, 9, 9, 9, ...u16(3), 0x00],
        [0x01, ...utf16('¿Sí')],
        // A string whose header starts a record has no options byte before it.
        [...u16(2), 0x00, ...latin1('ok')],
      ].map((bytes) => new Uint8Array(bytes)),
    };
    expect(sharedStringTable(record)).toEqual(['Ñandú — año', 'ab', '¿Sí', 'ok']);
    // A count of billions stops at the data's end, and a string cut short is damage.
    const greedy = { ...record, pieces: [new Uint8Array([...u32(1), ...u32(0xffffffff), ...u16(2), 0x00, ...latin1('ok')])] };
    expect(sharedStringTable(greedy)).toEqual(['ok']);
    expect(() => sharedStringTable({ ...record, pieces: record.pieces.slice(0, 3) })).toThrow(WorkbookError);
  });

  it('reads dates in the 1904 date system, from the mini stream of a small file, and patched into the plan', async () => {
    const [sheet] = await readWorkbook(DATES_1904);
    expect(sheet.rows).toEqual([
      ['Actividad', 'Inicio', 'Fin', 'Agentes'],
      ['Foro regional en Saltillo', '2027-03-31', '2027-04-01', '45015'],
    ]);
    expect(openCompoundFile(DATES_1904).readStream('Workbook', Infinity)?.length).toBeLessThan(4096);
    // The same serials counted from 1904 are 1,462 days later; numbers that are not dates do not move.
    const plan1904 = await readWorkbook(planPatched(recordOffset(0x0022) + 4, [1, 0]));
    expect(plan1904[1].rows.slice(3, 6).map((row) => row.slice(6, 9))).toEqual([
      ['7089', '2031-03-02', '2031-07-01'],
      ['Juárez', '2031-02-16', ''],
      ['', '2004-01-01', '2004-01-02'],
    ]);
  });

  it('reads 4096-byte sectors, and a FAT named partly by DIFAT sectors', async () => {
    const expected = await readWorkbook(PLAN);
    const stream = workbookStream(PLAN);
    expect(await readWorkbook(compoundFileOf({ Workbook: stream }, { version: 4 }).bytes)).toEqual(expected);
    const long = compoundFileOf({ Workbook: stream }, { fatSectors: 130 });
    expect(long.difatSectors).toHaveLength(1);
    expect(await readWorkbook(long.bytes)).toEqual(expected);
    // A DIFAT sector naming itself as the next one, when the header asks for more FAT sectors than it names.
    const view = new DataView(long.bytes.buffer);
    const looped = long.bytes.slice();
    new DataView(looped.buffer).setUint32(44, 109 + 127 + 1, true);
    new DataView(looped.buffer).setUint32((long.difatSectors[0] + 1) * 512 + 127 * 4, long.difatSectors[0], true);
    expect(view.getUint32(44, true)).toBe(130);
    expect(await problemOf(looped)).toEqual(['corrupt', 'the DIFAT chain runs in a circle']);
  });

  it('refuses encrypted workbooks, Excel 95 and older, and encrypted .xlsx packages, each with its reason', async () => {
    expect(await problemOf(PROTECTED)).toEqual(['protected', 'an encrypted workbook']);
    // The record after BOF marked FILEPASS.
    expect(await problemOf(planPatched(recordOffset(0x00e1), [0x2f, 0x00]))).toEqual(['protected', 'an encrypted workbook']);
    // BIFF5 (Excel 5 and 95) in its BOF's version, BIFF4's BOF, and the stream named as Excel 95 named it.
    expect((await problemOf(planPatched(4, [0x00, 0x05])))[0]).toBe('oldFormat');
    expect((await problemOf(planPatched(0, [0x09, 0x04])))[0]).toBe('oldFormat');
    const entry = layout.directoryEntry(PLAN, 'Workbook').at;
    expect((await problemOf(patched(patched(PLAN, entry, utf16Name('Book')), entry + 64, [10, 0])))[0]).toBe('oldFormat');
    expect((await problemOf(patched(patched(PLAN, entry, utf16Name('EncryptedPackage')), entry + 64, [34, 0])))[0]).toBe('protected');
    expect((await problemOf(patched(patched(PLAN, entry, utf16Name('Contents')), entry + 64, [18, 0])))[0]).toBe('notWorkbook');
  });

  it('says a damaged file is damaged: cut short, chains in circles, records and sheets out of place', async () => {
    for (const length of [100, 600, 5000, 40_000, PLAN.length - 1000]) expect((await problemOf(PLAN.subarray(0, length)))[0]).toBe('corrupt');
    expect((await problemOf(DATES_1904.subarray(0, 3000)))[0]).toBe('corrupt');
    // The Workbook stream's third sector leads back to its first.
    const start = le32(PLAN, layout.directoryEntry(PLAN, 'Workbook').at + 116);
    const second = layout.next(PLAN, start);
    const third = layout.next(PLAN, second);
    expect(await problemOf(patched(PLAN, layout.fatEntry(PLAN, third), [...new Uint8Array(new Uint32Array([start]).buffer)]))).toEqual(['corrupt', 'a sector chain runs in a circle']);
    // A directory entry that is its own left sibling.
    const { at, index } = layout.directoryEntry(PLAN, 'Workbook');
    expect(await problemOf(patched(PLAN, at + 68, [index, 0, 0, 0]))).toEqual(['corrupt', 'the directory tree runs in a circle']);
    // A FAT sector said to lie past the end of the file.
    expect((await problemOf(patched(PLAN, 76, [0xf0, 0xff, 0, 0])))[0]).toBe('corrupt');
    // A sheet said to begin past the stream's end, or between records.
    const plan = recordOffset(0x0085, 1);
    expect(await problemOf(planPatched(plan + 4, [0xff, 0xff, 0xff, 0x00]))).toEqual(['corrupt', `a sheet begins at ${0xffffff}, past the end of the stream`]);
    expect((await problemOf(planPatched(plan + 4, [1, 0, 0, 0])))[0]).toBe('corrupt');
    // A record claiming more bytes than the stream has left.
    const stream = workbookStream(PLAN);
    const last = [...biffRecords(stream, 0)].at(-1)?.offset ?? 0;
    expect((await problemOf(planPatched(last + 2, [0xff, 0xff])))[0]).toBe('corrupt');
  });

  it('keeps to the limits: a stream larger than a part may be, rows and columns past the last kept', async () => {
    expect(await problemOf(PLAN, { ...DEFAULT_WORKBOOK_LIMITS, partBytes: 10_000 })).toEqual(['tooLarge', `stream Workbook holds ${workbookStream(PLAN).length} bytes`]);
    const [, plan] = await readWorkbook(PLAN, { ...DEFAULT_WORKBOOK_LIMITS, rows: 4, columns: 2 });
    expect(plan.rows).toEqual([PLAN_ROWS[0], [], PLAN_HEADERS.slice(0, 2), PLAN_ROWS[3].slice(0, 2)]);
  });
});

describe('error cells in .xls', () => {
  const u16 = (n: number) => [n & 255, n >> 8];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  const record = (type: number, data: number[]) => [...u16(type), ...u16(data.length), ...data];
  /** A workbook of one sheet holding `cells` (records), behind a globals substream that names it. */
  function xlsOf(cells: number[][]): Uint8Array {
    const eof = record(0x000a, []);
    const globals = [...record(0x0809, [...u16(0x600), ...u16(5), ...new Array<number>(12).fill(0)])];
    const sheetAt = globals.length + 4 + 9 + eof.length;
    const out = [...globals, ...record(0x0085, [...u32(sheetAt), 0, 0, 1, 0, 0x41]), ...eof];
    out.push(...record(0x0809, [...u16(0x600), ...u16(0x10)]), ...cells.flat(), ...eof);
    const stream = new Uint8Array(4096);
    stream.set(out);
    return compoundFileOf({ Workbook: stream }).bytes;
  }
  const boolErr = (column: number, value: number, isError: boolean) => record(0x0205, [...u16(0), ...u16(column), ...u16(15), value, isError ? 1 : 0]);
  /** A formula whose cached result is an error (kind 2) with `code`. */
  const formulaError = (column: number, code: number) => record(0x0006, [...u16(0), ...u16(column), ...u16(15), 2, 0, code, 0, 0, 0, 0xff, 0xff, ...u16(0), ...u32(0), ...u16(0)]);

  it('reads an error, stored or a formula’s result, as the text Excel shows for it, and booleans as before', async () => {
    const cells = [boolErr(0, 0x07, true), boolErr(1, 0x2a, true), boolErr(2, 1, false), formulaError(3, 0x17), formulaError(4, 0x1d), formulaError(5, 0x63)];
    const [sheet] = await readWorkbook(xlsOf(cells));
    // A code Excel never writes still reads as an error, never as nothing.
    expect(sheet.rows).toEqual([['#DIV/0!', '#N/A', 'TRUE', '#REF!', '#NAME?', '#ERROR!']]);
  });
});

describe('rkNumber', () => {
  it('reads RK numbers: 30-bit integers and truncated doubles, either divided by 100', () => {
    expect(rkNumber((45015 << 2) | 2)).toBe(45015);
    expect(rkNumber(((-12 << 2) | 2) >>> 0)).toBe(-12);
    expect(rkNumber((12345 << 2) | 3)).toBe(123.45);
    expect(rkNumber(0x3ff80000)).toBe(1.5);
    expect(rkNumber(0x3ff80001)).toBe(0.015);
  });
});
