/** The facilitator's form to correct a meeting: title, date and time and agenda before it starts; the agenda while live. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMeeting } from '../api/meetings.js';
import type { Meeting } from '../api/types.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ErrorNotice } from './ErrorNotice.js';
import { agendaOf, draftsOf, localInputValue, MeetingFields, type AgendaDraft } from './MeetingFields.js';

/** Agendas compared by what they say (no minutes and null minutes alike). */
const sameAgenda = (a: Meeting['agenda'], b: Meeting['agenda']) => JSON.stringify(a.map((i) => [i.title, i.minutes ?? null])) === JSON.stringify(b.map((i) => [i.title, i.minutes ?? null]));

interface Props {
  meeting: Meeting;
  /** The form is done: saved (with the meeting as the server now has it) or discarded. */
  onDone: (saved: Meeting | null) => void;
}

/** Prefilled with the meeting as it was when opened; sends only what was changed. */
export function MeetingEditForm({ meeting, onDone }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const agendaOnly = meeting.status === 'live';
  // Items up to the one under way keep their places while live (the server refuses to drop the current one).
  const locked = agendaOnly && meeting.currentItem !== null ? meeting.currentItem + 1 : 0;
  const [initialStart] = useState(() => localInputValue(meeting.startsAt));
  const [title, setTitle] = useState(meeting.title);
  const [startsAt, setStartsAt] = useState(initialStart);
  const [agenda, setAgenda] = useState<AgendaDraft[]>(() => draftsOf(meeting.agenda));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const items = agendaOf(agenda, locked);
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
    if ((!agendaOnly && (!title.trim() || !startsAt)) || items.length === 0) return check.refuse();
    const patch: { title?: string; startsAt?: string; agenda?: typeof items } = {};
    if (!agendaOnly && title.trim() !== meeting.title) patch.title = title.trim();
    // Only a date and time the picker changed is sent: the field holds minutes, the meeting may hold seconds.
    if (!agendaOnly && startsAt !== initialStart) patch.startsAt = new Date(startsAt).toISOString();
    if (!sameAgenda(items, meeting.agenda)) patch.agenda = items;
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

  return (
    <section className="card" aria-labelledby={`${uid}-head`} data-testid="meeting-edit">
      <h2 id={`${uid}-head`}>{t(agendaOnly ? 'meetings.editAgendaHeading' : 'meetings.editHeading')}</h2>
      <form ref={check.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <MeetingFields
          uid={uid}
          title={agendaOnly ? undefined : { value: title, onChange: setTitle, error: titleError }}
          startsAt={agendaOnly ? undefined : { value: startsAt, onChange: setStartsAt, error: startsError }}
          agenda={agenda}
          onAgendaChange={setAgenda}
          agendaError={agendaError}
          lockedItems={locked}
          agendaHint={agendaOnly ? t('meetings.liveAgendaHint') : undefined}
        />
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
