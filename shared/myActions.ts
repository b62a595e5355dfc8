/**
 * One person's follow-up actions across their working groups (GET /api/me/actions, the /actions page): which ones
 * are listed, how many at most, and how the page groups them by where they stand against their due date.
 */
import { addDays } from './actionDue.js';
import type { ActionStatus } from './constants.js';

/** `mine`: assigned to the person; `organization`: also their organization's that nobody has taken yet. */
export const MY_ACTION_SCOPES = ['mine', 'organization'] as const;
export type MyActionScope = (typeof MY_ACTION_SCOPES)[number];

/** At most this many in one answer (`truncated` says when there were more): a person owes tens, not thousands. */
export const MY_ACTIONS_LIMIT = 500;

/** An action as GET /api/me/actions lists it: the usual action and where it belongs. */
export interface MyAction {
  id: string;
  workspaceId: string;
  decisionId: string;
  title: string;
  ownerOrganizationId: string;
  assigneeId: string | null;
  dueDate: string;
  activityId: string | null;
  status: ActionStatus;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  workspaceName: string;
  /** The decision's "D-3". */
  decisionRef: string;
  decisionTitle: string;
}

/** The answer of GET /api/me/actions. */
export interface MyActionsPage {
  actions: MyAction[];
  truncated: boolean;
}

/**
 * Where an action's due date stands: `overdue` (open and past), `past` (done or cancelled, its day gone: not late),
 * `thisWeek` (today up to Sunday) or `later`.
 */
export type DueGroup = 'overdue' | 'past' | 'thisWeek' | 'later';
export const DUE_GROUPS: readonly DueGroup[] = ['overdue', 'past', 'thisWeek', 'later'];

/** The last day ("YYYY-MM-DD") of the Monday-to-Sunday week `today` falls in. */
export function endOfWeek(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 is Sunday
  return addDays(today, weekday === 0 ? 0 : 7 - weekday);
}

/** The group of an action due on `dueDate` with `status`, seen from the working day `today` (shared/calendar.ts). */
export function dueGroupOf(dueDate: string, status: ActionStatus, today: string): DueGroup {
  if (dueDate < today) return status === 'open' ? 'overdue' : 'past';
  return dueDate <= endOfWeek(today) ? 'thisWeek' : 'later';
}

/** Actions split by due group, in the groups' order, each keeping the order it came in; empty groups left out. */
export function groupByDue<T extends { dueDate: string; status: ActionStatus }>(items: readonly T[], today: string): { group: DueGroup; items: T[] }[] {
  const by = new Map<DueGroup, T[]>();
  for (const item of items) {
    const group = dueGroupOf(item.dueDate, item.status, today);
    by.set(group, [...(by.get(group) ?? []), item]);
  }
  return DUE_GROUPS.filter((g) => by.has(g)).map((group) => ({ group, items: by.get(group) ?? [] }));
}
