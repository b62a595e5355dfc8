/**
 * Threads follow their words when this person's edit moves them (a split, joined or re-styled paragraph, see
 * commentHighlights). The new anchor names text the edit just created, so it is sent only once the server has
 * stored that edit: sent at once, the request could overtake the edit on its socket, and the server, not knowing
 * the new text yet, would refuse it and leave the thread detached. Nobody waits on it, so it waits as long as it
 * takes: offline, for the reconnection's save.
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useRef } from 'react';
import type { WhenStored } from '../../plan/ownEditsStored.js';
import { reanchorComment, refusedForQuote, type TextAnchor } from './api.js';
import { REANCHOR_EVENT, type ReanchorDetail } from './commentHighlights.js';

/** Another node may apply the edit a moment after it was stored; one later try covers that. */
const RETRY_MS = 1000;


interface Args {
  editor: Editor | null;
  canEdit: boolean;
  whenStored: WhenStored;
  /** Called after a thread was moved, so the margin re-reads it. */
  onMoved: () => void;
}

/** Listens for moved anchors on the editor and puts each thread back on its words once the edit is stored. */
export function useAnchorFollow({ editor, canEdit, whenStored, onMoved }: Args): void {
  const onMovedRef = useRef(onMoved);
  onMovedRef.current = onMoved;

  useEffect(() => {
    if (!editor || !canEdit) return;
    const abort = new AbortController();
    // Thread id → its latest new anchor: a later move of the same thread replaces one still waiting.
    const latest = new Map<string, TextAnchor>();
    const send = (threadId: string, anchor: TextAnchor, retried: boolean) => {
      reanchorComment(threadId, anchor).then(
        () => {
          if (!abort.signal.aborted) onMovedRef.current();
        },
        (err: unknown) => {
          if (!abort.signal.aborted && !retried && refusedForQuote(err)) {
            const timer = setTimeout(() => send(threadId, anchor, true), RETRY_MS);
            abort.signal.addEventListener('abort', () => clearTimeout(timer));
            return;
          }
          console.warn('comment not re-anchored; it shows as detached until its words are found again', err);
        },
      );
    };
    const dom = editor.view.dom;
    const onMovedAnchor = (e: Event) => {
      const { threadId, anchor } = (e as CustomEvent<ReanchorDetail>).detail;
      latest.set(threadId, anchor);
      whenStored({ signal: abort.signal, limitMs: null }).then(
        () => {
          if (latest.get(threadId) !== anchor) return;
          latest.delete(threadId);
          send(threadId, anchor, false);
        },
        () => {
          // The page moved on (unmounted, or the plan changed) before the edit was stored: nothing to send.
        },
      );
    };
    dom.addEventListener(REANCHOR_EVENT, onMovedAnchor);
    return () => {
      abort.abort();
      dom.removeEventListener(REANCHOR_EVENT, onMovedAnchor);
    };
  }, [editor, canEdit, whenStored]);
}
