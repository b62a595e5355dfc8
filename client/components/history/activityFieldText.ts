/**
 * How a changed activity field reads in a comparison: in words, as the activities table shows it. The diff carries
 * stored values (INEGI state codes, ISO days, organization ids): "08 → 08, 19" told a reader nothing the table
 * shows as "Chihuahua → Chihuahua, Nuevo León".
 */
import type { TFunction } from 'i18next';
import { stateName } from '../../../shared/municipalities.js';

export interface FieldTextDeps {
  t: TFunction;
  /** An organization's label (its acronym) from its id. */
  organization: (id: string) => string;
  /** A `YYYY-MM-DD` day in the reader's locale. */
  date: (day: string) => string;
}

/** A changed activity field's value as text: organizations by acronym, states by name, days and statuses in words. */
export function activityFieldText(field: string, value: unknown, { t, organization, date }: FieldTextDeps): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status') return t(`activityStatus.${String(value)}`, { defaultValue: String(value) });
  if (field === 'mandateArea') return t(`mandateAreas.${String(value)}`, { defaultValue: String(value) });
  if (field === 'leadOrganizationId') return organization(String(value));
  if ((field === 'startDate' || field === 'endDate') && typeof value === 'string') return date(value);
  if (Array.isArray(value)) {
    const shown = field === 'partnerOrganizationIds' ? value.map((v) => organization(String(v))) : field === 'stateCodes' ? value.map((v) => stateName(String(v))) : value.map(String);
    return shown.join(', ') || '—';
  }
  return String(value);
}
