/** GET /api/me/attention: what awaits the caller in each of their working groups, for the home page. */
import { attentionFor } from '../../dashboard/attention.js';
import type { RouteFn } from '../../http/pipeline.js';
import { attention } from '../../http/responses/discovery.js';

/** Registers the attention route (only the caller's own groups are counted, so no further policy applies). */
export function registerAttentionRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/me/attention',
    summary: 'Per working group of the caller: decisions awaiting their organization’s stance, their overdue actions, unread notifications and a meeting in progress',
    tags: ['auth'],
    response: attention,
    handler: async ({ tx, principal }) => ({ workspaces: await attentionFor(tx, principal) }),
  });
}
