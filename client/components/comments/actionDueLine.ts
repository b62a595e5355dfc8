/**
 * What an inbox row about an action coming due says. An unread one is worded from its due date against today's working
 * day when shown (not from the stage it was sent at), so one left days says the action is overdue, not "due tomorrow":
 * unread, it still stands (the server settles it when its action closes, moves or passes to someone else). A read one
 * says what it said when sent, with the date, since its action may have been done or moved since.
 */
import type { TFunction } from 'i18next';
import { actionDueWhen } from '../../../shared/actionDue.js';
import { workingDay } from '../../../shared/calendar.js';
import type { AppNotification } from './api.js';

/** The row's line for an `action_due` notification; null for other kinds or one without its action's date. */
export function actionDueLine(n: AppNotification, t: TFunction, formatDate: (day: string) => string, today = workingDay()): string | null {
  const { title, dueDate } = n.target;
  if (n.kind !== 'action_due' || typeof dueDate !== 'string' || typeof title !== 'string') return null;
  if (n.readAt) return t(n.target.stage === 'overdue' ? 'inbox.actionDue.overdue' : 'inbox.actionDue.dueSoon', { title, date: formatDate(dueDate) });
  return t(`inbox.actionDue.${actionDueWhen(dueDate, today)}`, { title, date: formatDate(dueDate) });
}
