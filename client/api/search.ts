/** Full-text search across the caller's working groups. */
import { query, request } from './http.js';

export type SearchResultType = 'plan' | 'activity' | 'decision' | 'comment';

/** A piece of a snippet; `match` pieces are shown highlighted. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface SearchResult {
  type: SearchResultType;
  workspaceId: string;
  workspaceName: string;
  documentId?: string;
  documentTitle?: string;
  id: string;
  ref?: string;
  title: string;
  titleHighlights: HighlightSegment[];
  snippet: string;
  highlights: HighlightSegment[];
  score: number;
}

/** Searches plans, activities, decisions and comments; optionally within one working group. */
export async function searchAll(q: string, opts: { workspaceId?: string; limit?: number } = {}, signal?: AbortSignal): Promise<SearchResult[]> {
  const path = `/api/search${query({ q, workspaceId: opts.workspaceId, limit: opts.limit ? String(opts.limit) : undefined })}`;
  return (await request<{ results: SearchResult[] }>('GET', path, undefined, signal)).results;
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
