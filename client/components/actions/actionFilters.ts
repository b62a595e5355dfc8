/** The follow-up actions page's filters: read from and written to the address, applied to the group's actions. */
import { ACTION_STATUSES, type ActionStatus } from '../../../shared/constants.js';
import type { DecisionAction } from '../../api/types.js';

export interface ActionFilterValue {
  /** '' shows every status. */
  status: ActionStatus | '';
  owner: string;
  overdue: boolean;
  /** Only the actions on the person looking: assigned to them, or owned by their institution ("a su cargo"). */
  mine: boolean;
}

/** Filters named in the address (?status=done&owner=…&overdue=1&mine=1); open actions unless it says otherwise. */
export function actionFiltersFrom(search: URLSearchParams): ActionFilterValue {
  const status = search.get('status');
  return {
    status: status === 'all' ? '' : (ACTION_STATUSES as readonly string[]).includes(status ?? '') ? (status as ActionStatus) : 'open',
    owner: search.get('owner') ?? '',
    overdue: search.get('overdue') === '1',
    mine: search.get('mine') === '1',
  };
}

/** The address of a set of filters (what a reload or a shared link opens). */
export function actionFiltersSearch(f: ActionFilterValue): Record<string, string> {
  return {
    ...(f.status !== 'open' ? { status: f.status || 'all' } : {}),
    ...(f.owner ? { owner: f.owner } : {}),
    ...(f.overdue ? { overdue: '1' } : {}),
    ...(f.mine ? { mine: '1' } : {}),
  };
}

/** The actions the filters let through, in the server's order (due date first). */
export function applyActionFilters(actions: readonly DecisionAction[], f: ActionFilterValue, me: { userId: string; organizationId: string }): DecisionAction[] {
  const onMe = (a: DecisionAction) => a.assigneeId === me.userId || a.ownerOrganizationId === me.organizationId;
  return actions.filter((a) => (!f.status || a.status === f.status) && (!f.owner || a.ownerOrganizationId === f.owner) && (!f.overdue || a.overdue === true) && (!f.mine || onMe(a)));
}
