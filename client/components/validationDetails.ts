/**
 * Words for a 400's `details`: "Título: como máximo 300 caracteres" instead of the server's own English
 * ("title: Too big: expected string to have <=300 characters"). The server sends zod's issue kind and bound
 * beside its message; a detail without them (a reference the server checked itself) keeps its message.
 */
import type { TFunction } from 'i18next';

interface Detail {
  path?: unknown;
  message?: unknown;
  issue?: unknown;
  limit?: unknown;
  of?: unknown;
}

/** Server messages about dates (shared/schemas.ts) that all mean "not a valid date". */
const DATE_MESSAGES = [/YYYY-MM-DD/, /real date/i, /year from/i, /ISO 8601/i];

function fieldLabel(path: string, t: TFunction): string {
  // "agenda.2.title" names the third agenda item's title: the words are for the last named part.
  const parts = path.split('.');
  const leaf = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? path;
  const label = t(`errors.fields.${leaf}`, { defaultValue: '' });
  if (!label) return path;
  const index = parts.find((p) => /^\d+$/.test(p));
  return index !== undefined && parts.length > 1 ? t('errors.fields.itemOf', { label, n: Number(index) + 1 }) : label;
}

function issueText(d: Detail, t: TFunction): string | null {
  const limit = typeof d.limit === 'number' ? d.limit : undefined;
  const message = typeof d.message === 'string' ? d.message : '';
  switch (d.issue) {
    case 'too_big':
      if (d.of === 'string' && limit !== undefined) return t('errors.issues.tooLong', { count: limit });
      if (d.of === 'array' && limit !== undefined) return t('errors.issues.tooMany', { count: limit });
      if (limit !== undefined) return t('errors.issues.tooHigh', { limit });
      return t('errors.issues.invalid');
    case 'too_small':
      if ((d.of === 'string' || d.of === 'array') && limit === 1) return t('errors.issues.required');
      if (d.of === 'string' && limit !== undefined) return t('errors.issues.tooShort', { count: limit });
      if (d.of === 'array' && limit !== undefined) return t('errors.issues.tooFew', { count: limit });
      if (limit !== undefined) return t('errors.issues.tooLow', { limit });
      return t('errors.issues.invalid');
    case 'invalid_type':
      return /undefined/.test(message) ? t('errors.issues.required') : t('errors.issues.invalid');
    case 'invalid_value':
      return t('errors.issues.notAnOption');
    case 'invalid_format':
    case 'custom':
      if (DATE_MESSAGES.some((re) => re.test(message))) return t('errors.issues.date');
      if (/email/i.test(message)) return t('errors.issues.email');
      return t('errors.issues.invalid');
    case 'unknown_reference':
      return t('errors.issues.unknownReference');
    case 'invisible_only':
      return t('errors.issues.invisibleOnly');
    case 'not_member':
      return t('errors.issues.notMember');
    case 'no_agenda_items':
      return t('errors.issues.noAgendaItems');
    case 'out_of_range':
      return t('errors.issues.outOfRange');
    case 'current_item_removed':
      return t('errors.issues.currentItemRemoved');
    case 'observer_focal_point':
      return t('errors.issues.observerFocalPoint');
    case 'quote_mismatch':
      return t('errors.issues.quoteMismatch');
    case 'unstorable_text':
      return t('errors.issues.unstorableText');
    default:
      return null;
  }
}

/** One line per invalid field, in the interface's language where the server said what kind of problem it is. */
export function validationLines(details: unknown, t: TFunction): string[] {
  if (!details) return [];
  if (Array.isArray(details)) {
    return details
      .map((raw) => {
        if (!raw || typeof raw !== 'object') return String(raw);
        const d = raw as Detail;
        const path = Array.isArray(d.path) ? d.path.join('.') : typeof d.path === 'string' ? d.path : '';
        const what = issueText(d, t) ?? (typeof d.message === 'string' ? d.message : '');
        return [path ? fieldLabel(path, t) : '', what].filter(Boolean).join(': ');
      })
      .filter(Boolean);
  }
  if (typeof details === 'object') {
    const obj = details as Record<string, unknown>;
    const fields = (obj.fieldErrors && typeof obj.fieldErrors === 'object' ? obj.fieldErrors : obj) as Record<string, unknown>;
    return Object.entries(fields).map(([k, v]) => `${fieldLabel(k, t)}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return [String(details)];
}
