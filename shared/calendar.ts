/**
 * The working calendar day. Due dates are calendar days ("YYYY-MM-DD") agreed by Mexican institutions, so an action
 * becomes overdue when Mexico City's day has passed its due date, not UTC's (which turns at 18:00 there).
 */

/** Mexico City: the working reference of federal institutions (exports use it too). */
export const WORKING_TIME_ZONE = 'America/Mexico_City';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: WORKING_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Mexico City as "YYYY-MM-DD" (or that of `at`). */
export function workingDay(at: Date = new Date()): string {
  return dayFormat.format(at);
}
