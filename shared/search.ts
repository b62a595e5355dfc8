/** The search API's response, as the server builds it and the client reads it (`GET /api/search`). */

export type SearchResultType = 'plan' | 'activity' | 'decision' | 'comment';

/** A piece of a title or snippet and whether it matched the query; clients render matches as `<mark>`, never as HTML. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface SearchResult {
  type: SearchResultType;
  workspaceId: string;
  workspaceName: string;
  documentId?: string;
  /** The plan an activity or comment belongs to. */
  documentTitle?: string;
  id: string;
  /** `D-3` for decisions. */
  ref?: string;
  title: string;
  titleHighlights: HighlightSegment[];
  snippet: string;
  highlights: HighlightSegment[];
  score: number;
}

export interface SearchResponse {
  results: SearchResult[];
}
