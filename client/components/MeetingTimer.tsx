/** Elapsed time of the current agenda item against its time box, ticking every second. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "m:ss" (or "h:mm:ss") of a number of seconds. */
function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Shows nothing until the server says when the item started; the server's clock is the reference for everyone. */
export function MeetingTimer({ startedAt, minutes }: { startedAt: string | null | undefined; minutes?: number | null }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  if (!startedAt) return null;
  const elapsed = (now - Date.parse(startedAt)) / 1000;
  const over = !!minutes && elapsed > minutes * 60;
  const text = minutes ? t('meetings.timer', { elapsed: clock(elapsed), limit: clock(minutes * 60) }) : t('meetings.timerOpen', { elapsed: clock(elapsed) });
  return (
    <span className={over ? 'tag tag-overdue' : 'tag'} role="timer" data-testid="meeting-timer" data-over={over ? 'true' : 'false'}>
      {text}
      {over && <> · {t('meetings.overTime')}</>}
    </span>
  );
}
