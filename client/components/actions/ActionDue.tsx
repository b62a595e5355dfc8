/**
 * An action's due date as its rows say it: «Vence el …» (or «Venció el …» once closed), and while it is open a tag
 * for where it stands: «Vencida» past it, «Vence hoy» or «Vence mañana» (Mexico City's working day) as it comes due.
 */
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/actionDue.js';
import { workingDay } from '../../../shared/calendar.js';
import type { ActionStatus } from '../../../shared/constants.js';
import { useFormat } from '../../lib/format.js';

/** The due date and, while the action is open, the overdue or due-today/tomorrow tag. */
export function ActionDue({ action: a }: { action: { dueDate: string; overdue?: boolean; status: ActionStatus } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const today = workingDay();
  const soon = a.status === 'open' && !a.overdue ? (a.dueDate === today ? 'dueToday' : a.dueDate === addDays(today, 1) ? 'dueTomorrow' : null) : null;
  return (
    <>
      {/* A done or cancelled action's day gone by is when it was due, not "vence". */}
      <span className="action-due">{t(!a.overdue && a.dueDate < today ? 'decisions.duePast' : 'decisions.due', { date: fmt.date(a.dueDate) })}</span>
      {a.overdue && <span className="tag tag-overdue">{t('actions.overdue')}</span>}
      {soon && <span className="tag tag-due-soon" data-testid="action-due-soon">{t(`actions.${soon}`)}</span>}
    </>
  );
}
