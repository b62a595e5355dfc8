/**
 * A server resource the matrix page keeps live: loaded once per `key`, refreshed when `revision` goes up, and never
 * with two requests in flight. Refreshes asked for during a load make exactly one more load after it, so a burst of
 * live events costs at most two fetches, and a refresh never aborts a load the server is already answering.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../../api/http.js';

export interface LiveResource<T> {
  data: T | undefined;
  error: unknown;
  /** A load is running (the last data, if any, stays shown meanwhile). */
  loading: boolean;
  /** Loads again now, or once more after the load in flight. */
  refresh: () => void;
  /** Replaces the shown data locally (after a change the page made itself). */
  setData: (update: (prev: T | undefined) => T | undefined) => void;
}

interface Options {
  /** Nothing loads until true (the page waits for its live rooms first). */
  enabled: boolean;
  /** Each increase after the first load asks for a refresh. */
  revision: number;
}

interface Flight {
  ctl: AbortController;
  again: boolean;
}

/** Loads `load()` per `key` with at most one request in flight; see the module comment. */
export function useSingleFlight<T>(load: (signal: AbortSignal, prev: T | undefined) => Promise<T>, key: string, { enabled, revision }: Options): LiveResource<T> {
  const [data, setData_] = useState<T | undefined>(undefined);
  // The data as last set, for the next load (a load queued behind another starts before the page re-renders).
  const dataRef = useRef<T | undefined>(undefined);
  const setDataState = useCallback((value: T | undefined) => {
    dataRef.current = value;
    setData_(value);
  }, []);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const flight = useRef<Flight | null>(null);
  const started = useRef(false);

  const start = useCallback(function run() {
    const f: Flight = { ctl: new AbortController(), again: false };
    flight.current = f;
    started.current = true;
    setLoading(true);
    loadRef
      .current(f.ctl.signal, dataRef.current)
      .then(
        (value) => {
          if (f.ctl.signal.aborted) return;
          setDataState(value);
          setError(null);
        },
        (err: unknown) => {
          if (f.ctl.signal.aborted || isAbort(err)) return;
          setError(err);
        },
      )
      .finally(() => {
        if (flight.current !== f) return; // aborted for another key: that key's load owns the state
        flight.current = null;
        if (f.again) run();
        else setLoading(false);
      });
  }, [setDataState]);

  const refresh = useCallback(() => {
    if (!started.current) return; // the first load is still to come and will be current
    if (flight.current) flight.current.again = true;
    else start();
  }, [start]);

  useEffect(() => {
    if (!enabled) return;
    // A tick later: a mount that is immediately undone (StrictMode) sends no request.
    const timer = setTimeout(start, 0);
    return () => {
      clearTimeout(timer);
      flight.current?.ctl.abort();
      flight.current = null;
    };
  }, [key, enabled, start]);

  const seenRevision = useRef(revision);
  useEffect(() => {
    if (revision === seenRevision.current) return;
    seenRevision.current = revision;
    refresh();
  }, [revision, refresh]);

  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update(dataRef.current)), [setDataState]);
  return { data, error, loading, refresh, setData };
}
