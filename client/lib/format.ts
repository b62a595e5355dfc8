/** Locale-aware formatting of dates, times and numbers with Intl. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const localeOf = (lng: string) => (lng.startsWith('en') ? 'en-US' : 'es-MX');

/** Mexico City: the reference time of federal institutions, and the zone the exported minutes are written in. */
export const MEXICO_CITY_TIME_ZONE = 'America/Mexico_City';

/**
 * The UTC offset of a zone at an instant ("GMT-6"), or of the viewer's zone when none is given.
 * Compared as strings: two zones agree on a meeting's time exactly when their offsets then are equal.
 */
export function utcOffsetName(at: Date, timeZone?: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'shortOffset', ...(timeZone ? { timeZone } : {}) })
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

/** Formatters for the current interface language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useMemo(() => {
    const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out to match them.
    const zoned = (withDate: boolean, timeZone: string | undefined) =>
      new Intl.DateTimeFormat(locale, {
        ...(withDate ? { year: 'numeric', month: 'short', day: 'numeric' } : {}),
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
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
    return {
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
  }, [locale]);
}
