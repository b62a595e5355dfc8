/**
 * Waiting for the server to have stored this tab's edits. A request that depends on them (a version named, a thread
 * moved onto words just re-created) travels over HTTP while the edits travel over the plan's socket, and on a slow
 * link the request can arrive first: it would act on a plan without the last keystrokes. `whenStored` resolves once
 * a `document:saved` (or the plan's `savedStateVector`, for an event missed) covers what this tab had written when
 * it was called.
 */
import { useCallback, useEffect, useRef } from 'react';
import * as Y from 'yjs';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import { decodeStoredVector, fetchSavedStateVector } from './useSaveState.js';

interface Waiter {
  needs: number;
  resolve: () => void;
}

/** Resolves once the server stored this tab's edits as they are now; rejects with the signal's reason on abort. */
export type WhenStored = (signal?: AbortSignal) => Promise<void>;

/** `whenStored` for the plan's Y.Doc (stable while the doc and plan stay the same). */
export function useOwnEditsStored(workspaceId: string, documentId: string, ydoc: Y.Doc): WhenStored {
  const stored = useRef(0);
  const waiters = useRef(new Set<Waiter>());

  useEffect(() => {
    stored.current = 0;
    const current = waiters.current;
    return () => current.clear();
  }, [ydoc, documentId]);

  const accept = useCallback(
    (base64: string) => {
      let clock: number | undefined;
      try {
        clock = decodeStoredVector(base64).get(ydoc.clientID);
      } catch (err) {
        console.warn('Unreadable saved state vector', err);
        return;
      }
      if (clock === undefined || clock <= stored.current) return;
      stored.current = clock;
      for (const w of waiters.current) {
        if (w.needs > clock) continue;
        waiters.current.delete(w);
        w.resolve();
      }
    },
    [ydoc],
  );

  useWorkspaceEvent(workspaceId, 'document:saved', (p) => {
    if (p.documentId === documentId && typeof p.stateVector === 'string') accept(p.stateVector);
  });

  return useCallback(
    (signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const needs = Y.getState(ydoc.store, ydoc.clientID);
        if (needs <= stored.current) return resolve();
        const waiter: Waiter = { needs, resolve };
        waiters.current.add(waiter);
        signal?.addEventListener('abort', () => {
          waiters.current.delete(waiter);
          reject(signal.reason);
        });
        // Edits stored before this page listened, or a `document:saved` lost to a reconnection, are read once here.
        fetchSavedStateVector(documentId, signal ?? new AbortController().signal).then(
          (sv) => {
            if (sv) accept(sv);
          },
          (err: unknown) => {
            if (!signal?.aborted) console.warn('saved state not read; waiting for the next save', err);
          },
        );
      }),
    [ydoc, documentId, accept],
  );
}
