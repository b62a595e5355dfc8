/**
 * A search as the results page shows it: the first page for a query and kind, then further pages on request,
 * appended. Counts come from the server, so they are the query's true numbers, not what has been loaded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../../api/http.js';
import { searchPage, type SearchCounts, type SearchResponse, type SearchResult, type SearchResultType } from '../../api/search.js';
import { useAsync } from '../../lib/useAsync.js';

/** Hits per request: the most the server gives at once. */
export const SEARCH_PAGE_SIZE = 50;

export interface SearchPages {
  /** Every hit loaded so far, in rank order; undefined until the first page arrives. */
  results: SearchResult[] | undefined;
  counts: SearchCounts | undefined;
  /** Hits of the kind shown (or of every kind). */
  total: number;
  /** Whether the server has a next page. */
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** Fetches and appends the next page; true when it did. */
  loadMore: () => Promise<boolean>;
  loadingMore: boolean;
  moreError: unknown;
}

interface Appended {
  /** The first page these follow: a new query or kind starts over. */
  base: SearchResponse;
  results: SearchResult[];
  last: SearchResponse;
}

const keyOf = (r: SearchResult) => `${r.type}:${r.documentId ?? ''}:${r.id}`;

/** The pages of `q` (only `type` when given); nothing is fetched for an empty query. */
export function useSearchPages(q: string, type: SearchResultType | null): SearchPages {
  const first = useAsync((signal) => (q ? searchPage(q, { limit: SEARCH_PAGE_SIZE, type }, signal) : Promise.resolve(null)), [q, type]);
  const [appended, setAppended] = useState<Appended | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const pending = useRef<AbortController | null>(null);

  // A new query or kind drops a request for the next page of the old one.
  useEffect(() => {
    setMoreError(null);
    return () => pending.current?.abort();
  }, [q, type]);

  const base = first.data ?? null;
  const more = appended && appended.base === base ? appended : null;
  const last = more?.last ?? base;

  const loadMore = useCallback(async () => {
    const cursor = last?.nextCursor;
    if (!base || !cursor || pending.current) return false;
    const ctl = new AbortController();
    pending.current = ctl;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await searchPage(q, { limit: SEARCH_PAGE_SIZE, type, cursor }, ctl.signal);
      setAppended((prev) => {
        const before = prev && prev.base === base ? prev.results : [];
        // Paging is by position: a hit added meanwhile can push one already shown onto this page.
        const seen = new Set([...base.results, ...before].map(keyOf));
        return { base, results: [...before, ...page.results.filter((r) => !seen.has(keyOf(r)))], last: page };
      });
      return true;
    } catch (err) {
      if (!isAbort(err)) setMoreError(err);
      return false;
    } finally {
      if (pending.current === ctl) pending.current = null;
      setLoadingMore(false);
    }
  }, [base, last, q, type]);

  return {
    results: base ? [...base.results, ...(more?.results ?? [])] : undefined,
    counts: last?.counts,
    total: last?.total ?? 0,
    hasMore: Boolean(last?.nextCursor),
    loading: first.loading,
    error: first.error,
    reload: first.reload,
    loadMore,
    loadingMore,
    moreError,
  };
}
