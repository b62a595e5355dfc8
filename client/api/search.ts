/** Full-text search across the caller's working groups. */
import type { SearchResponse, SearchResult, SearchResultType } from '../../shared/search.js';
import { query, request } from './http.js';

export type { HighlightSegment, SearchCounts, SearchResponse, SearchResult, SearchResultType } from '../../shared/search.js';
export { MAX_SEARCH_DEPTH, SEARCH_RESULT_TYPES } from '../../shared/search.js';

export interface SearchPageOptions {
  workspaceId?: string;
  limit?: number;
  /** Page through this kind only (the server still counts every kind). */
  type?: SearchResultType | null;
  /** The `nextCursor` of the page before. */
  cursor?: string | null;
}

/** One page of a search, with every kind's count and the cursor of the next page. */
export async function searchPage(q: string, opts: SearchPageOptions = {}, signal?: AbortSignal): Promise<SearchResponse> {
  const params = { q, workspaceId: opts.workspaceId, limit: opts.limit ? String(opts.limit) : undefined, type: opts.type ?? undefined, cursor: opts.cursor ?? undefined };
  return request<SearchResponse>('GET', `/api/search${query(params)}`, undefined, signal);
}

/** Where a result opens in the app. */
export function resultHref(r: SearchResult): string {
  const ws = `/w/${encodeURIComponent(r.workspaceId)}`;
  switch (r.type) {
    case 'decision':
      return `${ws}/decisions/${encodeURIComponent(r.id)}`;
    case 'activity':
      // The plan page scrolls to, highlights and focuses the row named by ?activity=.
      return `${ws}/d/${encodeURIComponent(r.documentId ?? '')}?activity=${encodeURIComponent(r.id)}`;
    case 'action':
      // The decision page scrolls to, highlights and focuses the action named by ?action=.
      return `${ws}/decisions/${encodeURIComponent(r.decisionId ?? '')}?action=${encodeURIComponent(r.id)}`;
    case 'comment':
      return `${ws}/d/${encodeURIComponent(r.documentId ?? '')}`;
    default:
      return `${ws}/d/${encodeURIComponent(r.id)}`;
  }
}
