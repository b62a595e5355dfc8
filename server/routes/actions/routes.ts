/** Actions that follow from decisions: owner organization, assignee, due date, status, link to an activity. */
import { and, asc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { notifyActionAssigned, settleActionReminders, settleAssignments } from '../../notifications/notify.js';
import { actions, memberships } from '../../../db/schema.js';
import { ACTION_STATUSES } from '../../../shared/constants.js';
import { dateSchema, idSchema, nonEmpty, titleSchema } from '../../../shared/schemas.js';
import { AppError, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { queryFlagSchema } from '../../http/queryValues.js';
import type { Executor } from '../../../db/client.js';
import { newId } from '../../ids.js';
import { requireWorkspace } from '../../policies/workspacePolicy.js';
import { presentAction } from '../decisions/presenters.js';
import { requireDecision } from '../decisions/routes.js';
import { requireAssignableOrganization } from '../organizations/assignable.js';
import { action } from '../../http/responses/decisions.js';
import { workingDay } from '../../../shared/calendar.js';

async function checkRefs(tx: Executor, workspaceId: string, ownerOrganizationId?: string, assigneeId?: string | null) {
  if (ownerOrganizationId) await requireAssignableOrganization(tx, ownerOrganizationId, 'ownerOrganizationId');
  if (assigneeId) {
    const [m] = await tx.select().from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, assigneeId)));
    if (!m) throw new AppError('validation_failed', 'The assignee is not a member of this working group', [{ path: 'assigneeId', message: 'Not a member', issue: 'not_member' }]);
  }
}

export function registerActionRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/decisions/:id/actions',
    summary: 'Add an action to a decision (members and facilitators)',
    tags: ['decisions'],
    response: z.strictObject({ action }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: z.object({
      title: titleSchema,
      ownerOrganizationId: idSchema,
      assigneeId: idSchema.optional(),
      dueDate: dateSchema,
      activityId: z.string().min(1).max(100).optional(),
    }),
    status: 201,
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      const { decision } = await requireDecision(tx, principal, params.id, 'propose');
      await checkRefs(tx, decision.workspaceId, body.ownerOrganizationId, body.assigneeId);
      const [a] = await tx
        .insert(actions)
        .values({ id: newId('act'), workspaceId: decision.workspaceId, decisionId: decision.id, title: body.title, ownerOrganizationId: body.ownerOrganizationId, assigneeId: body.assigneeId ?? null, dueDate: body.dueDate, activityId: body.activityId ?? null })
        .returning();
      await ctx.audit({ action: 'action.created', workspaceId: a.workspaceId, target: { type: 'action', id: a.id }, changes: { decisionId: decision.id, title: a.title, dueDate: a.dueDate } });
      await notifyActionAssigned(tx, a, principal.userId, ctx);
      ctx.emit(a.workspaceId, 'action:updated', { action: presentAction(a), created: true });
      return { action: presentAction(a) };
    },
  });

  route({
    method: 'PATCH',
    url: '/api/actions/:id',
    summary: 'Update an action: status, title, due date, assignee or owner institution (members and facilitators); audited from → to, and the same values again are answered without being recorded or announced',
    tags: ['decisions'],
    response: z.strictObject({ action }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: z
      .object({ status: z.enum(ACTION_STATUSES).optional(), title: titleSchema.optional(), dueDate: dateSchema.optional(), assigneeId: idSchema.nullable().optional(), ownerOrganizationId: idSchema.optional() })
      .strict()
      .refine(nonEmpty, 'Nothing to change'),
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      // Locked: two updates sent together apply one after the other, and each audit event's `from` is what it changed.
      const [before] = await tx.select().from(actions).where(eq(actions.id, params.id)).for('update');
      if (!before) throw notFound('Action');
      await requireWorkspace(tx, principal, before.workspaceId, 'propose').catch((err: unknown) => {
        throw err instanceof AppError && err.code === 'not_found' ? notFound('Action') : err;
      });
      // A new owner institution is checked as one given at creation; the one it has stays, even if since deactivated.
      const newOwner = body.ownerOrganizationId !== before.ownerOrganizationId ? body.ownerOrganizationId : undefined;
      await checkRefs(tx, before.workspaceId, newOwner, body.assigneeId);
      // Only what really changes is written and recorded, as `{field: {from, to}}` (every field is a string or null).
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['status', 'title', 'dueDate', 'assigneeId', 'ownerOrganizationId'] as const) {
        if (body[key] !== undefined && body[key] !== before[key]) changes[key] = { from: before[key], to: body[key] };
      }
      // The same values again change nothing: answered, not recorded (or announced) again, and updatedAt stays.
      if (!Object.keys(changes).length) return { action: presentAction(before) };
      const [a] = await tx.update(actions).set({ ...body, updatedAt: new Date() }).where(eq(actions.id, before.id)).returning();
      await ctx.audit({ action: 'action.updated', workspaceId: a.workspaceId, target: { type: 'action', id: a.id }, changes });
      if (changes.assigneeId) await notifyActionAssigned(tx, a, principal.userId, ctx);
      // A reminder no longer stands once its action closes, moves or passes to someone else (who is told by action_assigned).
      if ((changes.status && a.status !== 'open') || changes.dueDate || changes.assigneeId || changes.ownerOrganizationId) await settleActionReminders(tx, a.id, ctx);
      if (changes.status && a.status !== 'open') await settleAssignments(tx, a.id, null, ctx);
      else if (changes.assigneeId) await settleAssignments(tx, a.id, a.assigneeId, ctx);
      ctx.emit(a.workspaceId, 'action:updated', { action: presentAction(a) });
      return { action: presentAction(a) };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id/actions',
    summary: 'Actions of a working group; `overdue=true` lists open actions past their due date',
    tags: ['decisions'],
    response: z.strictObject({ actions: z.array(action) }),
    params: z.object({ id: idSchema }),
    query: z.object({ status: z.enum(ACTION_STATUSES).optional(), overdue: queryFlagSchema.optional(), ownerOrganizationId: idSchema.optional() }),
    handler: async ({ tx, params, query, principal }) => {
      await requireWorkspace(tx, principal, params.id);
      const conds = [eq(actions.workspaceId, params.id)];
      if (query.status) conds.push(eq(actions.status, query.status));
      if (query.ownerOrganizationId) conds.push(eq(actions.ownerOrganizationId, query.ownerOrganizationId));
      if (query.overdue) conds.push(eq(actions.status, 'open'), lt(actions.dueDate, workingDay()));
      const rows = await tx.select().from(actions).where(and(...conds)).orderBy(asc(actions.dueDate), asc(actions.createdAt), asc(actions.id));
      return { actions: rows.map(presentAction) };
    },
  });
}
