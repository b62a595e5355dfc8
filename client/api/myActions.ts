/** The signed-in person's follow-up actions across all their working groups (GET /api/me/actions). */
import type { ActionStatus } from '../../shared/constants.js';
import type { MyActionScope, MyActionsPage } from '../../shared/myActions.js';
import { query, request } from './http.js';

/** Their actions of one status: assigned to them, or with `organization` also their organization's unassigned ones. */
export function listMyActions(filter: { status: ActionStatus; scope: MyActionScope }, signal?: AbortSignal): Promise<MyActionsPage> {
  return request<MyActionsPage>('GET', `/api/me/actions${query({ status: filter.status, scope: filter.scope })}`, undefined, signal);
}
