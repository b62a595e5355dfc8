/**
 * Waiting for the server to have stored this tab's edits. A request that depends on them (a version named, a thread
 * moved onto words just re-created) travels over HTTP while the edits travel over the plan's socket, and on a slow
 * link the request can arrive first: it would act on a plan without the last keystrokes. `whenStored` resolves once
 * a `document:saved` (or the plan's `savedStateVector`, for an event missed) covers what this tab had written when
 * it was called. Used for a version named, a thread moved and the plan's exports.
 */
import { useCallback, useEffect, useRef } from 'react';
import * as Y from 'yjs';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import { decodeStoredVector, fetchSavedStateVector } from './useSaveState.js';

/** How long a request waits for this tab's edits to be stored before it goes ahead anyway. */
const STORED_WAIT_LIMIT_MS = 15_000;

interface Waiter {
  needs: number;
  resolve: () => void;
}

export interface WhenStoredOptions {
  signal?: AbortSignal;
  /** How long to wait before going ahead anyway (default 15 s); null waits for as long as it takes. */
  limitMs?: number | null;
}

/** Resolves once the server stored this tab's edits as they are now (or at the limit); rejects on abort. */
export type WhenStored = (options?: WhenStoredOptions) => Promise<void>;

/** `whenStored` for the plan's Y.Doc (stable while its inputs stay the same); at once for those who cannot edit. */
export function useOwnEditsStored(workspaceId: string, documentId: string, ydoc: Y.Doc, canEdit: boolean): WhenStored {
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
      for (const w of [...waiters.current]) if (w.needs <= clock) w.resolve();
    },
    [ydoc],
  );

  useWorkspaceEvent(workspaceId, 'document:saved', (p) => {
    if (p.documentId === documentId && typeof p.stateVector === 'string') accept(p.stateVector);
  });

  return useCallback(
    ({ signal, limitMs = STORED_WAIT_LIMIT_MS }: WhenStoredOptions = {}) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        // The server drops an observer's writes: nothing of theirs will be stored, and nothing needs to be.
        if (!canEdit) return resolve();
        const needs = Y.getState(ydoc.store, ydoc.clientID);
        if (needs <= stored.current) return resolve();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const settle = (done: () => void) => {
          clearTimeout(timer);
          waiters.current.delete(waiter);
          done();
        };
        const waiter: Waiter = { needs, resolve: () => settle(resolve) };
        // Edits that can never be stored (a plan refused as full) or a long time offline must not hold a request the
        // person is waiting on for ever: past the limit it goes ahead as it would have, and succeeds or fails on its own.
        if (limitMs !== null) timer = setTimeout(() => settle(resolve), limitMs);
        waiters.current.add(waiter);
        signal?.addEventListener('abort', () => settle(() => reject(signal.reason)));
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
    [ydoc, documentId, canEdit, accept],
  );
}
