/** The /actions page's filter bar: whose actions (mine, or also my institution's unassigned ones) and which status. */
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type ActionStatus } from '../../../shared/constants.js';
import { MY_ACTION_SCOPES, type MyActionScope } from '../../../shared/myActions.js';

export interface MyActionsFilterValue {
  status: ActionStatus;
  scope: MyActionScope;
}

/** The filters named in the address (?status=done&scope=organization); open actions assigned to me unless it says otherwise. */
export function myActionsFilterFrom(search: URLSearchParams): MyActionsFilterValue {
  const status = search.get('status') ?? '';
  const scope = search.get('scope') ?? '';
  return {
    status: (ACTION_STATUSES as readonly string[]).includes(status) ? (status as ActionStatus) : 'open',
    scope: (MY_ACTION_SCOPES as readonly string[]).includes(scope) ? (scope as MyActionScope) : 'mine',
  };
}

/** The address of a set of filters (what a reload or a shared link opens); the defaults are left out. */
export function myActionsFilterSearch(f: MyActionsFilterValue): Record<string, string> {
  return { ...(f.status !== 'open' ? { status: f.status } : {}), ...(f.scope !== 'mine' ? { scope: f.scope } : {}) };
}

interface Props {
  idPrefix: string;
  value: MyActionsFilterValue;
  onChange: (v: MyActionsFilterValue) => void;
}

/** Controlled; `idPrefix` keeps ids unique on the page. */
export function MyActionsFilters({ idPrefix, value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="inline-controls my-actions-filters" data-testid="my-actions-filters">
      {/* Two choices, one at a time: radio buttons, which say which one holds, rather than a checkbox whose "off" is unnamed. */}
      <fieldset className="my-actions-scope">
        <legend>{t('myActions.show')}</legend>
        {MY_ACTION_SCOPES.map((scope) => (
          <div className="check" key={scope}>
            <input
              id={`${idPrefix}-scope-${scope}`}
              type="radio"
              name={`${idPrefix}-scope`}
              value={scope}
              checked={value.scope === scope}
              onChange={() => onChange({ ...value, scope })}
            />
            <label htmlFor={`${idPrefix}-scope-${scope}`}>{t(`myActions.scope.${scope}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field field-inline">
        <label htmlFor={`${idPrefix}-status`}>{t('actionsPage.filterStatus')}</label>
        <select id={`${idPrefix}-status`} value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as ActionStatus })}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`actionsPage.statusFilter.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
