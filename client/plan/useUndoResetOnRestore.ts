/**
 * Empties this page's undo history when a version of the plan is restored (by anyone, the reader included).
 * A restore writes the version's text back as new text; an older step still on the stack (a deletion the
 * restore already undid) would then put the same words in a second time: "gamma" became "gamma gamma".
 */
import type { Editor } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { useSocket } from '../realtime/RealtimeContext.js';
import { cellUndoOf } from './cellUndo.js';
import type { RestoreSeen } from './restoreWatch.js';

/** Empties the editor's and the activities table's undo stacks. */
function clearUndo(editor: Editor | null, ydoc: Y.Doc): void {
  if (editor && !editor.isDestroyed) {
    const state = yUndoPluginKey.getState(editor.state) as { undoManager?: { clear(): void } } | undefined;
    state?.undoManager?.clear();
  }
  cellUndoOf(ydoc)?.clear();
}

/** Clears the undo stacks on `version:restored` for `documentId`, and when a restore missed while disconnected is found. */
export function useUndoResetOnRestore(documentId: string, editor: Editor | null, ydoc: Y.Doc, missed: RestoreSeen | null): void {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    // Not in the app's typed event map (the history panel owns version events); the untyped view stays local.
    const untyped = socket as unknown as { on(e: string, l: (p: { documentId?: string }) => void): void; off(e: string, l: (p: { documentId?: string }) => void): void };
    const listener = (p: { documentId?: string }) => {
      if (p?.documentId === documentId) clearUndo(editor, ydoc);
    };
    untyped.on('version:restored', listener);
    return () => untyped.off('version:restored', listener);
  }, [socket, documentId, editor, ydoc]);
  useEffect(() => {
    if (missed) clearUndo(editor, ydoc);
    // Only a newly found missed restore clears: the editor arriving later has no stale steps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [missed]);
}
