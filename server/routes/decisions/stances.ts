/** Stances: one formal position per organization, by its focal point or a facilitator on its behalf. */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { decisionHistory, decisions, memberships, stances } from '../../../db/schema.js';
import { STANCES } from '../../../shared/constants.js';
import { idSchema } from '../../../shared/schemas.js';
import { AppError, conflict } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { authorizeStance, isOpen } from '../../policies/decisionPolicy.js';
import { settleStanceRequests } from '../../notifications/notify.js';
import { participatingOrganizations, presentStance } from './presenters.js';
import { requireDecision } from './routes.js';
import { stance } from '../../http/responses/decisions.js';

export function registerStanceRoutes(route: RouteFn): void {
  route({
    method: 'PUT',
    url: '/api/decisions/:id/stances/:organizationId',
    summary: 'Record an organization’s stance (its focal point, or a facilitator on its behalf); changeable until the decision is closed',
    tags: ['decisions'],
    response: z.strictObject({ stance }),
    refusals: [403, 409],
    params: z.object({ id: idSchema, organizationId: idSchema }),
    body: z.object({ stance: z.enum(STANCES), reason: z.string().max(5000).optional() }),
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      const { decision, access } = await requireDecision(tx, principal, params.id);
      const { onBehalf } = authorizeStance(access, params.organizationId);
      const orgs = await participatingOrganizations(tx, decision.workspaceId);
      if (!orgs.some((o) => o.id === params.organizationId)) {
        // An organization there only to observe is seen by the group, so it is named; one outside the group is not
        // there at all: no stance of it can exist.
        const [observing] = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, decision.workspaceId), eq(memberships.organizationId, params.organizationId))).limit(1);
        if (observing) throw new AppError('forbidden', 'That organization takes part in this working group only as an observer; observers do not cast stances');
        throw new AppError('not_found', 'That organization does not take part in this working group');
      }
      // Stances of one decision are recorded one after the other (the decision's row is locked until commit).
      const [current] = await tx.select({ status: decisions.status }).from(decisions).where(eq(decisions.id, decision.id)).for('update');
      if (!isOpen(current)) throw conflict('The decision is closed; stances can no longer change', 'decision_closed');
      const values = { stance: body.stance, reason: body.reason ?? '', castById: principal.userId, onBehalf, updatedAt: new Date() };
      const [before] = (await tx.select().from(stances).where(eq(stances.decisionId, decision.id))).filter((s) => s.organizationId === params.organizationId);
      // The same stance, reason and voice again changes nothing: answered, not recorded (or announced) again.
      if (before && before.stance === values.stance && before.reason === values.reason && before.castById === values.castById && before.onBehalf === onBehalf) {
        return { stance: presentStance(decision, before, access.organizationId) };
      }
      const [row] = await tx
        .insert(stances)
        .values({ decisionId: decision.id, organizationId: params.organizationId, ...values })
        .onConflictDoUpdate({ target: [stances.decisionId, stances.organizationId], set: values })
        .returning();
      const hidden = decision.stanceVisibility === 'hidden_until_closed';
      // The audit trail of a hidden vote must not reveal it to facilitators before closing either.
      const changes = { organizationId: params.organizationId, onBehalf, ...(hidden ? {} : { stance: { from: before?.stance ?? null, to: row.stance } }) };
      await ctx.audit({ action: 'stance.recorded', workspaceId: decision.workspaceId, target: { type: 'decision', id: decision.id }, changes });
      // The decision's own history, which every member reads, shows a changed stance as well as a changed status.
      await tx.insert(decisionHistory).values({ decisionId: decision.id, actorId: principal.userId, changes });
      await settleStanceRequests(tx, decision.id, params.organizationId, ctx);
      ctx.emit(decision.workspaceId, 'stance:recorded', hidden ? { decisionId: decision.id, organizationId: params.organizationId, hidden: true } : { decisionId: decision.id, organizationId: params.organizationId, stance: row.stance, reason: row.reason, onBehalf });
      return { stance: presentStance(decision, row, access.organizationId) };
    },
  });
}
