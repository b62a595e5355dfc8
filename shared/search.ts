/** The search API's response, as the server builds it and the client reads it (`GET /api/search`). */

/** The kinds of things search finds, in the order the results page lists their filters. */
export const SEARCH_RESULT_TYPES = ['plan', 'activity', 'decision', 'action', 'comment'] as const;

/**
 * How deep search paging goes. Each page ranks every hit above it again (an offset into a merge of four kinds
 * has no cheaper keyset), so the depth bounds what a page costs; past it, a person narrows the query or the kind.
 */
export const MAX_SEARCH_DEPTH = 1000;

export type SearchResultType = (typeof SEARCH_RESULT_TYPES)[number];

/** How many hits of each kind the whole query has (not just the page). */
export type SearchCounts = Record<SearchResultType, number>;

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
  /** `D-3` for decisions, and for an action the decision it follows up. */
  ref?: string;
  /** The decision an action follows up. */
  decisionId?: string;
  title: string;
  titleHighlights: HighlightSegment[];
  snippet: string;
  highlights: HighlightSegment[];
  score: number;
}

export interface SearchResponse {
  /** One page, best first. */
  results: SearchResult[];
  /** Hits per kind over every page, whatever `type` asked for, so a client can offer each kind that has any. */
  counts: SearchCounts;
  /** Hits of the kinds asked for (all kinds, or `type`): what paging through `nextCursor` walks. */
  total: number;
  /** Pass as `cursor` for the next page; null on the last page (or past the deepest page served). */
  nextCursor: string | null;
}
