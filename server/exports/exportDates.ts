/** Dates and times in the exports: written out in the export's language, in Mexico City time. */
import { exportLabels, type ExportLang } from './labels.js';

// Exports are read by people in Mexico; Mexico City time is the working reference of federal institutions.
const EXPORT_TIME_ZONE = 'America/Mexico_City';

/** A date and time in the export's language, in Mexico City time with its offset shown. */
export function formatDateTime(lang: ExportLang, at: Date): string {
  return new Intl.DateTimeFormat(exportLabels(lang).locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: EXPORT_TIME_ZONE,
  }).format(at) + ` (${offsetName(at)})`;
}

/** A calendar day ("YYYY-MM-DD", as due dates are stored) written out in the export's language: "30 de noviembre de 2026". */
export function formatDay(lang: ExportLang, day: string): string {
  const at = new Date(`${day}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(at.getTime())) return day;
  return new Intl.DateTimeFormat(exportLabels(lang).locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

function offsetName(at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: EXPORT_TIME_ZONE, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'UTC';
}

/** A compact "YYYY-MM-DD HH:mm" stamp in Mexico City time: when an approval was given, in a table cell. */
export function formatStamp(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: EXPORT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
