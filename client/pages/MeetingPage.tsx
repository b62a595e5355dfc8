/** A meeting: agenda with the current item, attendance, and the facilitator's controls. */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { calendarUrl, cancelMeeting, closeMeeting, getMeeting, minutesUrl, setAttendance, setCurrentItem, startMeeting } from '../api/meetings.js';
import { CALENDAR_FEED_HASH } from '../components/account/calendarFeedLink.js';
import { CloseMeetingButton } from '../components/CloseMeetingButton.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { groupOnly, memberOrganizationIds } from '../components/groupOrganizations.js';
import { Loading } from '../components/Loading.js';
import { MeetingDecisions } from '../components/MeetingDecisions.js';
import { MeetingEditForm } from '../components/MeetingEditForm.js';
import { MeetingHeldTime } from '../components/MeetingHeldTime.js';
import { MeetingTimer } from '../components/MeetingTimer.js';
import { MultiSelect } from '../components/MultiSelect.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { StartMeetingButton } from '../components/StartMeetingButton.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { WorkspaceRedirect } from '../components/WorkspaceRedirect.js';
import { useAsync } from '../lib/useAsync.js';
import { useLatestSave } from '../lib/useLatestSave.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useWorkspaceEvent, useWorkspaceResync, useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useWorkspace } from '../session/useWorkspace.js';
import { useMeetingItemNews } from './useMeetingItemNews.js';


/** The /w/:workspaceId/meetings/:meetingId page. */
/** A stable empty list: a new [] each render would look like a fresh server copy. */
const NO_ATTENDANCE: string[] = [];
/** Whether two attendance lists name the same institutions, in any order. */
const sameMembers = (a: string[], b: string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));

export function MeetingPage() {
  const { workspaceId = '', meetingId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const uid = useId();
  const ws = useWorkspace(workspaceId);
  const { list } = useOrganizations();
  const meeting = useAsync((signal) => getMeeting(meetingId, signal), [meetingId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The edit form, open or not, and a word once it saved; focus goes back to the button that opened it.
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocusEdit = useRef(false);
  useEffect(() => {
    if (editing || !refocusEdit.current) return;
    refocusEdit.current = false;
    editButton.current?.focus();
  }, [editing]);
  useWorkspaceRoom(workspaceId, undefined, 'meeting');
  useWorkspaceResync(workspaceId, meeting.reload);
  useWorkspaceEvent(workspaceId, 'meeting:updated', (p) => {
    if (!p.meetingId || p.meetingId === meetingId || (p.meeting as { id?: string } | undefined)?.id === meetingId) meeting.reload();
  });
  const m = meeting.data;
  // Attendance shows each tick at once; ticks faster than the server answers are sent in turn, newest last.
  const attendanceSave = useLatestSave<string[]>(m?.attendance ?? NO_ATTENDANCE, (ids) => setAttendance(meetingId, ids), {
    onSaved: meeting.reload,
    onError: setError,
    same: sameMembers,
  });
  const groupOrganizationIds = useMemo(() => memberOrganizationIds(ws.data?.members), [ws.data]);
  useDocumentTitle(m?.title ?? t('meetings.title'));
  const itemNews = useMeetingItemNews(m);

  const nav = <WorkspaceNav workspaceId={workspaceId} workspaceName={ws.data?.workspace.name} permissions={ws.permissions} current={m?.title ?? t('meetings.title')} />;
  if (m && m.workspaceId !== workspaceId) return <WorkspaceRedirect routeWorkspaceId={workspaceId} itemWorkspaceId={m.workspaceId} />;
  if (meeting.loading && !m) return <Loading />;
  if (!m) {
    return (
      <div className="page">
        {nav}
        <ErrorNotice error={meeting.error} onRetry={meeting.reload} />
      </div>
    );
  }

  const run = async (op: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await op();
      meeting.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const current = m.currentItem;
  const status = m.status;
  // A closed or cancelled meeting is over: nothing more to run, correct or record in it.
  const ongoing = status === 'scheduled' || status === 'live';
  const canRun = ws.permissions.canDecide && ongoing;
  const showEdit = canRun && editing;
  const attendance = attendanceSave.value;
  // Attendance is taken among the group's organizations; anyone already recorded stays listed so they can be unticked.
  const attendanceOptions = groupOnly(list, groupOrganizationIds, m.attendance ?? []).map((o) => ({ value: o.id, label: `${o.acronym} · ${o.name}`, short: o.acronym }));
  // A closed meeting has no item in progress: the last one is only where it stopped.
  const isCurrent = (i: number) => i === current && ongoing;
  const editLabel = status === 'live' ? t('meetings.editAgenda') : t('meetings.edit');
  const editControl = !showEdit && (
    <button
      ref={editButton}
      type="button"
      className="btn btn-secondary"
      disabled={busy}
      onClick={() => {
        setSaved(false);
        setEditing(true);
      }}
    >
      {editLabel}
    </button>
  );

  return (
    <div className="page">
      {nav}
      <div className="page-head">
        <h1>{m.title}</h1>
        <p className="item-meta">
          <MeetingHeldTime meeting={m} />
          <span className={`status status-${status}`}>{t(`meetings.status.${status}`, { defaultValue: status })}</span>
        </p>
        {(status === 'scheduled' || status === 'live') && (
          <div className="meeting-calendar">
            <DownloadLink href={calendarUrl(m.id, i18n.language)} label={t('meetings.addToCalendar')} testId="meeting-calendar" />
            {/* Every meeting of every group at once, in the account menu's «Calendario» dialog. */}
            <Link to={{ hash: CALENDAR_FEED_HASH }} className="meeting-subscribe">
              {t('meetings.subscribeAll')}
            </Link>
          </div>
        )}
        {status === 'cancelled' && <p className="notice notice-info">{t('meetings.cancelledNotice')}</p>}
      </div>
      <ErrorNotice error={error} compact />
      <p className="visually-hidden" role="status">
        {saved ? t('meetings.saved') : ''}
      </p>
      <p className="visually-hidden" role="status" data-testid="meeting-item-news">
        {itemNews ?? ''}
      </p>
      {showEdit && (
        <MeetingEditForm
          meeting={m}
          onDone={(updated) => {
            refocusEdit.current = true;
            setEditing(false);
            setSaved(!!updated);
            if (updated) meeting.reload();
          }}
        />
      )}
      <div className="grid-2 grid-wide-left">
        <section className="card" aria-labelledby={`${uid}-agenda`}>
          <h2 id={`${uid}-agenda`}>{t('meetings.agenda')}</h2>
          {/* Possible through the API: say so, rather than an empty list under the heading. */}
          {m.agenda.length === 0 && <p className="empty">{t('meetings.noAgendaItems')}</p>}
          <ol className="agenda" data-testid="meeting-agenda">
            {m.agenda.map((item, i) => (
              <li key={i} className={isCurrent(i) ? 'agenda-item agenda-current' : 'agenda-item'} aria-current={isCurrent(i) ? 'step' : undefined}>
                <span className="agenda-title">{item.title}</span>
                {item.minutes ? <span className="muted small">{t('meetings.minutesCount', { count: item.minutes })}</span> : null}
                {isCurrent(i) && <span className="tag tag-focal">{t('meetings.current')}</span>}
                {i === current && status === 'live' && <MeetingTimer startedAt={m.currentItemStartedAt} minutes={item.minutes} />}
                {canRun && status === 'live' && i !== current && (
                  <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void run(() => setCurrentItem(m.id, i))} aria-label={t('meetings.goToNamed', { title: item.title })}>
                    {t('meetings.goTo')}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {canRun && (
            <div className="inline-controls">
              {status === 'scheduled' && (
                <>
                  <StartMeetingButton startsAt={m.startsAt} disabled={busy} onStart={() => void run(() => startMeeting(m.id))} />
                  {editControl}
                  <ConfirmButton
                    label={t('meetings.cancel')}
                    question={t('meetings.cancelQuestion')}
                    confirmLabel={t('meetings.cancelConfirm')}
                    dismissLabel={t('meetings.keepMeeting')}
                    disabled={busy}
                    onConfirm={() => void run(() => cancelMeeting(m.id))}
                    testId="cancel-meeting-confirm"
                  />
                </>
              )}
              {status === 'live' && (
                <>
                  {m.agenda.length > 0 && (
                    <>
                      <button type="button" className="btn btn-secondary" disabled={busy || !current} onClick={() => void run(() => setCurrentItem(m.id, (current ?? 0) - 1))}>
                        ← {t('meetings.previous')}
                      </button>
                      <button type="button" className="btn btn-secondary" disabled={busy || (current ?? -1) >= m.agenda.length - 1} onClick={() => void run(() => setCurrentItem(m.id, (current ?? -1) + 1))}>
                        {t('meetings.next')} →
                      </button>
                    </>
                  )}
                  {editControl}
                  <CloseMeetingButton disabled={busy} onConfirm={() => void run(() => closeMeeting(m.id))} />
                </>
              )}
            </div>
          )}
        </section>
        <section className="card" aria-labelledby={`${uid}-att`}>
          <h2 id={`${uid}-att`}>{t('meetings.attendance')}</h2>
          {canRun ? (
            <MultiSelect
              label={t('meetings.attendance')}
              options={attendanceOptions}
              value={attendance}
              onChange={(ids) => {
                setError(null);
                attendanceSave.submit(ids);
              }}
            />
          ) : attendance.length === 0 && status !== 'cancelled' ? (
            <p className="empty">{t('meetings.noAttendance')}</p>
          ) : null}
          <ul className="badge-list">
            {attendance.map((id) => (
              <li key={id}>
                <OrgBadge id={id} />
              </li>
            ))}
          </ul>
          <h3>{t('meetings.minutes')}</h3>
          {status === 'cancelled' ? (
            <p className="empty">{t('meetings.noMinutesCancelled')}</p>
          ) : (
            <ul className="link-list">
              {(['md', 'docx', 'pdf'] as const).map((f) => (
                <li key={f}>
                  <DownloadLink href={minutesUrl(m.id, f, i18n.language)} label={t(`plans.exportFormats.${f}`)} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <MeetingDecisions meeting={m} canRecord={ws.permissions.canPropose} onMeetingClosed={meeting.reload} members={ws.data?.members} groupOrganizationIds={groupOrganizationIds} />
    </div>
  );
}
