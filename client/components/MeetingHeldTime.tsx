/**
 * When a meeting actually ran. A meeting can be started days before or after its scheduled date: a closed one
 * showing only the scheduled (future) date next to «Cerrada» read as a contradiction, so once started the page
 * says when it started and closed, and names the schedule only if that was another day.
 */
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../api/types.js';
import { cachedDateTimeFormat, localeOf, useFormat } from '../lib/format.js';
import { dayIn, MeetingStartTime } from './MeetingStartTime.js';

/** Formats an instant's calendar day ("15 dic 2026") or its time without zone ("10:00 a.m.") in the viewer's zone. */
export function useDayAndTime(): { day: (iso: string) => string; time: (iso: string) => string } {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  // The same parts the zoned formatters spell out, so a day or time here reads like theirs.
  const day = cachedDateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  const time = cachedDateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  return { day: (iso) => day.format(new Date(iso)), time: (iso) => time.format(new Date(iso)) };
}

/** Whether two ISO instants fall on the same calendar day for the viewer. */
export const sameDay = (a: string, b: string) => dayIn(new Date(a)) === dayIn(new Date(b));

/** The scheduled start before the meeting starts; afterwards when it started (and closed), the schedule only if another day. */
export function MeetingHeldTime({ meeting }: { meeting: Pick<Meeting, 'status' | 'startsAt' | 'startedAt' | 'closedAt'> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { day, time } = useDayAndTime();
  const { status, startsAt, startedAt, closedAt } = meeting;
  const started = startedAt && !Number.isNaN(new Date(startedAt).getTime()) ? startedAt : null;
  if ((status !== 'live' && status !== 'closed') || !started) return <MeetingStartTime startsAt={startsAt} />;
  const closed = status === 'closed' && closedAt ? closedAt : null;
  const held = !closed
    ? t('meetings.startedOn', { when: fmt.dateTimeWithZone(started) })
    : sameDay(started, closed)
      ? t('meetings.heldOn', { date: day(started), from: time(started), to: fmt.timeWithZone(closed) })
      : t('meetings.heldFromTo', { from: fmt.dateTimeWithZone(started), to: fmt.dateTimeWithZone(closed) });
  return (
    <>
      <time dateTime={started} data-testid="meeting-held">
        {held}
      </time>
      {!sameDay(startsAt, started) && (
        <span className="muted" data-testid="meeting-scheduled-for">
          {t('meetings.scheduledFor', { date: day(startsAt) })}
        </span>
      )}
    </>
  );
}
