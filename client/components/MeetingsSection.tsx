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
import { useWorkspaceEvent, useWorkspaceResync } from '../realtime/RealtimeContext.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Loading } from './Loading.js';
import { agendaOf, blankItem, MeetingFields, type AgendaDraft } from './MeetingFields.js';

/** Meetings list plus the schedule form (for those who may propose). */
export function MeetingsSection({ workspaceId, canCreate }: { workspaceId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const submission = useSubmissionKey();
  const navigate = useNavigate();
  const list = useAsync((signal) => listMeetings(workspaceId, signal), [workspaceId]);
  // Rescheduled, renamed or cancelled elsewhere: the list follows.
  useWorkspaceEvent(workspaceId, 'meeting:updated', list.reload);
  useWorkspaceResync(workspaceId, list.reload);
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [agenda, setAgenda] = useState<AgendaDraft[]>(() => [blankItem()]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const listMissing = list.error instanceof ApiError && list.error.status === 404;
  const items = agendaOf(agenda);
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
        agenda: items,
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
            // A cancelled meeting stays listed (people may look for it), muted and saying so in words.
            <li key={m.id} className={m.status === 'cancelled' ? 'item item-cancelled' : 'item'} data-status={m.status}>
              <div className="item-main">
                <Link className="item-title" to={`/w/${workspaceId}/meetings/${m.id}`}>
                  {m.title}
                </Link>
                <p className="item-meta">
                  <time dateTime={m.startsAt}>{fmt.dateTimeWithZone(m.startsAt)}</time>
                  {' · '}
                  <span className="meeting-status">{t(`meetings.status.${m.status}`, { defaultValue: m.status })}</span>
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
            <MeetingFields
              uid={uid}
              title={{ value: title, onChange: setTitle, error: titleError }}
              startsAt={{ value: startsAt, onChange: setStartsAt, error: startsError }}
              agenda={agenda}
              onAgendaChange={setAgenda}
              agendaError={agendaError}
            />
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
