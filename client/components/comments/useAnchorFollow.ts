/**
 * Threads follow their words when this person's edit moves them (a split, joined or re-styled paragraph, see
 * commentHighlights). The new anchor names text the edit just created, so it is sent only once the server has
 * stored that edit: sent at once, the request could overtake the edit on its socket, and the server, not knowing
 * the new text yet, would refuse it and leave the thread detached. Offline, it waits for the reconnection's save.
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useRef } from 'react';
import * as Y from 'yjs';
import { useWorkspaceEvent } from '../../realtime/RealtimeContext.js';
import { decodeStoredVector } from '../../plan/useSaveState.js';
import { ApiError } from '../../api/http.js';
import { reanchorComment, type TextAnchor } from './api.js';
import { REANCHOR_EVENT, type ReanchorDetail } from './commentHighlights.js';

/** Another node may apply the edit a moment after it was stored; one later try covers that. */
const RETRY_MS = 1000;

interface Pending {
  anchor: TextAnchor;
  /** This client's clock once the edit was made: the server must have stored that much of it. */
  needs: number;
}

interface Args {
  workspaceId: string;
  documentId: string;
  ydoc: Y.Doc;
  editor: Editor | null;
  canEdit: boolean;
  /** Called after a thread was moved, so the margin re-reads it. */
  onMoved: () => void;
}

/** Listens for moved anchors on the editor and puts each thread back on its words once the edit is stored. */
export function useAnchorFollow({ workspaceId, documentId, ydoc, editor, canEdit, onMoved }: Args): void {
  const storedClock = useRef(0);
  // Thread id → its latest new anchor: a later move of the same thread replaces an earlier one not yet sent.
  const pending = useRef(new Map<string, Pending>());
  const flush = useRef<() => void>(() => {});
  const onMovedRef = useRef(onMoved);
  onMovedRef.current = onMoved;

  useEffect(() => {
    storedClock.current = 0;
    pending.current = new Map();
  }, [ydoc]);

  useWorkspaceEvent(workspaceId, 'document:saved', (p) => {
    if (p.documentId !== documentId || typeof p.stateVector !== 'string') return;
    let clock: number | undefined;
    try {
      clock = decodeStoredVector(p.stateVector).get(ydoc.clientID);
    } catch (err) {
      console.warn('Unreadable saved state vector', err);
      return;
    }
    if (clock !== undefined && clock > storedClock.current) {
      storedClock.current = clock;
      flush.current();
    }
  });

  useEffect(() => {
    if (!editor || !canEdit) return;
    let live = true;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const send = (threadId: string, anchor: TextAnchor, retried: boolean) => {
      reanchorComment(threadId, anchor).then(
        () => {
          if (live) onMovedRef.current();
        },
        (err: unknown) => {
          if (live && !retried && err instanceof ApiError && err.status === 422) {
            const timer = setTimeout(() => {
              timers.delete(timer);
              send(threadId, anchor, true);
            }, RETRY_MS);
            timers.add(timer);
            return;
          }
          console.warn('comment not re-anchored; it shows as detached until its words are found again', err);
        },
      );
    };
    flush.current = () => {
      for (const [threadId, p] of pending.current) {
        if (p.needs > storedClock.current) continue;
        pending.current.delete(threadId);
        send(threadId, p.anchor, false);
      }
    };
    const dom = editor.view.dom;
    const onMovedAnchor = (e: Event) => {
      const { threadId, anchor } = (e as CustomEvent<ReanchorDetail>).detail;
      pending.current.set(threadId, { anchor, needs: Y.getState(ydoc.store, ydoc.clientID) });
      flush.current();
    };
    dom.addEventListener(REANCHOR_EVENT, onMovedAnchor);
    return () => {
      live = false;
      flush.current = () => {};
      for (const timer of timers) clearTimeout(timer);
      dom.removeEventListener(REANCHOR_EVENT, onMovedAnchor);
    };
  }, [editor, canEdit, ydoc]);
}
