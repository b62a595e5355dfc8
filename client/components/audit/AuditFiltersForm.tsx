/** Filters of an audit trail: action (or family), person and a range of local days. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from '../../api/audit.js';
import { Field } from '../Field.js';

/** What the form edits: days as the date inputs hold them (`YYYY-MM-DD`, the browser's local days). */
export interface AuditFilterDraft {
  action: string;
  actorId: string;
  fromDay: string;
  toDay: string;
  /** Plan visits are listed too (each opening of a plan records one: left out, unless asked for). */
  includeVisits: boolean;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterDraft = { action: '', actorId: '', fromDay: '', toDay: '', includeVisits: false };

const VISITED = 'document.visited';

/** Families most trails hold; the list also offers the actions already on screen. */
const FAMILIES = ['workspace', 'member', 'invitation', 'document', 'comment', 'decision', 'stance', 'action', 'meeting', 'version', 'overlap', 'audit', 'organization', 'user', 'session'];

/** The server's filters for a draft: local days become instants, so "today" means today where the person is. */
export function toAuditFilters(d: AuditFilterDraft): AuditFilters {
  const action = d.action.trim() || undefined;
  return {
    action,
    exceptAction: d.includeVisits || action === VISITED ? undefined : VISITED,
    actorId: d.actorId || undefined,
    from: d.fromDay ? new Date(`${d.fromDay}T00:00:00`).toISOString() : undefined,
    to: d.toDay ? new Date(`${d.toDay}T23:59:59.999`).toISOString() : undefined,
  };
}

/**
 * Whether the person narrowed the trail (action, person or days). Hiding plan visits is the default, not their
 * filter, and including them only widens: neither makes "no entry matches the filters, clear them" true.
 */
export function narrowsAudit(d: AuditFilterDraft): boolean {
  return Boolean(d.action.trim() || d.actorId || d.fromDay || d.toDay);
}

interface Props {
  value: AuditFilterDraft;
  onApply: (next: AuditFilterDraft) => void;
  people: Array<{ id: string; name: string }>;
  seenActions: string[];
}

/** Applies on submit (not per keystroke), so a long trail is not re-read while typing. */
export function AuditFiltersForm({ value, onApply, people, seenActions }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [draft, setDraft] = useState(value);
  const set = (patch: Partial<AuditFilterDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const options = [...new Set([...FAMILIES, ...seenActions])].sort();
  return (
    <form className="form inline-form" onSubmit={submit} aria-label={t('audit.filters')} data-testid="audit-filters">
      <div className="field-row field-row-top">
        <Field id={`${uid}-action`} label={t('audit.filterAction')} hint={t('audit.filterActionHint')}>
          <input id={`${uid}-action`} list={`${uid}-actions`} value={draft.action} aria-describedby={`${uid}-action-hint`} onChange={(e) => set({ action: e.target.value.toLowerCase() })} />
        </Field>
        <datalist id={`${uid}-actions`}>
          {/* The value is the code the server filters on; the label says it in words. */}
          {options.map((a) => (
            <option key={a} value={a} label={a.includes('.') ? t(`audit.actions.${a}`, { defaultValue: a }) : t('audit.familyOption', { name: t(`audit.families.${a}`, { defaultValue: a }) })} />
          ))}
        </datalist>
        <Field id={`${uid}-actor`} label={t('audit.filterActor')}>
          <select id={`${uid}-actor`} value={draft.actorId} onChange={(e) => set({ actorId: e.target.value })}>
            <option value="">{t('audit.anyone')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${uid}-from`} label={t('audit.from')}>
          <input id={`${uid}-from`} type="date" value={draft.fromDay} max={draft.toDay || undefined} onChange={(e) => set({ fromDay: e.target.value })} />
        </Field>
        <Field id={`${uid}-to`} label={t('audit.to')}>
          <input id={`${uid}-to`} type="date" value={draft.toDay} min={draft.fromDay || undefined} onChange={(e) => set({ toDay: e.target.value })} />
        </Field>
      </div>
      <div className="check">
        <input id={`${uid}-visits`} type="checkbox" checked={draft.includeVisits} onChange={(e) => set({ includeVisits: e.target.checked })} />
        <label htmlFor={`${uid}-visits`}>{t('audit.includeVisits')}</label>
      </div>
      <div className="inline-controls">
        <button type="submit" className="btn btn-primary">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            setDraft(EMPTY_AUDIT_FILTERS);
            onApply(EMPTY_AUDIT_FILTERS);
          }}
        >
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
