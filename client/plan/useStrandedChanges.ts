/**
 * Whether this browser's copy of a plan holds changes the server has not stored and will not take. That happens to
 * someone demoted to observer while they edited offline (or in the moment before the page learned of it): the server
 * drops an observer's writes and keeps the connection, so the edits stay here only. The badge then says "not saved"
 * instead of "read only", and signing out (which erases offline copies) asks first.
 *
 * The stored state comes from `document:saved` events and the plan's `savedStateVector`. Someone else's edit can
 * reach this page a few milliseconds before it is stored, so a copy counts as stranded only when it is still ahead
 * of what the server stored after a short wait and a fresh read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import { decodeStoredVector, fetchSavedStateVector } from './useSaveState.js';

/** How long a copy must stay ahead of the stored state before it counts as stranded. */
const CONFIRM_MS = 2500;

interface Args {
  ydoc: Y.Doc;
  workspaceId: string;
  documentId: string;
  /** Watch only while this person cannot edit and the plan is synced: otherwise the save state says it all. */
  watching: boolean;
}

/** Merges `next` into `into`, keeping the higher clock per client. */
function mergeVector(into: Map<number, number>, next: Map<number, number>): void {
  for (const [client, clock] of next) if (clock > (into.get(client) ?? 0)) into.set(client, clock);
}

/** Whether `ydoc` has a clock beyond `stored` for any client. */
function isAhead(ydoc: Y.Doc, stored: Map<number, number>): boolean {
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(ydoc))) if (clock > (stored.get(client) ?? 0)) return true;
  return false;
}

/** True while the plan here holds changes the server did not store and will not take from this person. */
export function useStrandedChanges({ ydoc, workspaceId, documentId, watching }: Args): boolean {
  const [stranded, setStranded] = useState(false);
  const stored = useRef(new Map<number, number>());
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; ctl: AbortController } | null>(null);

  const stop = useCallback(() => {
    if (!pending.current) return;
    clearTimeout(pending.current.timer);
    pending.current.ctl.abort();
    pending.current = null;
  }, []);

  /** Not ahead: not stranded. Ahead: one confirmation at a time, however many updates arrive meanwhile. */
  const evaluate = useCallback(() => {
    if (!isAhead(ydoc, stored.current)) {
      stop();
      setStranded(false);
      return;
    }
    if (pending.current) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      fetchSavedStateVector(documentId, ctl.signal).then(
        (sv) => {
          if (pending.current?.ctl !== ctl) return; // stopped meanwhile
          pending.current = null;
          try {
            if (sv !== null) mergeVector(stored.current, decodeStoredVector(sv));
          } catch (err) {
            console.warn('Unreadable saved state vector', err);
            return;
          }
          setStranded(isAhead(ydoc, stored.current));
        },
        // Unreachable now (or stopped): the next update, save event or reconnection checks again.
        () => {
          if (pending.current?.ctl === ctl) pending.current = null;
        },
      );
    }, CONFIRM_MS);
    pending.current = { timer, ctl };
  }, [ydoc, documentId, stop]);

  useWorkspaceEvent(workspaceId, 'document:saved', (p) => {
    if (!watching || p.documentId !== documentId || typeof p.stateVector !== 'string') return;
    try {
      mergeVector(stored.current, decodeStoredVector(p.stateVector));
    } catch (err) {
      console.warn('Unreadable saved state vector', err);
      return;
    }
    evaluate();
  });

  useEffect(() => {
    if (!watching) {
      setStranded(false);
      return;
    }
    evaluate();
    ydoc.on('update', evaluate);
    return () => {
      ydoc.off('update', evaluate);
      stop();
    };
  }, [ydoc, watching, evaluate, stop]);

  return stranded;
}
