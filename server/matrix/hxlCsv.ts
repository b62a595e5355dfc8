/**
 * The coordination matrix as HXL-tagged CSV (https://hxlstandard.org): a human header row, then a
 * hashtag row, then one row per activity. RFC 4180 quoting with CRLF line ends, and cells that a
 * spreadsheet would run as a formula are neutralized.
 */
import type { ExportLang } from '../exports/labels.js';
import { csvCell } from '../../shared/delimitedText.js';

/** One matrix row as `GET /api/matrix` returns it (an `ActivityRow` fits too). */
export interface MatrixCsvRow {
  workspaceId: string;
  documentId: string;
  activityId: string;
  title: string;
  leadOrganizationId: string | null;
  partnerOrganizationIds: string[];
  mandateArea: string | null;
  stateCodes: string[];
  municipalityCodes: string[];
  startDate: string | null;
  endDate: string | null;
  status: string;
}

/** How organizations are named in the export; ids missing here are written as-is. */
export type OrganizationNames = Record<string, { name: string; acronym?: string | null }>;

export interface HxlCsvOptions {
  /** Language of the human header row (the hashtag row is language-neutral). Default `es`. */
  lang?: ExportLang;
  /** Prefix a UTF-8 byte-order mark so Excel reads accents correctly. Default false. */
  bom?: boolean;
}

interface Column {
  header: Record<ExportLang, string>;
  hxl: string;
  value: (row: MatrixCsvRow, org: (id: string) => string) => string;
}

/** Several values in one cell; codes and names never contain it, and HXL tools split on it. */
const LIST_SEPARATOR = '; ';

const COLUMNS: Column[] = [
  { header: { es: 'Espacio de trabajo', en: 'Workspace' }, hxl: '#group+workspace+id', value: (r) => r.workspaceId },
  { header: { es: 'Documento', en: 'Document' }, hxl: '#meta+document+id', value: (r) => r.documentId },
  { header: { es: 'Id de actividad', en: 'Activity id' }, hxl: '#activity+id', value: (r) => r.activityId },
  { header: { es: 'Actividad', en: 'Activity' }, hxl: '#activity+name', value: (r) => r.title },
  {
    header: { es: 'Organización líder', en: 'Lead organization' },
    hxl: '#org+lead',
    value: (r, org) => (r.leadOrganizationId ? org(r.leadOrganizationId) : ''),
  },
  {
    header: { es: 'Organizaciones socias', en: 'Partner organizations' },
    hxl: '#org+partner',
    value: (r, org) => r.partnerOrganizationIds.map(org).join(LIST_SEPARATOR),
  },
  { header: { es: 'Área de mandato', en: 'Mandate area' }, hxl: '#sector', value: (r) => r.mandateArea ?? '' },
  { header: { es: 'Estados', en: 'States' }, hxl: '#adm1+code', value: (r) => r.stateCodes.join(LIST_SEPARATOR) },
  {
    header: { es: 'Municipios', en: 'Municipalities' },
    hxl: '#adm2+code',
    value: (r) => r.municipalityCodes.join(LIST_SEPARATOR),
  },
  { header: { es: 'Inicio', en: 'Start' }, hxl: '#date+start', value: (r) => r.startDate ?? '' },
  { header: { es: 'Fin', en: 'End' }, hxl: '#date+end', value: (r) => r.endDate ?? '' },
  { header: { es: 'Estado de avance', en: 'Status' }, hxl: '#status', value: (r) => r.status },
];

function organizationLabel(orgs: OrganizationNames): (id: string) => string {
  return (id) => {
    const org = orgs[id];
    if (!org) return id;
    return org.acronym && org.acronym !== org.name ? `${org.name} (${org.acronym})` : org.name;
  };
}

/** Renders matrix rows as HXL-tagged CSV: header row, hashtag row, one line per activity, CRLF-terminated. */
export function matrixToHxlCsv(rows: readonly MatrixCsvRow[], orgs: OrganizationNames, options: HxlCsvOptions = {}): string {
  const lang = options.lang ?? 'es';
  const org = organizationLabel(orgs);
  const lines = [COLUMNS.map((c) => csvCell(c.header[lang])).join(','), COLUMNS.map((c) => c.hxl).join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvCell(c.value(row, org))).join(','));
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

/** The same table as plain cells (no CSV quoting or formula prefix), for spreadsheet writers that type cells as text. */
export function matrixToHxlTable(rows: readonly MatrixCsvRow[], orgs: OrganizationNames, lang: ExportLang = 'es'): { headers: string[]; tags: string[]; rows: string[][] } {
  const org = organizationLabel(orgs);
  return { headers: COLUMNS.map((c) => c.header[lang]), tags: COLUMNS.map((c) => c.hxl), rows: rows.map((row) => COLUMNS.map((c) => c.value(row, org))) };
}
