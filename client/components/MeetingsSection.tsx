/** A working group's meetings, and a form to schedule one with its agenda. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/http.js';
import { createMeeting, listMeetings } from '../api/meetings.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useSubmissionKey } from '../lib/submissionKey.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ErrorNotice } from './ErrorNotice.js';
import { describedBy, Field } from './Field.js';
import { Loading } from './Loading.js';

interface Draft {
  key: number;
  title: string;
  minutes: string;
}
let draftKey = 1;

/** Meetings list plus the schedule form (for those who may propose). */
export function MeetingsSection({ workspaceId, canCreate }: { workspaceId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const submission = useSubmissionKey();
  const navigate = useNavigate();
  const list = useAsync((signal) => listMeetings(workspaceId, signal), [workspaceId]);
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [agenda, setAgenda] = useState<Draft[]>([{ key: draftKey++, title: '', minutes: '' }]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const listMissing = list.error instanceof ApiError && list.error.status === 404;
  const update = (key: number, patch: Partial<Draft>) => setAgenda((items) => items.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const items = agenda.filter((i) => i.title.trim());
  const check = useInvalidFocus();
  const titleError = check.tried && !title.trim() ? t('common.required') : null;
  const startsError = check.tried && !startsAt ? t('common.required') : null;
  const agendaError = check.tried && items.length === 0 ? t('meetings.agendaRequired') : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !startsAt || items.length === 0) return check.refuse();
    setBusy(true);
    setError(null);
    try {
      const body = {
        title: title.trim(),
        startsAt: new Date(startsAt).toISOString(),
        agenda: items.map((i) => ({ title: i.title.trim(), ...(i.minutes ? { minutes: Number(i.minutes) } : {}) })),
      };
      const meeting = await createMeeting(workspaceId, body, submission.keyFor({ workspaceId, body }));
      submission.done();
      navigate(`/w/${workspaceId}/meetings/${meeting.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('meetings.title')}</h2>
      {list.loading && !list.data && <Loading />}
      {!listMissing && <ErrorNotice error={list.error} onRetry={list.reload} compact />}
      {(listMissing || list.data?.length === 0) && <p className="empty">{t(canCreate ? 'meetings.emptySchedule' : 'meetings.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="item-list">
          {list.data.map((m) => (
            <li key={m.id} className="item">
              <div className="item-main">
                <Link className="item-title" to={`/w/${workspaceId}/meetings/${m.id}`}>
                  {m.title}
                </Link>
                <p className="item-meta">
                  <time dateTime={m.startsAt}>{fmt.dateTimeWithZone(m.startsAt)}</time>
                  {` · ${t(`meetings.status.${m.status}`, { defaultValue: m.status })}`}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <details className="disclosure">
          <summary>{t('meetings.schedule')}</summary>
          <form ref={check.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
            <div className="field-row">
              <Field id={`${uid}-mtitle`} label={t('meetings.meetingTitle')} required error={titleError}>
                <input id={`${uid}-mtitle`} required aria-invalid={!!titleError} aria-describedby={describedBy(`${uid}-mtitle`, { error: titleError })} maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
              </Field>
              <Field id={`${uid}-starts`} label={t('meetings.startsAt')} required error={startsError}>
                <input id={`${uid}-starts`} type="datetime-local" required aria-invalid={!!startsError} aria-describedby={describedBy(`${uid}-starts`, { error: startsError })} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
              </Field>
            </div>
            <fieldset aria-describedby={agendaError ? `${uid}-agenda-error` : undefined}>
              <legend>{t('meetings.agenda')}</legend>
              <ol className="agenda-edit">
                {agenda.map((item, i) => (
                  <li key={item.key} className="field-row">
                    <Field id={`${uid}-item-${item.key}`} label={t('meetings.itemTitle', { n: i + 1 })}>
                      {/* The first item is where a missing agenda is fixed: focus goes there after a refused submit. */}
                      <input id={`${uid}-item-${item.key}`} aria-invalid={!!agendaError && i === 0} maxLength={300} value={item.title} onChange={(e) => update(item.key, { title: e.target.value })} />
                    </Field>
                    <Field id={`${uid}-min-${item.key}`} label={t('meetings.itemMinutes')} className="field-narrow">
                      <input id={`${uid}-min-${item.key}`} type="number" min={1} max={600} value={item.minutes} onChange={(e) => update(item.key, { minutes: e.target.value })} />
                    </Field>
                    {agenda.length > 1 && (
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setAgenda((a) => a.filter((x) => x.key !== item.key))} aria-label={t('meetings.removeItem', { n: i + 1 })}>
                        ×
                      </button>
                    )}
                  </li>
                ))}
              </ol>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setAgenda((a) => [...a, { key: draftKey++, title: '', minutes: '' }])}>
                {t('meetings.addItem')}
              </button>
              {agendaError && (
                <p id={`${uid}-agenda-error`} className="field-error">
                  {agendaError}
                </p>
              )}
            </fieldset>
            <ErrorNotice error={error} compact />
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.creating') : t('meetings.create')}
            </button>
          </form>
        </details>
      )}
    </section>
  );
}
