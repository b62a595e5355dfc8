/** Search across what the caller may see, and a working group's home dashboard. */
import { z } from 'zod';
import { idSchema } from '../../../shared/schemas.js';
import { SEARCH_RESULT_TYPES, type SearchResponse } from '../../../shared/search.js';
import { workspaceDashboard } from '../../dashboard/workspaceDashboard.js';
import type { RouteFn } from '../../http/pipeline.js';
import { pageCursorSchema } from '../../http/queryValues.js';
import { requireWorkspace } from '../../policies/workspacePolicy.js';
import { search } from '../../search/searchService.js';
import { dashboard, searchPage } from '../../http/responses/discovery.js';
import { decodeSearchCursor, encodeSearchCursor } from './searchCursor.js';

const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  workspaceId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Only this kind is paged through; every kind is still counted. */
  type: z.enum(SEARCH_RESULT_TYPES).optional(),
  /** The `nextCursor` of the page before. */
  cursor: pageCursorSchema.optional(),
});

/** Registers `GET /api/search` and `GET /api/workspaces/:id/dashboard`. */
export function registerDiscoveryRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/search',
    summary:
      'Full-text search (Spanish and English, accent-insensitive, word prefixes) over plans, activities, decisions, follow-up actions and comments of the caller’s working groups; highlights are plain text segments. One page at a time: `counts` has every kind’s hits, `type` pages through one kind, `cursor` takes the `nextCursor` of the page before',
    tags: ['search'],
    response: searchPage,
    refusals: [404],
    query: searchQuery,
    handler: async ({ tx, principal, query }): Promise<SearchResponse> => {
      // Need-to-know: naming a working group one does not belong to is a 404, like everywhere else.
      if (query.workspaceId) await requireWorkspace(tx, principal, query.workspaceId);
      const scope = { q: query.q, workspaceId: query.workspaceId, type: query.type };
      const offset = query.cursor ? decodeSearchCursor(query.cursor, scope) : 0;
      const page = await search(tx, { userId: principal.userId, q: query.q, workspaceId: query.workspaceId, type: query.type, limit: query.limit, offset });
      return { results: page.results, counts: page.counts, total: page.total, nextCursor: page.nextOffset === null ? null : encodeSearchCursor(page.nextOffset, scope) };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id/dashboard',
    summary: 'A working group’s home: my agency’s pending stances, my and overdue actions, the next meeting, recent plans, unread comments, activity progress',
    tags: ['workspaces'],
    response: dashboard,
    params: z.object({ id: idSchema }),
    handler: async ({ tx, principal, params }) => workspaceDashboard(tx, await requireWorkspace(tx, principal, params.id)),
  });
}
