/** Locale-aware formatting of dates, times and numbers with Intl. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const localeOf = (lng: string) => (lng.startsWith('en') ? 'en-US' : 'es-MX');

export interface Formatters {
  /** A `YYYY-MM-DD` calendar date, shown without time-zone shifts. */
  date(value: string | null | undefined): string;
  /** An ISO-8601 instant, shown in the viewer's time zone. */
  dateTime(value: string | null | undefined): string;
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
      number: (value) => numberFmt.format(value),
      list: (values) => listFmt.format(values),
    };
  }, [locale]);
}
