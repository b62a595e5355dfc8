/** Readable renderings of an audit event's target and changes (`{field: {from, to}}` or plain values). */
import { useTranslation } from 'react-i18next';
import { INTERNAL_FIELDS, type AuditText } from './audit/useAuditText.js';

/** The `{type, id}` of a target, when it has that shape. */
export function targetOf(target: unknown): { type: string; id: string | null } | null {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return null;
  const { type, id } = target as { type?: unknown; id?: unknown };
  return typeof type === 'string' ? { type, id: typeof id === 'string' ? id : null } : null;
}

/** "plan · Plan de trabajo 2027" for `{type, id}` targets; an id with no known name stays visible as code. */
export function AuditTarget({ target, text }: { target: unknown; text: AuditText }) {
  const { t } = useTranslation();
  const tg = targetOf(target);
  if (!tg) return <code>{text.value('', target)}</code>;
  const label = t(`audit.targetTypes.${tg.type}`, { defaultValue: tg.type });
  const name = tg.id ? text.name(tg.id) : null;
  // An id nobody can read (a comment's, an overlap's) stays out of the sentence: the changes beside it say which plan
  // or decision it is about, and the CSV keeps every id; hovering shows it.
  return (
    <span title={name || !tg.id || tg.id === 'all' || tg.id === 'instance' ? undefined : tg.id}>
      <span className="muted">{label}</span> {name}
    </span>
  );
}

/** One line per changed field: `Field: from → to`, in words. */
export function AuditChanges({ changes, text, targetType }: { changes: unknown; text: AuditText; targetType?: string }) {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return <span>{changes == null ? '' : text.value('', changes, targetType)}</span>;
  const entries = Object.entries(changes as Record<string, unknown>).filter(([field]) => !INTERNAL_FIELDS.has(field));
  return (
    <ul className="changes">
      {entries.map(([field, value]) => {
        const diff = value && typeof value === 'object' && !Array.isArray(value) && ('from' in value || 'to' in value) ? (value as { from?: unknown; to?: unknown }) : null;
        return (
          <li key={field}>
            <span className="muted">{text.field(field)}:</span> {diff ? `${text.value(field, diff.from, targetType)} → ${text.value(field, diff.to, targetType)}` : text.value(field, value, targetType)}
          </li>
        );
      })}
    </ul>
  );
}
