/** Decisions: propose (gap-free refs per workspace), list (with progress), read with stances and quorum, edit and change status. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { decisionHistory, decisions, workspaces } from '../../../db/schema.js';
import { DECISION_BODY_MAX_CHARS, DECISION_STATUSES } from '../../../shared/constants.js';
import { dateSchema, idSchema, nonEmpty, titleSchema } from '../../../shared/schemas.js';
import { AppError, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import type { Executor } from '../../../db/client.js';
import type { Principal } from '../../auth/principal.js';
import { notifyStanceRequested, settleStanceRequests } from '../../notifications/notify.js';
import { stanceRequestsOf, tellStanceRequestHolders } from '../../notifications/stanceRequestState.js';
import { newId } from '../../ids.js';
import { authorizeDecisionEdit, isOpen } from '../../policies/decisionPolicy.js';
import { requireWorkspace, type Permission } from '../../policies/workspacePolicy.js';
import { decisionDetail, presentDecision } from './presenters.js';
import { checkDecisionRefs } from './references.js';
import { nextReplacement } from './replacement.js';
import { decision, decisionProgress, decisionView } from '../../http/responses/decisions.js';
import { progressOfDecisions } from './progress.js';
import { queryFlagSchema } from '../../http/queryValues.js';

const createBody = z.object({
  title: titleSchema,
  body: z.string().max(DECISION_BODY_MAX_CHARS).optional(),
  documentId: idSchema.optional(),
  activityIds: z.array(z.string().min(1).max(100)).max(100).optional(),
  meetingId: idSchema.optional(),
  ownerOrganizationId: idSchema.optional(),
  dueDate: dateSchema.optional(),
  stanceVisibility: z.enum(['open', 'hidden_until_closed']).default('open'),
});

const patchBody = z
  .object({
    title: titleSchema.optional(),
    body: z.string().max(DECISION_BODY_MAX_CHARS).optional(),
    // Who answers for it and by when: set or cleared (null) while it is open, like its wording.
    ownerOrganizationId: idSchema.nullable().optional(),
    dueDate: dateSchema.nullable().optional(),
    status: z.enum(DECISION_STATUSES).optional(),
    supersededById: idSchema.nullable().optional(),
  })
  .strict()
  .refine(nonEmpty, 'Nothing to change');

/** A decision and the caller's access to its workspace (404 for non-members). */
export async function requireDecision(tx: Executor, principal: Principal, id: string, permission: Permission = 'read') {
  const [decision] = await tx.select().from(decisions).where(eq(decisions.id, id));
  if (!decision) throw notFound('Decision');
  const access = await requireWorkspace(tx, principal, decision.workspaceId, permission).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'not_found' ? notFound('Decision') : err;
  });
  return { decision, access };
}

export function registerDecisionRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/workspaces/:id/decisions',
    summary: 'Propose a decision (members and facilitators); refs D-1, D-2… are gap-free per working group',
    tags: ['decisions'],
    response: z.strictObject({ decision }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: createBody,
    status: 201,
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      await requireWorkspace(tx, principal, params.id, 'propose');
      await checkDecisionRefs(tx, params.id, body);
      // The row lock on the workspace makes concurrent proposals take consecutive numbers, none skipped.
      const [seq] = await tx.update(workspaces).set({ decisionSeq: sql`${workspaces.decisionSeq} + 1` }).where(eq(workspaces.id, params.id)).returning({ n: workspaces.decisionSeq });
      const [d] = await tx
        .insert(decisions)
        .values({
          id: newId('dec'),
          workspaceId: params.id,
          ref: seq.n,
          title: body.title,
          body: body.body ?? '',
          documentId: body.documentId ?? null,
          activityIds: body.activityIds ?? [],
          meetingId: body.meetingId ?? null,
          ownerOrganizationId: body.ownerOrganizationId ?? null,
          dueDate: body.dueDate ?? null,
          stanceVisibility: body.stanceVisibility,
          createdById: principal.userId,
        })
        .returning();
      await ctx.audit({ action: 'decision.created', workspaceId: params.id, target: { type: 'decision', id: d.id }, changes: { ref: `D-${d.ref}`, title: d.title } });
      ctx.emit(params.id, 'decision:created', { decision: presentDecision(d) });
      // Each organization's focal point learns that its stance is awaited (delivered live after the commit).
      await notifyStanceRequested(tx, { id: d.id, workspaceId: params.id, ref: `D-${d.ref}`, title: d.title, createdById: principal.userId }, ctx);
      return { decision: presentDecision(d) };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id/decisions',
    summary: 'The decision log of a working group, optionally by status or about one plan; with `progress=true`, also each decision\'s progress (stances cast, actions open)',
    tags: ['decisions'],
    response: z.strictObject({ decisions: z.array(decision), progress: z.record(z.string(), decisionProgress).optional() }),
    params: z.object({ id: idSchema }),
    // Progress is asked for: the contract's answer is `{decisions}`, and a client that only lists them pays nothing more.
    query: z.object({ status: z.enum(DECISION_STATUSES).optional(), documentId: idSchema.optional(), progress: queryFlagSchema.optional() }),
    handler: async ({ tx, params, query, principal }) => {
      await requireWorkspace(tx, principal, params.id);
      const where = and(
        eq(decisions.workspaceId, params.id),
        query.status ? eq(decisions.status, query.status) : undefined,
        query.documentId ? eq(decisions.documentId, query.documentId) : undefined,
      );
      const rows = await tx.select().from(decisions).where(where).orderBy(asc(decisions.ref));
      if (!query.progress) return { decisions: rows.map(presentDecision) };
      return { decisions: rows.map(presentDecision), progress: await progressOfDecisions(tx, params.id, rows.map((d) => d.id)) };
    },
  });

  route({
    method: 'GET',
    url: '/api/decisions/:id',
    summary: 'A decision with its stances (hidden ones masked), actions, history and quorum',
    tags: ['decisions'],
    response: decisionView,
    params: z.object({ id: idSchema }),
    handler: async ({ tx, params, principal }) => {
      const { decision, access } = await requireDecision(tx, principal, params.id);
      return decisionDetail(tx, decision, access.organizationId);
    },
  });

  route({
    method: 'PATCH',
    url: '/api/decisions/:id',
    summary: 'Edit a decision: its wording, owner organization or due date (proposer or facilitators, while open), or its status (facilitators)',
    tags: ['decisions'],
    response: z.strictObject({ decision }),
    refusals: [403, 409],
    params: z.object({ id: idSchema }),
    body: patchBody,
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      const { access } = await requireDecision(tx, principal, params.id);
      // Locked and read again: an edit and a close (or two status changes) sent together apply one after the other,
      // each judged on the other's result; unlocked, a title change landed after the close that should refuse it.
      const [decision] = await tx.select().from(decisions).where(eq(decisions.id, params.id)).for('update');
      authorizeDecisionEdit(access, decision, body);
      if (body.ownerOrganizationId && body.ownerOrganizationId !== decision.ownerOrganizationId) await checkDecisionRefs(tx, decision.workspaceId, { ownerOrganizationId: body.ownerOrganizationId });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['title', 'body', 'ownerOrganizationId', 'dueDate', 'status'] as const) {
        if (body[key] !== undefined && body[key] !== decision[key]) changes[key] = { from: decision[key], to: body[key] };
      }
      const supersededById = await nextReplacement(tx, decision, body);
      if (supersededById !== decision.supersededById) changes.supersededById = { from: decision.supersededById, to: supersededById };
      if (!Object.keys(changes).length) return { decision: presentDecision(decision) };
      const closing = body.status !== undefined && isOpen(decision) && !isOpen({ status: body.status });
      const reopening = body.status !== undefined && !isOpen(decision) && isOpen({ status: body.status });
      // Stances hidden until closing were shown to everyone when it closed: hiding them again on reopening would only
      // pretend nobody saw them. A reopened decision's stances stay in view, and its history says so.
      const revealed = reopening && decision.stanceVisibility === 'hidden_until_closed';
      if (revealed) changes.stanceVisibility = { from: decision.stanceVisibility, to: 'open' };
      const [d] = await tx
        .update(decisions)
        .set({
          ...body,
          supersededById,
          ...(revealed ? { stanceVisibility: 'open' } : {}),
          updatedAt: new Date(),
          ...(closing ? { closedAt: new Date() } : reopening ? { closedAt: null } : {}),
        })
        .where(eq(decisions.id, decision.id))
        .returning();
      await tx.insert(decisionHistory).values({ decisionId: d.id, actorId: principal.userId, changes });
      await ctx.audit({ action: 'decision.updated', workspaceId: d.workspaceId, target: { type: 'decision', id: d.id }, changes });
      if (closing) await settleStanceRequests(tx, d.id, undefined, ctx);
      // Reopened, or moved between closed statuses: the requests' inbox rows say the decision's status, so they change.
      else if (changes.status) await tellStanceRequestHolders(tx, stanceRequestsOf(d.id), ctx);
      ctx.emit(d.workspaceId, 'decision:updated', { decision: presentDecision(d), changes: Object.keys(changes) });
      return { decision: presentDecision(d) };
    },
  });
}
