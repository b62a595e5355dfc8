/** Filters of the decision log: status, owner agency, overdue. */
import { useTranslation } from 'react-i18next';
import { workingDay } from '../../shared/calendar.js';
import { DECISION_STATUSES, type DecisionStatus } from '../../shared/constants.js';
import type { Decision } from '../api/types.js';
import { OwnerFilterSelect } from './OwnerFilterSelect.js';

export interface DecisionFilterValue {
  status: DecisionStatus | '';
  owner: string;
  overdue: boolean;
}

/** Overdue: a due date before Mexico City's today on a decision still proposed (the rule overdue actions follow). */
export function isOverdue(d: Pick<Decision, 'status' | 'dueDate'>, today = workingDay()): boolean {
  return d.status === 'proposed' && !!d.dueDate && d.dueDate < today;
}

/** Applies the owner and overdue filters (status is filtered by the server). */
export function applyDecisionFilters(list: Decision[], f: DecisionFilterValue): Decision[] {
  return list.filter((d) => (!f.owner || d.ownerOrganizationId === f.owner) && (!f.overdue || isOverdue(d)));
}

interface Props {
  idPrefix: string;
  value: DecisionFilterValue;
  onChange: (v: DecisionFilterValue) => void;
  /** The working group's organizations: the owner filter offers these… */
  groupOrganizationIds?: readonly string[];
  /** …and any organization that owns a listed decision, even from outside the group. */
  ownerIds?: readonly string[];
}

/** Controlled filter bar; `idPrefix` keeps label ids unique on the page. */
export function DecisionFilters({ idPrefix, value, onChange, groupOrganizationIds, ownerIds = [] }: Props) {
  const { t } = useTranslation();
  return (
    <div className="inline-controls" data-testid="decision-filters">
      <div className="field field-inline">
        <label htmlFor={`${idPrefix}-status`}>{t('decisions.filterStatus')}</label>
        <select id={`${idPrefix}-status`} value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as DecisionStatus | '' })}>
          <option value="">{t('common.all')}</option>
          {DECISION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`decisionStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <OwnerFilterSelect
        id={`${idPrefix}-owner`}
        label={t('decisions.filterOwner')}
        value={value.owner}
        onChange={(owner) => onChange({ ...value, owner })}
        groupOrganizationIds={groupOrganizationIds}
        ownerIds={ownerIds}
      />
      <div className="check">
        <input id={`${idPrefix}-overdue`} type="checkbox" checked={value.overdue} onChange={(e) => onChange({ ...value, overdue: e.target.checked })} />
        <label htmlFor={`${idPrefix}-overdue`}>{t('decisions.filterOverdue')}</label>
      </div>
    </div>
  );
}
