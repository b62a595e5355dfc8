/** When a meeting starts, with its time zone named: agencies join from several of Mexico's zones. */
import { useTranslation } from 'react-i18next';
import { MEXICO_CITY_TIME_ZONE, useFormat, utcOffsetName } from '../lib/format.js';

/** The calendar day of an instant in a zone (the viewer's when none is given), for comparing days. */
export function dayIn(at: Date, timeZone?: string): string {
  return at.toLocaleDateString('en-CA', timeZone ? { timeZone } : {});
}

/**
 * The start in the viewer's zone and, when that is not Mexico City's offset, the Mexico City time too:
 * the minutes are written in Mexico City time, and both readings should be recognisably the same meeting.
 */
export function MeetingStartTime({ startsAt }: { startsAt: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const at = new Date(startsAt);
  const valid = !Number.isNaN(at.getTime());
  const elsewhere = valid && utcOffsetName(at) !== utcOffsetName(at, MEXICO_CITY_TIME_ZONE);
  // The date is repeated only when Mexico City is already on another day (a viewer in Europe, say).
  const reference = elsewhere && dayIn(at) === dayIn(at, MEXICO_CITY_TIME_ZONE) ? fmt.timeWithZone(startsAt, MEXICO_CITY_TIME_ZONE) : fmt.dateTimeWithZone(startsAt, MEXICO_CITY_TIME_ZONE);
  return (
    <>
      <time dateTime={startsAt}>{fmt.dateTimeWithZone(startsAt)}</time>
      {elsewhere && (
        <span className="muted" data-testid="meeting-reference-time">
          {t('meetings.mexicoCityTime', { time: reference })}
        </span>
      )}
    </>
  );
}
