/** A meeting's fields (title, date and time, agenda items), shared by the form that schedules and the one that edits. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../api/types.js';
import { describedBy, Field } from './Field.js';

/** One agenda item as typed: minutes stay text until sent. */
export interface AgendaDraft {
  key: number;
  title: string;
  minutes: string;
}
let draftKey = 1;

/** A blank agenda item. */
export function blankItem(): AgendaDraft {
  return { key: draftKey++, title: '', minutes: '' };
}

/** A meeting's agenda as drafts (one blank item for an empty agenda, to type into). */
export function draftsOf(agenda: AgendaItem[]): AgendaDraft[] {
  return agenda.length ? agenda.map((i) => ({ key: draftKey++, title: i.title, minutes: i.minutes ? String(i.minutes) : '' })) : [blankItem()];
}

/**
 * The agenda the drafts hold, as the API takes it: untitled items left out (but the first `keep`, whose places
 * must not shift: the server then names the one left blank), no minutes rather than none.
 */
export function agendaOf(drafts: AgendaDraft[], keep = 0): Array<{ title: string; minutes?: number }> {
  return drafts.filter((i, n) => n < keep || i.title.trim()).map((i) => ({ title: i.title.trim(), ...(i.minutes ? { minutes: Number(i.minutes) } : {}) }));
}

/** An instant as a `datetime-local` value in the viewer's zone: what the picker shows, and gives back, for it. */
export function localInputValue(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

interface TextField {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
}

interface Props {
  /** Prefix of the fields' ids. */
  uid: string;
  /** Left out: the form edits the agenda only. */
  title?: TextField;
  startsAt?: TextField;
  agenda: AgendaDraft[];
  onAgendaChange: (agenda: AgendaDraft[]) => void;
  agendaError: string | null;
  /** How many items, from the first, may not be removed (a live meeting's, up to the one under way). */
  lockedItems?: number;
  /** Said under the agenda's legend. */
  agendaHint?: string;
}

/** Title and date-time fields (when given) and the agenda's items, each with its minutes. */
export function MeetingFields({ uid, title, startsAt, agenda, onAgendaChange, agendaError, lockedItems = 0, agendaHint }: Props) {
  const { t } = useTranslation();
  const update = (key: number, patch: Partial<AgendaDraft>) => onAgendaChange(agenda.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const hintId = agendaHint ? `${uid}-agenda-hint` : undefined;
  const errorId = agendaError ? `${uid}-agenda-error` : undefined;
  // The item just added (or the one next to an item removed): its title takes the focus once the parent's state has
  // rendered it, so a keyboard user types straight into it instead of being left on the "add" button (or nowhere).
  const focusKey = useRef<number | null>(null);
  useEffect(() => {
    if (focusKey.current === null || !agenda.some((i) => i.key === focusKey.current)) return;
    document.getElementById(`${uid}-item-${focusKey.current}`)?.focus();
    focusKey.current = null;
  }, [agenda, uid]);
  const addItem = () => {
    const item = blankItem();
    focusKey.current = item.key;
    onAgendaChange([...agenda, item]);
  };
  // A removed item's button goes with it: the focus moves to the item now in its place (or the one before the last).
  const removeItem = (index: number) => {
    const rest = agenda.filter((_, j) => j !== index);
    focusKey.current = rest[Math.min(index, rest.length - 1)]?.key ?? null;
    onAgendaChange(rest);
  };
  return (
    <>
      {(title || startsAt) && (
        <div className="field-row">
          {title && (
            <Field id={`${uid}-mtitle`} label={t('meetings.meetingTitle')} required error={title.error}>
              <input id={`${uid}-mtitle`} required aria-invalid={!!title.error} aria-describedby={describedBy(`${uid}-mtitle`, { error: title.error })} maxLength={300} value={title.value} onChange={(e) => title.onChange(e.target.value)} />
            </Field>
          )}
          {startsAt && (
            <Field id={`${uid}-starts`} label={t('meetings.startsAt')} required error={startsAt.error}>
              <input id={`${uid}-starts`} type="datetime-local" required aria-invalid={!!startsAt.error} aria-describedby={describedBy(`${uid}-starts`, { error: startsAt.error })} value={startsAt.value} onChange={(e) => startsAt.onChange(e.target.value)} />
            </Field>
          )}
        </div>
      )}
      <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
        <legend>{t('meetings.agenda')}</legend>
        {agendaHint && (
          <p id={hintId} className="small muted">
            {agendaHint}
          </p>
        )}
        <ol className="agenda-edit">
          {agenda.map((item, i) => (
            <li key={item.key} className="field-row">
              <Field id={`${uid}-item-${item.key}`} label={t('meetings.itemTitle', { n: i + 1 })}>
                {/* The first item is where a missing agenda is fixed: focus goes there after a refused submit. */}
                <input id={`${uid}-item-${item.key}`} aria-invalid={!!agendaError && i === 0} maxLength={300} value={item.title} onChange={(e) => update(item.key, { title: e.target.value })} />
              </Field>
              {/* Said with its item (every item has a minutes field), shown short: the column is narrow. */}
              <Field
                id={`${uid}-min-${item.key}`}
                label={
                  <>
                    <span aria-hidden="true">{t('meetings.itemMinutes')}</span>
                    <span className="visually-hidden">{t('meetings.itemMinutesOf', { n: i + 1 })}</span>
                  </>
                }
                className="field-narrow"
              >
                <input id={`${uid}-min-${item.key}`} type="number" min={1} max={600} value={item.minutes} onChange={(e) => update(item.key, { minutes: e.target.value })} />
              </Field>
              {agenda.length > 1 && i >= lockedItems && (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => removeItem(i)} aria-label={t('meetings.removeItem', { n: i + 1 })}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ol>
        <button type="button" className="btn btn-secondary btn-small" onClick={addItem}>
          {t('meetings.addItem')}
        </button>
        {agendaError && (
          <p id={errorId} className="field-error">
            {agendaError}
          </p>
        )}
      </fieldset>
    </>
  );
}
