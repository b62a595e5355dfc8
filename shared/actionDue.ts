/**
 * Where an open follow-up action stands against its due date, in Mexico City's working days (shared/calendar.ts):
 * the server decides which reminder is owed from it, and the inbox words a reminder from it when shown.
 */

/** The reminders an action coming due gets: `due_soon` (due today or tomorrow), then `overdue` (its day has passed). */
export const ACTION_DUE_STAGES = ['due_soon', 'overdue'] as const;
export type ActionDueStage = (typeof ACTION_DUE_STAGES)[number];

/** The calendar day `days` after `day` ("YYYY-MM-DD"); counted in UTC, where no day is 23 or 25 hours long. */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The reminder an open action due on `dueDate` is owed on the working day `today`, or null while it is further off.
 * Overdue wins: an action created or found past its date is only ever told overdue, never "due soon" as well.
 */
export function actionDueStage(dueDate: string, today: string): ActionDueStage | null {
  if (dueDate < today) return 'overdue';
  if (dueDate <= addDays(today, 1)) return 'due_soon';
  return null;
}

/** How the inbox words a reminder now: due today, tomorrow, later (its date was moved) or past (overdue). */
export type ActionDueWhen = 'today' | 'tomorrow' | 'later' | 'overdue';

/** When an action due on `dueDate` falls, seen from the working day `today`. */
export function actionDueWhen(dueDate: string, today: string): ActionDueWhen {
  if (dueDate < today) return 'overdue';
  if (dueDate === today) return 'today';
  return dueDate === addDays(today, 1) ? 'tomorrow' : 'later';
}
