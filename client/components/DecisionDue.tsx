/** A decision's due date, marked overdue (in words and the red tag) by the rule the decision log filters with. */
import { useTranslation } from 'react-i18next';
import { workingDay } from '../../shared/calendar.js';
import type { Decision } from '../api/types.js';
import { useFormat } from '../lib/format.js';
import { isOverdue } from './DecisionFilters.js';

/** Nothing for a decision without a due date; shared by the log and the decision's own page so they agree. */
export function DecisionDue({ decision }: { decision: Pick<Decision, 'status' | 'dueDate'> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!decision.dueDate) return null;
  const date = fmt.date(decision.dueDate);
  // Said in words too, not by the colour alone.
  if (isOverdue(decision)) {
    return (
      <span className="tag tag-overdue" data-testid="decision-due" data-overdue="true">
        {t('decisions.dueOverdue', { date })}
      </span>
    );
  }
  // A day gone by on a closed decision is not "vence": it is when it was due.
  return (
    <span data-testid="decision-due" data-overdue="false">
      {t(decision.dueDate < workingDay() ? 'decisions.duePast' : 'decisions.due', { date })}
    </span>
  );
}
