/**
 * The matrix page's filters and view, kept in the URL so a view can be shared. The router commits URL changes in a
 * transition, which would leave a filter select showing its old value until the whole page re-rendered; so the
 * filters are also held in local state, updated at once, and the rows follow through `useDeferredValue`.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { MatrixFilters } from '../../api/matrix.js';
import { filterKey, parseFilters } from './matrixRows.js';

export type MatrixView = 'table' | 'organization' | 'state';
export const MATRIX_VIEWS: MatrixView[] = ['table', 'organization', 'state'];

export interface MatrixUrlState {
  /** What the filter controls show (changes at once). */
  filters: MatrixFilters;
  /** What the rows are filtered by (catches up in the background). */
  shownFilters: MatrixFilters;
  shownKey: string;
  /** The rows still show older filters. */
  stale: boolean;
  view: MatrixView;
  /** Sets URL parameters (filters or `view`); an empty value removes one. */
  update: (changes: Record<string, string>) => void;
}

/** Reads and writes the filters and view; see the module comment. */
export function useMatrixUrlState(): MatrixUrlState {
  const [params, setParams] = useSearchParams();
  const urlKey = filterKey(parseFilters(params));
  const [key, setKey] = useState(urlKey);
  // Keys this page wrote and the router has not committed yet: those commits are not news.
  const written = useRef<string[]>([]);
  useEffect(() => {
    const at = written.current.indexOf(urlKey);
    if (at >= 0) written.current.splice(0, at + 1);
    else {
      // Changed from outside (a link, back/forward): the URL wins.
      written.current = [];
      setKey(urlKey);
    }
  }, [urlKey]);

  const shownKey = useDeferredValue(key);
  const filters = useMemo(() => parseFilters(key), [key]);
  const shownFilters = useMemo(() => parseFilters(shownKey), [shownKey]);
  const rawView = params.get('view') as MatrixView;
  const view: MatrixView = MATRIX_VIEWS.includes(rawView) ? rawView : 'table';

  // Stable: memoized parts of the page (map, pivots) take it without re-rendering.
  const setParamsRef = useRef(setParams);
  setParamsRef.current = setParams;
  const update = useCallback((changes: Record<string, string>) => {
    // The address bar is current even while the router's transition is pending; `params` may not be.
    const before = new URLSearchParams(window.location.search);
    const next = new URLSearchParams(before);
    for (const [k, value] of Object.entries(changes)) {
      if (value) next.set(k, value);
      else next.delete(k);
    }
    // A municipality is in one state: choosing another state (from the filters, the map or a pivot), or none, drops it.
    const municipality = next.get('municipalityCode');
    if (municipality && 'stateCode' in changes && municipality.slice(0, 2) !== changes.stateCode) next.delete('municipalityCode');
    const nextKey = filterKey(parseFilters(next));
    if (nextKey !== filterKey(parseFilters(before))) {
      written.current.push(nextKey);
      setKey(nextKey);
    }
    setParamsRef.current(next, { replace: true });
  }, []);
  return { filters, shownFilters, shownKey, stale: shownKey !== key, view, update };
}
