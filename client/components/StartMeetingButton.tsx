/** The facilitator's "start the meeting" control. */
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from './ConfirmButton.js';
import { sameDay, useDayAndTime } from './MeetingHeldTime.js';

interface Props {
  startsAt: string;
  disabled: boolean;
  onStart: () => void;
}

/**
 * Starts at once on the scheduled day. On another day it asks first, naming the scheduled day: starting cannot be
 * undone, and a meeting started by mistake days early would be held (and minuted) on the wrong day.
 */
export function StartMeetingButton({ startsAt, disabled, onStart }: Props) {
  const { t } = useTranslation();
  const { day } = useDayAndTime();
  if (Number.isNaN(new Date(startsAt).getTime()) || sameDay(startsAt, new Date().toISOString())) {
    return (
      <button type="button" className="btn btn-primary" disabled={disabled} onClick={onStart}>
        {t('meetings.start')}
      </button>
    );
  }
  return (
    <ConfirmButton
      tone="primary"
      label={t('meetings.start')}
      question={t('meetings.startOtherDayQuestion', { date: day(startsAt) })}
      confirmLabel={t('meetings.startOtherDayConfirm')}
      dismissLabel={t('meetings.notYet')}
      disabled={disabled}
      onConfirm={onStart}
      testId="start-meeting-confirm"
    />
  );
}
