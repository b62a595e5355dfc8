/** The filter bar of the follow-up actions page: status, owner institution, overdue only, mine only. */
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type ActionStatus } from '../../../shared/constants.js';
import { OwnerFilterSelect } from '../OwnerFilterSelect.js';
import type { ActionFilterValue } from './actionFilters.js';

interface Props {
  idPrefix: string;
  value: ActionFilterValue;
  onChange: (v: ActionFilterValue) => void;
  /** The group's organizations, and any that owns a listed action (an owner may come from outside the group). */
  groupOrganizationIds?: readonly string[];
  ownerIds: readonly string[];
}

/** Controlled; `idPrefix` keeps label ids unique on the page. */
export function ActionFilters({ idPrefix, value, onChange, groupOrganizationIds, ownerIds }: Props) {
  const { t } = useTranslation();
  return (
    <div className="inline-controls" data-testid="action-filters">
      <div className="field field-inline">
        <label htmlFor={`${idPrefix}-status`}>{t('actionsPage.filterStatus')}</label>
        <select id={`${idPrefix}-status`} value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as ActionStatus | '' })}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`actionsPage.statusFilter.${s}`)}
            </option>
          ))}
          <option value="">{t('common.all')}</option>
        </select>
      </div>
      <OwnerFilterSelect
        id={`${idPrefix}-owner`}
        label={t('actions.owner')}
        value={value.owner}
        onChange={(owner) => onChange({ ...value, owner })}
        groupOrganizationIds={groupOrganizationIds}
        ownerIds={ownerIds}
      />
      <div className="check">
        <input id={`${idPrefix}-overdue`} type="checkbox" checked={value.overdue} onChange={(e) => onChange({ ...value, overdue: e.target.checked })} />
        <label htmlFor={`${idPrefix}-overdue`}>{t('actionsPage.overdueOnly')}</label>
      </div>
      <div className="check">
        <input id={`${idPrefix}-mine`} type="checkbox" checked={value.mine} onChange={(e) => onChange({ ...value, mine: e.target.checked })} />
        <label htmlFor={`${idPrefix}-mine`}>{t('actionsPage.mineOnly')}</label>
      </div>
    </div>
  );
}
