/** An action's due date as its rows say it: «Vence el …» (or «Venció el …» once closed), and «Vencida» while overdue. */
import { useTranslation } from 'react-i18next';
import { workingDay } from '../../../shared/calendar.js';
import { useFormat } from '../../lib/format.js';

/** The due date and, while the action is open and past it, the overdue tag. */
export function ActionDue({ action: a }: { action: { dueDate: string; overdue?: boolean } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      {/* A done or cancelled action's day gone by is when it was due, not "vence". */}
      <span className="action-due">{t(!a.overdue && a.dueDate < workingDay() ? 'decisions.duePast' : 'decisions.due', { date: fmt.date(a.dueDate) })}</span>
      {a.overdue && <span className="tag tag-overdue">{t('actions.overdue')}</span>}
    </>
  );
}
