/** The facilitator's form to correct a meeting: title, date and time and agenda before it starts; the agenda while live. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMeeting } from '../api/meetings.js';
import type { Meeting } from '../api/types.js';
import { useFormat } from '../lib/format.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ErrorNotice } from './ErrorNotice.js';
import { agendaOf, draftsOf, localInputValue, MeetingFields, type AgendaDraft } from './MeetingFields.js';

/** Agendas compared by what they say (no minutes and null minutes alike). */
const sameAgenda = (a: Meeting['agenda'], b: Meeting['agenda']) => JSON.stringify(a.map((i) => [i.title, i.minutes ?? null])) === JSON.stringify(b.map((i) => [i.title, i.minutes ?? null]));

/** What the form edits: as the person typed it, or as the meeting had it at some moment. */
interface Values {
  title: string;
  /** As a `datetime-local` value: the picker holds minutes, the meeting may hold seconds. */
  start: string;
  agenda: Meeting['agenda'];
}
type FieldName = keyof Values;
const FIELDS: FieldName[] = ['title', 'start', 'agenda'];
const valuesOf = (m: Meeting): Values => ({ title: m.title, start: localInputValue(m.startsAt), agenda: m.agenda });
const same = (f: FieldName, a: Values, b: Values) => (f === 'agenda' ? sameAgenda(a.agenda, b.agenda) : a[f] === b[f]);

interface Props {
  meeting: Meeting;
  /** The form is done: saved (with the meeting as the server now has it) or discarded. */
  onDone: (saved: Meeting | null) => void;
}

/**
 * Prefilled with the meeting as it was when opened; sends only what the person changed, so a change someone
 * else made meanwhile to another field survives, and one to the same field is pointed out before it is overwritten.
 */
export function MeetingEditForm({ meeting, onDone }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const live = meeting.status === 'live';
  // Opened on a live meeting, the form edits the agenda only. One that starts while the form is open keeps its
  // title field, so what was typed there is not lost (the server takes a new title while live).
  const [agendaOnly] = useState(live);
  // Items up to the one under way keep their places while live (the server refuses to drop the current one).
  const locked = live && meeting.currentItem !== null ? meeting.currentItem + 1 : 0;
  // The meeting as the form opened it: what differs from it is what the person changed, and only that is sent.
  const [opened, setOpened] = useState(() => valuesOf(meeting));
  // The meeting as the person was last shown it: a change by someone else since then is pointed out first.
  const [known, setKnown] = useState(opened);
  const [clashes, setClashes] = useState<FieldName[]>([]);
  const [title, setTitle] = useState(opened.title);
  const [startsAt, setStartsAt] = useState(opened.start);
  const [agenda, setAgenda] = useState<AgendaDraft[]>(() => draftsOf(meeting.agenda));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const items = agendaOf(agenda, locked);
  const mine: Values = { title: title.trim(), start: startsAt, agenda: items };
  const now = valuesOf(meeting);
  // A meeting under way keeps its start: the picker goes, and a date typed in it before is said to be dropped.
  const editable = (f: FieldName) => (f === 'title' ? !agendaOnly : f === 'start' ? !live : true);
  const changed = FIELDS.filter((f) => editable(f) && !same(f, mine, opened));
  const startDropped = live && !same('start', mine, opened);
  const titleError = check.tried && !title.trim() ? t('common.required') : null;
  const startsError = check.tried && !startsAt ? t('common.required') : null;
  const agendaError = check.tried && items.length === 0 ? t('meetings.agendaRequired') : null;

  // Opened to be used: the first field takes focus.
  const formRef = check.ref;
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [formRef]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if ((!agendaOnly && !title.trim()) || (!live && !startsAt) || items.length === 0) return check.refuse();
    // Fields the person changed that someone else also changed, to something else, since the person last saw them.
    const clashing = changed.filter((f) => !same(f, now, known) && !same(f, now, mine));
    if (clashing.length) {
      // Said once per change by someone else: saving again then overwrites it knowingly.
      setKnown(now);
      setClashes(clashing);
      return;
    }
    const patch: { title?: string; startsAt?: string; agenda?: typeof items } = {};
    if (changed.includes('title')) patch.title = mine.title;
    if (changed.includes('start')) patch.startsAt = new Date(startsAt).toISOString();
    if (changed.includes('agenda')) patch.agenda = items;
    if (!Object.keys(patch).length) return onDone(null);
    setBusy(true);
    setError(null);
    try {
      onDone(await updateMeeting(meeting.id, patch));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  /** The fields someone else changed since the form opened take their values now, in place of the person's own. */
  const takeCurrent = () => {
    if (!same('title', now, opened)) setTitle(now.title);
    if (!same('start', now, opened)) setStartsAt(now.start);
    if (!same('agenda', now, opened)) setAgenda(draftsOf(meeting.agenda));
    setOpened(now);
    setKnown(now);
    setClashes([]);
  };

  const clashNames = clashes.map((f) =>
    f === 'title' ? t('meetings.editClashTitle', { title: meeting.title }) : f === 'start' ? t('meetings.editClashStart', { when: fmt.dateTimeWithZone(meeting.startsAt) }) : t('meetings.editClashAgenda'),
  );

  return (
    <section className="card" aria-labelledby={`${uid}-head`} data-testid="meeting-edit">
      <h2 id={`${uid}-head`}>{t(agendaOnly ? 'meetings.editAgendaHeading' : 'meetings.editHeading')}</h2>
      <form ref={check.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <MeetingFields
          uid={uid}
          title={agendaOnly ? undefined : { value: title, onChange: setTitle, error: titleError }}
          startsAt={live ? undefined : { value: startsAt, onChange: setStartsAt, error: startsError }}
          agenda={agenda}
          onAgendaChange={setAgenda}
          agendaError={agendaError}
          lockedItems={locked}
          agendaHint={live ? t('meetings.liveAgendaHint') : undefined}
        />
        {startDropped && (
          <div className="notice notice-warning notice-compact" role="alert">
            <p className="notice-title">{t('meetings.editStartedTitle')}</p>
            <p className="notice-hint">{t('meetings.editStartedHint', { when: fmt.dateTimeWithZone(startsAt) })}</p>
          </div>
        )}
        {clashes.length > 0 && (
          <div className="notice notice-warning notice-compact" role="alert">
            <p className="notice-title">{t('meetings.editClash', { fields: fmt.list(clashNames) })}</p>
            <p className="notice-hint">{t('meetings.editClashHint')}</p>
            <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={takeCurrent}>
              {t('meetings.editTakeCurrent')}
            </button>
          </div>
        )}
        <ErrorNotice error={error} compact />
        <div className="inline-controls">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('meetings.saving') : t('meetings.saveChanges')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => onDone(null)}>
            {t('meetings.discardChanges')}
          </button>
        </div>
      </form>
    </section>
  );
}
