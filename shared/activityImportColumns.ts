/**
 * Which activity field each column of an imported table fills, from its header: the table's own column names in
 * Spanish and English, the names of Enlace's CSV exports, common synonyms, or an HXL hashtag row.
 */
import type { ActivityKey } from './planModel.js';
import { foldText } from './textFold.js';

/** An importable field: every activity field but its id (new rows get new ids). */
export type ImportField = Exclude<ActivityKey, 'id'>;

/** A header folded to compare: accents, case, spaces and punctuation aside ("Institución líder" → "institucionlider"). */
export const headerKey = (header: string): string => foldText(header).replace(/[^\p{L}\p{N}]+/gu, '');

const SYNONYMS: Record<ImportField, string[]> = {
  title: ['actividad', 'activity', 'titulo', 'title', 'nombre', 'name', 'nombredelaactividad'],
  description: ['descripcion', 'description', 'detalle', 'detalles'],
  leadOrganizationId: ['lidera', 'lider', 'institucionlider', 'organizacionlider', 'leadorganization', 'lead', 'responsable', 'dependencialider'],
  partnerOrganizationIds: ['instituciones aliadas', 'aliadas', 'socios', 'organizacionessocias', 'partnerorganizations', 'partners', 'participantes', 'colaboradores'],
  mandateArea: ['ambito', 'area', 'areademandato', 'mandatearea', 'mandato', 'tema'],
  stateCodes: ['entidades', 'entidad', 'entidadfederativa', 'entidadesfederativas', 'estados', 'states', 'state'],
  municipalityCodes: ['municipios', 'municipio', 'municipiosinegi', 'municipalities', 'municipality', 'municipalitiesinegi', 'municipiosnombre', 'municipalitiesname'],
  startDate: ['inicio', 'fechadeinicio', 'fechainicio', 'start', 'startdate', 'desde'],
  endDate: ['fin', 'fechadefin', 'fechafin', 'termino', 'fechadetermino', 'end', 'enddate', 'hasta'],
  status: ['estadodeavance', 'avance', 'status', 'situacion'],
  target: ['meta', 'target', 'metas'],
  indicator: ['indicador', 'indicator', 'indicadores'],
};

/**
 * The column naming an activity already in a plan (Enlace's matrix exports have one): a row whose id the plan holds
 * updates that activity instead of adding a copy of it.
 */
export const ACTIVITY_ID = 'activityId';
/**
 * The column naming the plan a row comes from, known only by its HXL hashtag (Enlace's exports): a header like
 * «Documento» may mean anything in someone's own sheet, and a row it marked as another plan's would be left out.
 */
export const PLAN_ID = 'planId';
const ID_HEADERS = ['activityid', 'iddelaactividad', 'iddeactividad', 'idactividad', 'id'];

/** HXL hashtags (Enlace's matrix CSV has a hashtag row under its headers) and the field each fills. */
const HXL: ReadonlyArray<[tag: string, field: ImportField | typeof ACTIVITY_ID | typeof PLAN_ID]> = [
  ['#activity+id', ACTIVITY_ID],
  ['#meta+document+id', PLAN_ID],
  ['#activity+name', 'title'],
  ['#activity+description', 'description'],
  ['#org+lead', 'leadOrganizationId'],
  ['#org+partner', 'partnerOrganizationIds'],
  ['#sector', 'mandateArea'],
  ['#adm1', 'stateCodes'],
  ['#adm2', 'municipalityCodes'],
  ['#date+start', 'startDate'],
  ['#date+end', 'endDate'],
  ['#status', 'status'],
];

/** "Estado" names the status in the table's Spanish headers, but a state to most people: the cells decide. */
export const STATE_OR_STATUS = 'estado';

/** What a header row says of each column: a field, `STATE_OR_STATUS`, `ACTIVITY_ID`, `PLAN_ID`, or nothing (the column is left out). */
export type ColumnGuess = ImportField | typeof STATE_OR_STATUS | typeof ACTIVITY_ID | typeof PLAN_ID | null;

/** Field names by folded header: the synonyms plus the labels the app shows (both languages), `labels` winning. */
export function headerIndex(labels: ReadonlyArray<readonly [ImportField, string]>): Map<string, ImportField> {
  const index = new Map<string, ImportField>();
  for (const [field, names] of Object.entries(SYNONYMS) as Array<[ImportField, string[]]>) for (const n of names) index.set(headerKey(n), field);
  for (const [field, label] of labels) if (headerKey(label) !== STATE_OR_STATUS) index.set(headerKey(label), field);
  return index;
}

/** Whether a row is an HXL hashtag row: every non-empty cell a hashtag. */
export function isHashtagRow(row: readonly string[]): boolean {
  const cells = row.map((c) => c.trim()).filter(Boolean);
  return cells.length > 0 && cells.every((c) => c.startsWith('#'));
}

/** The field of one header (or hashtag); a field already taken by an earlier column is not taken twice. */
export function guessColumns(headers: readonly string[], index: ReadonlyMap<string, ImportField>, hashtags?: readonly string[]): ColumnGuess[] {
  const taken = new Set<ColumnGuess>();
  return headers.map((header, i) => {
    const tag = hashtags?.[i]?.trim().toLowerCase() ?? '';
    const byTag = tag ? HXL.find(([prefix]) => tag === prefix || tag.startsWith(`${prefix}+`))?.[1] : undefined;
    const key = headerKey(header);
    const guess: ColumnGuess = byTag ?? index.get(key) ?? (key === STATE_OR_STATUS ? STATE_OR_STATUS : ID_HEADERS.includes(key) ? ACTIVITY_ID : null);
    if (guess === null || taken.has(guess)) return null;
    taken.add(guess);
    return guess;
  });
}
