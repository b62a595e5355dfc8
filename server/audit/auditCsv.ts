/** The audit trail as CSV for spreadsheets: one event per line, cells that could run as formulas neutralized. */
import { csvCell } from '../../shared/delimitedText.js';
import type { AuditRow } from './auditQuery.js';

const HEADERS = {
  es: ['id', 'fecha_hora_utc', 'persona_id', 'persona', 'institucion_id', 'institucion', 'accion', 'objeto_tipo', 'objeto_id', 'cambios'],
  en: ['id', 'at_utc', 'actor_id', 'actor', 'organization_id', 'organization', 'action', 'target_type', 'target_id', 'changes'],
} as const;

export type AuditCsvLang = keyof typeof HEADERS;

/** One CSV line (CRLF-terminated) of cells; every cell goes through formula neutralization and RFC 4180 quoting. */
function line(cells: Array<string | null | undefined>): string {
  return cells.map((c) => csvCell(c ?? '')).join(',') + '\r\n';
}

/** The header line, with a byte-order mark so Excel reads the accents as UTF-8. */
export function auditCsvHeader(lang: AuditCsvLang): string {
  return '\uFEFF' + line([...HEADERS[lang]]);
}

/** One event as a CSV line; `changes` stays JSON so nothing is lost. */
export function auditCsvLine(e: AuditRow): string {
  return line([e.id, e.at, e.actorId, e.actorName, e.organizationId, e.organizationAcronym, e.action, e.target?.type, e.target?.id, JSON.stringify(e.changes ?? {})]);
}
