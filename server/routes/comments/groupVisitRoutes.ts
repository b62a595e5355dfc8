/** "Since your last visit" across a working group's plans (notifications/plansSinceVisit.ts). */
import { z } from 'zod';
import { idSchema } from '../../../shared/schemas.js';
import type { RouteFn } from '../../http/pipeline.js';
import { planSinceVisit } from '../../http/responses/participation.js';
import { plansSinceVisit } from '../../notifications/plansSinceVisit.js';
import { requireWorkspace } from '../../policies/workspacePolicy.js';

export function registerGroupVisitRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/workspaces/:id/changes-since-visit',
    summary: 'For each plan of a working group: when the caller last opened it, whether someone else changed it since, how many comments others wrote or edited on it since and how many of its decisions have news from others (a plan never opened has no visit)',
    tags: ['comments'],
    response: z.strictObject({ plans: z.array(planSinceVisit) }),
    params: z.object({ id: idSchema }),
    handler: async ({ tx, params, principal }) => {
      await requireWorkspace(tx, principal, params.id);
      const plans = await plansSinceVisit(tx, principal.userId, [params.id]);
      return {
        plans: plans.map((p) => ({ documentId: p.documentId, lastVisitAt: p.lastVisitAt ? p.lastVisitAt.toISOString() : null, edited: p.edited, newComments: p.newComments, editedComments: p.editedComments, decisions: p.decisions })),
      };
    },
  });
}
