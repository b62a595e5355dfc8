/** Full-text search across the caller's working groups. */
import type { SearchResponse, SearchResult } from '../../shared/search.js';
import { query, request } from './http.js';

export type { HighlightSegment, SearchResult, SearchResultType } from '../../shared/search.js';

/** Searches plans, activities, decisions and comments; optionally within one working group. */
export async function searchAll(q: string, opts: { workspaceId?: string; limit?: number } = {}, signal?: AbortSignal): Promise<SearchResult[]> {
  const path = `/api/search${query({ q, workspaceId: opts.workspaceId, limit: opts.limit ? String(opts.limit) : undefined })}`;
  return (await request<SearchResponse>('GET', path, undefined, signal)).results;
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
    case 'comment':
      return `${ws}/d/${encodeURIComponent(r.documentId ?? '')}`;
    default:
      return `${ws}/d/${encodeURIComponent(r.id)}`;
  }
}
