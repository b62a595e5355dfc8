/** Readable renderings of an audit event's target and changes (`{field: {from, to}}` or plain values). */
import { useTranslation } from 'react-i18next';

/** Short text of any JSON value. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (Array.isArray(value)) return value.map(show).join(', ') || '∅';
  const s = JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** "user · Beto Ruiz" for `{type, id}` targets, using known names. */
export function AuditTarget({ target, names }: { target: unknown; names: Map<string, string> }) {
  const { t } = useTranslation();
  if (target && typeof target === 'object' && !Array.isArray(target)) {
    const { type, id } = target as { type?: unknown; id?: unknown };
    if (typeof type === 'string') {
      const label = t(`audit.targetTypes.${type}`, { defaultValue: type });
      const name = typeof id === 'string' ? (names.get(id) ?? id) : '';
      return (
        <span>
          <span className="muted">{label}</span> {name && <code>{name}</code>}
        </span>
      );
    }
  }
  return <code>{show(target)}</code>;
}

/** One line per changed field: `field: from → to`. */
export function AuditChanges({ changes }: { changes: unknown }) {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return <span>{changes == null ? '' : show(changes)}</span>;
  const entries = Object.entries(changes as Record<string, unknown>);
  return (
    <ul className="changes">
      {entries.map(([field, value]) => {
        const diff = value && typeof value === 'object' && !Array.isArray(value) && ('from' in value || 'to' in value) ? (value as { from?: unknown; to?: unknown }) : null;
        return (
          <li key={field}>
            <span className="muted">{field}:</span> {diff ? `${show(diff.from)} → ${show(diff.to)}` : show(value)}
          </li>
        );
      })}
    </ul>
  );
}
