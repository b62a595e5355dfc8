/** An activity's dates as one range, saying which end is missing rather than showing "— – —". */
import type { TFunction } from 'i18next';
import type { Formatters } from './format.js';

/** "1 mar 2026 – 30 jun 2026", "desde 1 mar 2026", "hasta 30 jun 2026", or a single "—" without either date. */
export function formatDateRange(start: string | null | undefined, end: string | null | undefined, fmt: Formatters, t: TFunction): string {
  if (start && end) return `${fmt.date(start)} – ${fmt.date(end)}`;
  if (start) return t('matrix.dateFrom', { date: fmt.date(start) });
  if (end) return t('matrix.dateUntil', { date: fmt.date(end) });
  return '—';
}
