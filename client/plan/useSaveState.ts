/** Whether this client's edits are stored on the server: `saved`, `saving` or `offline`. */
import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { getDocument } from '../api/workspaces.js';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import type { ProviderStatus } from './useProviderStatus.js';
import { cachedStateOf, holdsUnstored } from './cachedState.js';
import { useLeaveWarning } from './leaveWarning.js';
import { useUnloadRescue } from './unloadRescue.js';

export type SaveState = 'saved' | 'saving' | 'offline';

/** Decodes the base64 state vector of a `document:saved` event. */
export function decodeStoredVector(base64: string): Map<number, number> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return Y.decodeStateVector(bytes);
}

/** What the server says it stored of the plan (base64 state vector), read over REST; null when it does not say. */
export async function fetchSavedStateVector(documentId: string, signal: AbortSignal): Promise<string | null> {
  const sv = ((await getDocument(documentId, signal)) as { savedStateVector?: unknown }).savedStateVector;
  return typeof sv === 'string' ? sv : null;
}

/** The plan's root map of save marks (see useSaveState): outside the body and activities, never shown or exported. */
const SAVE_MARKS = 'saveMarks';

/** This client's own clock in the local doc: how many changes it authored. */
function localClock(ydoc: Y.Doc): number {
  return Y.decodeStateVector(Y.encodeStateVector(ydoc)).get(ydoc.clientID) ?? 0;
}

interface Args {
  ydoc: Y.Doc;
  workspaceId: string;
  documentId: string;
  status: ProviderStatus;
  /** Observers' writes are dropped by the server, so they have nothing to save. */
  canEdit: boolean;
}

/**
 * Offline when the socket or the browser is down; saving while this client has changes the last
 * `document:saved` does not cover, or the plan's offline copy holds edits from an earlier visit the server's saved
 * state lacks (or before the first sync); saved otherwise.
 */
export function useSaveState({ ydoc, workspaceId, documentId, status, canEdit }: Args): SaveState {
  const storedVector = useRef(new Map<number, number>());
  const [local, setLocal] = useState(() => localClock(ydoc));
  const [stored, setStored] = useState(0);
  // The offline copy's edits from earlier visits, until the server's saved state covers them (see cachedState).
  const [earlier, setEarlier] = useState<Map<number, number> | null>(null);

  useEffect(() => {
    storedVector.current = new Map();
    setStored(0);
    setEarlier(null);
    let current = true;
    void cachedStateOf(ydoc).then((held) => {
      if (current) setEarlier(held.size ? held : null);
    });
    const onUpdate = () => setLocal(localClock(ydoc));
    onUpdate();
    ydoc.on('update', onUpdate);
    return () => {
      current = false;
      ydoc.off('update', onUpdate);
    };
  }, [ydoc]);

  // A deletion adds nothing to this client's clock, so no `document:saved` could show it stored and the badge said
  // "saved" at once, stored or not. Right after a local change that only deletes, the client writes a mark (one
  // shared map entry, overwritten each time) in a transaction of its own: it follows the deletion to the server and
  // into the log, so once the mark's clock is covered, the deletion is stored too.
  useEffect(() => {
    if (!canEdit) return;
    let queued = false;
    const onLocalChange = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (!tr.local || queued || tr.deleteSet.clients.size === 0) return;
      if ((tr.afterState.get(ydoc.clientID) ?? 0) > (tr.beforeState.get(ydoc.clientID) ?? 0)) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        ydoc.getMap(SAVE_MARKS).set('last', ydoc.clientID);
      });
    };
    ydoc.on('update', onLocalChange);
    return () => ydoc.off('update', onLocalChange);
  }, [ydoc, canEdit]);

  const acceptStored = (base64: string) => {
    let vector: Map<number, number>;
    try {
      vector = decodeStoredVector(base64);
    } catch (err) {
      console.warn('Unreadable saved state vector', err);
      return;
    }
    let grew = false;
    for (const [client, clock] of vector) {
      if (clock > (storedVector.current.get(client) ?? 0)) {
        storedVector.current.set(client, clock);
        grew = true;
      }
    }
    if (grew) setStored((n) => n + 1);
  };

  useWorkspaceEvent(workspaceId, 'document:saved', (p) => {
    if (p.documentId === documentId && typeof p.stateVector === 'string') acceptStored(p.stateVector);
  });

  // `stored` only counts arrivals, so a new saved state vector re-renders; the vector itself is in the ref.
  void stored;
  const ownUnstored = local > (storedVector.current.get(ydoc.clientID) ?? 0);
  const earlierUnstored = earlier !== null && holdsUnstored(earlier, storedVector.current);
  let state: SaveState = 'saved';
  if (!status.online || !status.connected) state = 'offline';
  else if (!status.synced || (canEdit && (ownUnstored || earlierUnstored))) state = 'saving';

  // A save event can be missed while the event socket reconnects. If "saving" lingers, ask the
  // server what it stored (when it exposes the saved state vector on the document).
  const stuck = state === 'saving' && status.synced;
  const acceptRef = useRef(acceptStored);
  acceptRef.current = acceptStored;
  // Edits from an earlier visit wait on no save of this page's: ask at once whether the server has them.
  const askNow = stuck && earlierUnstored;
  useEffect(() => {
    if (!stuck) return;
    const ctl = new AbortController();
    const ask = () =>
      fetchSavedStateVector(documentId, ctl.signal).then(
        (sv) => {
          if (sv !== null) acceptRef.current(sv);
        },
        () => undefined, // Best effort: the next document:saved event settles it anyway.
      );
    if (askNow) void ask();
    const timer = setInterval(() => void ask(), 5000);
    return () => {
      clearInterval(timer);
      ctl.abort();
    };
  }, [stuck, askNow, documentId]);

  // Worked out as the tab goes, not at the last render: the last keystrokes may not have rendered yet.
  const ownUnstoredNow = () => canEdit && localClock(ydoc) > (storedVector.current.get(ydoc.clientID) ?? 0);
  useUnloadRescue(documentId, ydoc, () => (ownUnstoredNow() ? storedVector.current : null));
  // Closing the tab while these edits cannot be sent asks first (see leaveWarning).
  useLeaveWarning(() => state === 'offline' && canEdit && (ownUnstoredNow() || (earlier !== null && holdsUnstored(earlier, storedVector.current))));

  return state;
}
