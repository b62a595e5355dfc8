/**
 * Words for audit entries: an action code becomes "Decision proposed", a field "Due date", and a
 * value a name, a translated status, a local date or Yes/No instead of the raw id, enum or ISO string.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { stateName } from '../../../shared/municipalities.js';
import { restoredNameIn } from '../history/VersionName.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';

export interface AuditText {
  action(code: string): string;
  field(name: string): string;
  /** One value of `field` in an entry about a `targetType` (statuses depend on what changed). */
  value(field: string, value: unknown, targetType?: string): string;
  /** A target's id as a name when known (plan title, decision, person, organization), else null. */
  name(id: string): string | null;
}

/** Fields that only locate things inside the system (a read position, a thread's id); the CSV keeps them. */
export const INTERNAL_FIELDS = new Set(['logPosition', 'threadId', 'parentId']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where the words for a field's enum values live, if it has them. */
function enumGroup(field: string, targetType?: string): string | null {
  switch (field) {
    case 'status':
      return targetType === 'decision' ? 'decisionStatus' : targetType === 'action' ? 'actionStatus' : targetType === 'meeting' ? 'meetings.status' : null;
    case 'role':
      return 'roles';
    case 'stance':
      return 'stances.values';
    case 'stanceVisibility':
      return 'decisions.stanceVisibilityValues';
    case 'resolution':
      return 'matrix.overlaps.resolutions';
    case 'kind':
      return 'history.kinds';
    case 'level':
      return 'levels';
    case 'mandateAreas':
    case 'mandateArea':
      return 'mandateAreas';
    case 'format':
      return 'plans.exportFormats';
    case 'anchorType':
      return 'audit.anchorTypes';
    case 'reason':
      return 'audit.reasons';
    case 'template':
      return 'plans.templates';
    case 'locale':
    case 'lang':
      return 'lang';
    default:
      return null;
  }
}

/** Audit wording for the current language; `names` maps ids (people, plans, decisions, meetings) to names. */
export function useAuditText(names: Map<string, string>): AuditText {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { byId } = useOrganizations();
  return useMemo(() => {
    const name = (id: string) => names.get(id) ?? (byId.get(id) ? byId.get(id)!.acronym || byId.get(id)!.name : null);
    const one = (field: string, v: unknown, targetType?: string): string => {
      if (v === null || v === undefined || v === '') return '—';
      if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
      // Agenda items are counted from 1 on screen (the entry stores the 0-based index).
      if (typeof v === 'number') return fmt.number(field === 'currentItem' ? v + 1 : v);
      if (typeof v === 'string') {
        const group = enumGroup(field, targetType);
        if (group && i18n.exists(`${group}.${v}`)) return t(`${group}.${v}`);
        if (targetType === 'overlap' && field === 'status') return t(v === 'resolved' ? 'matrix.overlaps.statusResolved' : 'matrix.overlaps.statusOpen');
        if (field === 'stateCode') return stateName(v);
        // A version saved before a restore is named by the server in Spanish: said in the interface's language.
        if (field === 'name' && targetType === 'version') {
          const restored = restoredNameIn(v);
          if (restored) return t('history.beforeRestore', { name: restored });
        }
        const known = name(v);
        if (known) return known;
        if (ISO_DAY.test(v)) return fmt.date(v);
        if (ISO_INSTANT.test(v)) return fmt.dateTime(v);
        return v.length > 80 ? `${v.slice(0, 80)}…` : v;
      }
      if (Array.isArray(v)) return v.length ? v.map((x) => one(field, x, targetType)).join(', ') : '—';
      // An agenda item reads as its title and time box.
      const item = v as { title?: unknown; minutes?: unknown };
      if (typeof item.title === 'string') return typeof item.minutes === 'number' ? `${item.title} (${t('meetings.minutesCount', { count: item.minutes })})` : item.title;
      // A record of id lists (a comment's mentions: people and organizations) reads as the names in it.
      const values = Object.values(v as Record<string, unknown>);
      if (values.length && values.every(Array.isArray)) return one(field, values.flat(), targetType);
      const s = JSON.stringify(v);
      return s.length > 80 ? `${s.slice(0, 80)}…` : s;
    };
    return {
      action: (code) => t(`audit.actions.${code}`, { defaultValue: code }),
      field: (f) => t(`audit.fields.${f}`, { defaultValue: f }),
      value: one,
      name,
    };
  }, [t, i18n, fmt, byId, names]);
}
