/**
 * What an inbox row about an action coming due says. Worded from its due date against today's working day when shown
 * (not from the stage it was sent at), so a reminder read days later says the action is overdue, not "due tomorrow".
 */
import type { TFunction } from 'i18next';
import { actionDueWhen } from '../../../shared/actionDue.js';
import { workingDay } from '../../../shared/calendar.js';
import type { AppNotification } from './api.js';

/** The row's line for an `action_due` notification; null for other kinds or one without its action's date. */
export function actionDueLine(n: AppNotification, t: TFunction, formatDate: (day: string) => string, today = workingDay()): string | null {
  const { title, dueDate } = n.target;
  if (n.kind !== 'action_due' || typeof dueDate !== 'string' || typeof title !== 'string') return null;
  return t(`inbox.actionDue.${actionDueWhen(dueDate, today)}`, { title, date: formatDate(dueDate) });
}
