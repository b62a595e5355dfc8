/** Locale-aware formatting of dates, times and numbers with Intl. */
import { useTranslation } from 'react-i18next';

/** The Intl locale of an interface language. */
export const localeOf = (lng: string) => (lng.startsWith('en') ? 'en-US' : 'es-MX');

/** Mexico City: the reference time of federal institutions, and the zone the exported minutes are written in. */
export const MEXICO_CITY_TIME_ZONE = 'America/Mexico_City';

/**
 * The UTC offset of a zone at an instant ("GMT-6"), or of the viewer's zone when none is given.
 * Compared as strings: two zones agree on a meeting's time exactly when their offsets then are equal.
 */
export function utcOffsetName(at: Date, timeZone?: string): string {
  const part = cachedDateTimeFormat('en-US', { timeZoneName: 'shortOffset', ...(timeZone ? { timeZone } : {}) })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'GMT';
}

export interface Formatters {
  /** A `YYYY-MM-DD` calendar date, shown without time-zone shifts. */
  date(value: string | null | undefined): string;
  /** An ISO-8601 instant, shown in the viewer's time zone. */
  dateTime(value: string | null | undefined): string;
  /**
   * An ISO-8601 instant with its time zone named ("6 dic 2026, 3:50 p.m. GMT-6"), in the viewer's zone
   * or `timeZone`: for times people in several zones must agree on, such as a meeting's start.
   */
  dateTimeWithZone(value: string | null | undefined, timeZone?: string): string;
  /** The same, time only ("3:50 p.m. GMT-6"). */
  timeWithZone(value: string | null | undefined, timeZone?: string): string;
  number(value: number): string;
  list(values: string[]): string;
}

/** Intl formatters are costly to build (a list of hundreds of rows built them per row): one per locale and options. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A shared Intl.DateTimeFormat for `locale` and `options` (built once, then reused). */
export function cachedDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let fmt = dateTimeFormats.get(key);
  if (!fmt) dateTimeFormats.set(key, (fmt = new Intl.DateTimeFormat(locale, options)));
  return fmt;
}

/** The formatters of one locale; built once per locale and shared by every component. */
const formattersByLocale = new Map<string, Formatters>();

function formattersFor(locale: string): Formatters {
  const known = formattersByLocale.get(locale);
  if (known) return known;
  const dateFmt = cachedDateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFmt = cachedDateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out to match them.
  const zoned = (withDate: boolean, timeZone: string | undefined) =>
    cachedDateTimeFormat(locale, {
      ...(withDate ? { year: 'numeric', month: 'short', day: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
      // The offset in both languages: 'short' names Mexico City's zone "CST" in English (China's and Cuba's too) and
      // "GMT-6" in Spanish, so people reading a meeting's time in the two languages saw two different zones.
      timeZoneName: 'shortOffset',
      ...(timeZone ? { timeZone } : {}),
    });
  const formatInstant = (value: string | null | undefined, fmt: Intl.DateTimeFormat) => {
    if (!value) return '—';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : fmt.format(d);
  };
  const numberFmt = new Intl.NumberFormat(locale);
  // 'long': "a, b and c" in English ('short' writes "a, b, & c").
  const listFmt = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const formatters: Formatters = {
    date(value) {
      if (!value) return '—';
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
    },
    dateTime(value) {
      if (!value) return '—';
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : dateTimeFmt.format(d);
    },
    dateTimeWithZone: (value, timeZone) => formatInstant(value, zoned(true, timeZone)),
    timeWithZone: (value, timeZone) => formatInstant(value, zoned(false, timeZone)),
    number: (value) => numberFmt.format(value),
    list: (values) => listFmt.format(values),
  };
  formattersByLocale.set(locale, formatters);
  return formatters;
}

/** Formatters for the current interface language (the same object for every component of one language). */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(localeOf(i18n.language));
}
