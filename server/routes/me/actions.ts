/**
 * GET /api/me/actions: the caller's follow-up actions across all their working groups ("Mis acciones"), with the
 * group's name and the decision's ref and title beside each.
 */
import { and, asc, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { actions, decisions, memberships, workspaces } from '../../../db/schema.js';
import { ACTION_STATUSES, type ActionStatus } from '../../../shared/constants.js';
import { MY_ACTION_SCOPES, MY_ACTIONS_LIMIT, type MyActionScope } from '../../../shared/myActions.js';
import type { RouteFn } from '../../http/pipeline.js';
import { myAction } from '../../http/responses/decisions.js';
import { presentAction } from '../decisions/presenters.js';

/** Whose actions: the caller's own, and with `organization` their organization's that nobody has taken yet. */
function whose(scope: MyActionScope, person: { userId: string; organizationId: string }): SQL | undefined {
  const assigned = eq(actions.assigneeId, person.userId);
  if (scope === 'mine') return assigned;
  return or(assigned, and(isNull(actions.assigneeId), eq(actions.ownerOrganizationId, person.organizationId)));
}

/** The caller's actions of one status (open: earliest due first; closed: latest first), at most MY_ACTIONS_LIMIT. */
export async function myActions(tx: Executor, person: { userId: string; organizationId: string }, status: ActionStatus, scope: MyActionScope) {
  const rows = await tx
    .select({ action: actions, workspaceName: workspaces.name, decisionRef: decisions.ref, decisionTitle: decisions.title })
    .from(actions)
    // Need-to-know: only groups the caller belongs to now. An assignee removed from a group keeps the assignment
    // on record, but no longer sees the group's actions.
    .innerJoin(memberships, and(eq(memberships.workspaceId, actions.workspaceId), eq(memberships.userId, person.userId)))
    .innerJoin(workspaces, eq(workspaces.id, actions.workspaceId))
    .innerJoin(decisions, eq(decisions.id, actions.decisionId))
    .where(and(eq(actions.status, status), whose(scope, person)))
    // Open ones earliest due first (what comes next); done and cancelled ones latest first (what just happened), so a
    // long history past the limit leaves out its oldest, not its newest.
    .orderBy(...(status === 'open' ? [asc(actions.dueDate), asc(actions.createdAt), asc(actions.id)] : [desc(actions.dueDate), desc(actions.createdAt), desc(actions.id)]))
    // One more than shown tells whether there were more.
    .limit(MY_ACTIONS_LIMIT + 1);
  return {
    actions: rows.slice(0, MY_ACTIONS_LIMIT).map((r) => ({ ...presentAction(r.action), workspaceName: r.workspaceName, decisionRef: `D-${r.decisionRef}`, decisionTitle: r.decisionTitle })),
    truncated: rows.length > MY_ACTIONS_LIMIT,
  };
}

/** Registers GET /api/me/actions (only the caller's own groups are read, so no further policy applies). */
export function registerMyActionsRoute(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/me/actions',
    summary: `The caller's follow-up actions across their working groups, open ones earliest due first, done or cancelled ones latest first (at most ${MY_ACTIONS_LIMIT}): \`scope=mine\` (default) those assigned to them, \`organization\` also their organization's with nobody assigned; \`status\` open (default), done or cancelled`,
    tags: ['decisions'],
    response: z.strictObject({
      actions: z.array(myAction),
      truncated: z.boolean().describe(`Whether there were more than the ${MY_ACTIONS_LIMIT} listed`),
    }),
    query: z.object({ status: z.enum(ACTION_STATUSES).default('open'), scope: z.enum(MY_ACTION_SCOPES).default('mine') }),
    handler: async ({ tx, principal, query }) => myActions(tx, principal, query.status, query.scope),
  });
}
