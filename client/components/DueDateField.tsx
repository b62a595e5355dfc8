/** A decision's optional due date, warning (not refusing) when the chosen day has passed. */
import { useTranslation } from 'react-i18next';
import { workingDay } from '../../shared/calendar.js';
import { Field } from './Field.js';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** A day the decision already had: not warned about again. */
  unchanged?: string;
}

/** A past day is allowed (an earlier decision recorded late) but said, since the decision shows as overdue at once. */
export function DueDateField({ id, value, onChange, unchanged }: Props) {
  const { t } = useTranslation();
  const pastDue = value !== '' && value !== unchanged && value < workingDay() ? t('decisions.pastDueWarning') : null;
  return (
    <Field id={id} label={t('decisions.dueDate')}>
      <input id={id} type="date" value={value} aria-describedby={pastDue ? `${id}-warning` : undefined} onChange={(e) => onChange(e.target.value)} />
      {/* A warning, not an error: the field stays valid and the form submits. */}
      {pastDue && (
        <p id={`${id}-warning`} className="field-warning" role="status" data-testid="past-due-warning">
          {pastDue}
        </p>
      )}
    </Field>
  );
}
