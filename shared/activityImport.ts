/**
 * Activities read from a spreadsheet's rows (see delimitedText.ts), for a plan's table: each cell read the way people
 * write it (institutions by acronym or name, states and municipalities by name or INEGI code, dates as 31/12/2027),
 * and every cell that could not be read reported with its line, never guessed (a formula's error, #DIV/0!, among them).
 * Notes and totals written under the table, after a blank row, are left out as what they are, and listed too.
 */
import { ACTIVITY_STATUSES, MANDATE_AREAS, STATES, isCalendarDate, type ActivityStatus, type MandateArea } from './constants.js';
import { ACTIVITY_ID, guessColumns, headerIndex, isHashtagRow, PLAN_ID, STATE_OR_STATUS, type ColumnGuess, type ImportField } from './activityImportColumns.js';
import { restoreNeutralized } from './delimitedText.js';
import { isFormulaError } from './formulaErrors.js';
import { municipalitiesIn, municipalityName } from './municipalities.js';
import type { Activity } from './planModel.js';
import { foldText } from './textFold.js';

/** What the app calls things, in both languages: matched besides codes and keys. */
export interface ImportVocabulary {
  organizations: ReadonlyArray<{ id: string; name: string; acronym: string; active?: boolean }>;
  fieldLabels: ReadonlyArray<readonly [ImportField, string]>;
  mandateAreaLabels: ReadonlyArray<readonly [MandateArea, string]>;
  statusLabels: ReadonlyArray<readonly [ActivityStatus, string]>;
}

export type ImportProblemKind =
  | 'noTitle'
  | 'unknownOrganization'
  | 'inactiveOrganization'
  | 'unknownMandateArea'
  | 'unknownState'
  | 'unknownMunicipality'
  | 'ambiguousMunicipality'
  | 'badDate'
  | 'endBeforeStart'
  | 'unknownStatus'
  | 'formulaError';

/** A cell left out (or a row, for `noTitle`): its line in the source, counting the header as line 1. */
export interface ImportProblem {
  line: number;
  kind: ImportProblemKind;
  field: ImportField | null;
  value: string;
}

/** One activity read from a row. */
export interface ImportedRow {
  line: number;
  /** The row's activity id (Enlace's own exports have one): the activity it updates when the plan holds it. */
  sourceId: string | null;
  /** The plan the row was exported from (Enlace's exports say, in a column tagged #meta+document+id). */
  sourcePlanId: string | null;
  activity: Omit<Activity, 'id'>;
  /** Fields an update leaves as they are: a cell that could not be read, or a blank status (read as planned for a new row). */
  keep: ImportField[];
}

export interface ImportReading {
  /** The fields each column fills, in the source's order (null: left out). */
  columns: Array<{ header: string; field: ImportField | null }>;
  /** The column of activity ids, if the table has one. */
  idColumn: number | null;
  /** One per row read into an activity, in order. */
  rows: ImportedRow[];
  problems: ImportProblem[];
  /** Rows under the table read as notes, not activities (see `notesUnder`): left out, each with its line and text. */
  notes: ImportNote[];
}

/** A row left out as a note under the table: its line (as in ImportProblem) and its filled cells' text, shortened. */
export interface ImportNote {
  line: number;
  text: string;
}

/** The most of a note's text told. */
const NOTE_TEXT_MAX = 80;

/** The longest text a cell brings in: a plan is read in meetings, not a place for whole documents. */
export const IMPORTED_TEXT_MAX = 4000;

const fold = (s: string) => foldText(s).replace(/\s+/g, ' ').trim();
/** A list cell's items: split at semicolons, bars or line breaks when it has any (Enlace's exports), else at commas. */
const listOf = (cell: string) =>
  cell
    .split(/[;|\n]/.test(cell) ? /[;|\n]/ : ',')
    .map((s) => s.trim())
    .filter(Boolean);
const clip = (s: string) => (s.length > IMPORTED_TEXT_MAX ? `${s.slice(0, IMPORTED_TEXT_MAX - 1)}…` : s);

/** States by folded name, with the short names in use ("Coahuila", "Veracruz", "CDMX", "Edomex"). */
const STATE_NAMES: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  for (const s of STATES) {
    names.set(fold(s.name), s.code);
    const short = s.name.split(' de ')[0];
    if (short !== s.name && s.code !== '09') names.set(fold(short), s.code);
  }
  for (const [alias, code] of [['cdmx', '09'], ['df', '09'], ['distrito federal', '09'], ['estado de mexico', '15'], ['edomex', '15'], ['edo mex', '15']] as const) names.set(alias, code);
  return names;
})();

/** A date as people type it: 2027-03-31, 31/03/2027 (day first, as in Mexico), 31-03-2027; a time after it is left out. */
export function readDate(cell: string): string | null {
  const text = cell.trim().split(/[ T]/)[0];
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/** How far down a sheet its header row is looked for: below a title block, a date line and a blank row or two. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Reads a table into activities for a plan, with every cell it could not read. The header row is the first row
 * (of the first ten) with an activity column, so a sheet may open with a title block; without one, the first row.
 */
export function readActivityTable(rows: readonly string[][], vocabulary: ImportVocabulary): ImportReading {
  const index = headerIndex(vocabulary.fieldLabels);
  const found = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row, i) => guessColumns(row, index, isHashtagRow(rows[i + 1] ?? []) ? rows[i + 1] : undefined).includes('title'));
  const headerRow = Math.max(0, found);
  const [headers = [], ...rest] = rows.slice(headerRow);
  const hashtags = rest.length && isHashtagRow(rest[0]) ? rest[0] : undefined;
  const body = hashtags ? rest.slice(1) : rest;
  const firstLine = headerRow + (hashtags ? 3 : 2);
  const guesses = guessColumns(headers, index, hashtags);
  const statuses = statusNames(vocabulary);
  const fields = resolveStateOrStatus(guesses, body, statuses);
  const reader = new CellReader(vocabulary, statuses);
  const idAt = guesses.indexOf(ACTIVITY_ID);
  const idColumn = idAt < 0 ? null : idAt;
  const planAt = guesses.indexOf(PLAN_ID);
  const noteRows = notesUnder(body, headers, (i) => (fields[i] ?? null) !== null || i === idAt || i === planAt);
  const read: ImportedRow[] = [];
  body.forEach((row, i) => {
    if (noteRows.has(i) || isBlank(row)) return;
    const line = firstLine + i;
    const before = reader.problems.length;
    const activity = reader.row(row, fields, line);
    if (!activity) return;
    const keep = new Set(reader.problems.slice(before).map((p) => p.field).filter((f): f is ImportField => f !== null));
    const statusAt = fields.indexOf('status');
    if (statusAt < 0 || !row[statusAt]?.trim()) keep.add('status');
    const sourceId = idColumn === null ? '' : (row[idColumn] ?? '').trim();
    const sourcePlanId = planAt < 0 ? '' : (row[planAt] ?? '').trim();
    read.push({ line, sourceId: sourceId || null, sourcePlanId: sourcePlanId || null, activity, keep: [...keep] });
  });
  const notes = [...noteRows].map((i) => ({ line: firstLine + i, text: clipTo(filledCells(body[i]).join(' · '), NOTE_TEXT_MAX) }));
  return { columns: headers.map((header, i) => ({ header, field: fields[i] })), idColumn, rows: read, problems: reader.problems, notes };
}

const isBlank = (row: readonly string[]) => row.every((c) => c.trim() === '');
const filledCells = (row: readonly string[]) => row.map((c) => c.trim().replace(/\s+/g, ' ')).filter(Boolean);
const clipTo = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The body rows (by index) that are notes under the table, not activities: «Nota: cifras preliminares», «Fuente: …»,
 * a total. Such a row comes after the table's last row with data and at least one blank row under it, and holds
 * either one cell, in the table's first column, or cells only in columns the import leaves out. A row with a title
 * and any other field read is never one, nor is a row right under the table (no blank row between) or one with data
 * rows after it: a gap inside the table keeps its rows.
 */
function notesUnder(body: readonly string[][], headers: readonly string[], recognized: (column: number) => boolean): Set<number> {
  const firstColumn = Math.max(0, headers.findIndex((h) => h.trim() !== ''));
  const noteLike = (row: readonly string[]) => {
    const filled = row.flatMap((c, i) => (c.trim() ? [i] : []));
    return filled.length > 0 && ((filled.length === 1 && filled[0] === firstColumn) || filled.every((i) => !recognized(i)));
  };
  let last = -1;
  body.forEach((row, i) => {
    if (!isBlank(row) && !noteLike(row)) last = i;
  });
  const notes = new Set<number>();
  if (last < 0) return notes;
  let gap = false;
  for (let i = last + 1; i < body.length; i++) {
    if (isBlank(body[i])) gap = true;
    else if (gap) notes.add(i);
  }
  return notes;
}

/** "Estado": the status when most of its cells read as one, else the states (unless another column has them). */
function resolveStateOrStatus(guesses: ColumnGuess[], body: readonly string[][], statuses: ReadonlyMap<string, ActivityStatus>): Array<ImportField | null> {
  return guesses.map((g, i) => {
    if (g === ACTIVITY_ID || g === PLAN_ID) return null;
    if (g !== STATE_OR_STATUS) return g;
    const cells = body.map((r) => r[i]?.trim() ?? '').filter((c) => c && !isFormulaError(c));
    const asStatus = cells.filter((c) => statuses.has(fold(c))).length;
    const field: ImportField = asStatus * 2 >= cells.length ? 'status' : 'stateCodes';
    return guesses.includes(field) ? null : field;
  });
}

function statusNames(vocabulary: ImportVocabulary): Map<string, ActivityStatus> {
  const names = new Map<string, ActivityStatus>(ACTIVITY_STATUSES.map((s) => [fold(s.replace('_', ' ')), s]));
  for (const s of ACTIVITY_STATUSES) names.set(s, s);
  for (const [s, label] of vocabulary.statusLabels) names.set(fold(label), s);
  return names;
}

/** Reads one row's cells, noting what it could not read. */
class CellReader {
  readonly problems: ImportProblem[] = [];
  private readonly organizations = new Map<string, { id: string; active: boolean }>();
  private readonly areas = new Map<string, MandateArea>();
  /** Municipality codes by folded name, built at the first name to look up. */
  private municipalityCodesByName: Map<string, string[]> | undefined;

  constructor(
    vocabulary: ImportVocabulary,
    private readonly statuses: ReadonlyMap<string, ActivityStatus>,
  ) {
    for (const o of vocabulary.organizations) {
      for (const name of [o.acronym, o.name, `${o.name} (${o.acronym})`, `${o.acronym} · ${o.name}`]) if (name) this.organizations.set(fold(name), { id: o.id, active: o.active !== false });
    }
    for (const a of MANDATE_AREAS) this.areas.set(a, a);
    for (const [a, label] of vocabulary.mandateAreaLabels) this.areas.set(fold(label), a);
  }

  row(cells: readonly string[], fields: ReadonlyArray<ImportField | null>, line: number): Omit<Activity, 'id'> | null {
    const note = (kind: ImportProblemKind, field: ImportField | null, value: string) => this.problems.push({ line, kind, field, value });
    /** A field's cell; a formula's error (#DIV/0!) is told and read as empty. */
    const cell = (field: ImportField) => {
      const i = fields.indexOf(field);
      const text = i < 0 ? '' : restoreNeutralized((cells[i] ?? '').trim());
      if (!isFormulaError(text)) return text;
      note('formulaError', field, text);
      return '';
    };
    const title = cell('title').replace(/\s+/g, ' ');
    if (!title) {
      note('noTitle', 'title', cells.map((c) => c.trim()).filter(Boolean).join(' · ').slice(0, 80));
      return null;
    }
    const org = (name: string, field: ImportField) => {
      const found = this.organizations.get(fold(name));
      if (!found) note('unknownOrganization', field, name);
      else if (!found.active) note('inactiveOrganization', field, name);
      return found?.active ? found.id : null;
    };
    const leadName = cell('leadOrganizationId');
    const leadOrganizationId = leadName ? org(leadName, 'leadOrganizationId') : null;
    const partners = listOf(cell('partnerOrganizationIds')).map((n) => org(n, 'partnerOrganizationIds')).filter((id): id is string => id !== null);
    const areaText = cell('mandateArea');
    const mandateArea = areaText ? (this.areas.get(fold(areaText)) ?? this.areas.get(areaText) ?? null) : null;
    if (areaText && !mandateArea) note('unknownMandateArea', 'mandateArea', areaText);
    const stateCodes = this.states(cell('stateCodes'), note);
    const municipalityCodes = this.municipalities(cell('municipalityCodes'), stateCodes, note);
    const [startDate, endDate] = (['startDate', 'endDate'] as const).map((f) => {
      const text = cell(f);
      const date = text ? readDate(text) : null;
      if (text && !date) note('badDate', f, text);
      return date;
    });
    if (startDate && endDate && endDate < startDate) note('endBeforeStart', 'endDate', `${startDate} > ${endDate}`);
    const statusText = cell('status');
    const status = statusText ? this.statuses.get(fold(statusText)) : undefined;
    if (statusText && !status) note('unknownStatus', 'status', statusText);
    return {
      title: clip(title),
      description: clip(cell('description')),
      leadOrganizationId,
      partnerOrganizationIds: [...new Set(partners)],
      mandateArea,
      stateCodes,
      municipalityCodes,
      startDate,
      endDate: startDate && endDate && endDate < startDate ? null : endDate,
      status: status ?? 'planned',
      target: clip(cell('target')),
      indicator: clip(cell('indicator')),
    };
  }

  private states(text: string, note: (kind: ImportProblemKind, field: ImportField, value: string) => void): string[] {
    const codes: string[] = [];
    for (const item of listOf(text)) {
      const code = /^\d{1,2}$/.test(item) ? item.padStart(2, '0') : STATE_NAMES.get(fold(item));
      if (code && STATES.some((s) => s.code === code)) codes.push(code);
      else note('unknownState', 'stateCodes', item);
    }
    return [...new Set(codes)];
  }

  /** Codes as they are, names looked up in the row's states (or all when it names none); a municipality's state is added. */
  private municipalities(text: string, stateCodes: string[], note: (kind: ImportProblemKind, field: ImportField, value: string) => void): string[] {
    const codes: string[] = [];
    for (const item of listOf(text)) {
      // A spreadsheet drops a code's leading zero (07089 → 7089).
      const digits = /^\d{4,5}$/.test(item) ? item : /\((\d{5})\)/.exec(item)?.[1];
      const code = digits?.padStart(5, '0');
      if (code) {
        if (municipalityName(code) !== undefined) codes.push(code);
        else note('unknownMunicipality', 'municipalityCodes', item);
        continue;
      }
      const named = this.municipalitiesNamed(fold(item));
      const found = stateCodes.length ? named.filter((c) => stateCodes.includes(c.slice(0, 2))) : named;
      if (found.length === 1) codes.push(found[0]);
      else note(found.length ? 'ambiguousMunicipality' : 'unknownMunicipality', 'municipalityCodes', item);
    }
    for (const code of codes) if (!stateCodes.includes(code.slice(0, 2))) stateCodes.push(code.slice(0, 2));
    return [...new Set(codes)];
  }

  private municipalitiesNamed(name: string): string[] {
    if (!this.municipalityCodesByName) {
      this.municipalityCodesByName = new Map();
      for (const m of municipalitiesIn([])) {
        const key = fold(m.name);
        this.municipalityCodesByName.set(key, [...(this.municipalityCodesByName.get(key) ?? []), m.code]);
      }
    }
    return this.municipalityCodesByName.get(name) ?? [];
  }
}
