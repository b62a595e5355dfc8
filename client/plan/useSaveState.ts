/** Whether this client's edits are stored on the server: `saved`, `saving` or `offline`. */
import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import type { ProviderStatus } from './useProviderStatus.js';

export type SaveState = 'saved' | 'saving' | 'offline';

/** Decodes the base64 state vector of a `document:saved` event. */
export function decodeStoredVector(base64: string): Map<number, number> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return Y.decodeStateVector(bytes);
}

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
 * `document:saved` does not cover (or before the first sync); saved otherwise.
 */
export function useSaveState({ ydoc, workspaceId, documentId, status, canEdit }: Args): SaveState {
  const storedClock = useRef(0);
  const [local, setLocal] = useState(() => localClock(ydoc));
  const [stored, setStored] = useState(0);

  useEffect(() => {
    storedClock.current = 0;
    setStored(0);
    const onUpdate = () => setLocal(localClock(ydoc));
    onUpdate();
    ydoc.on('update', onUpdate);
    return () => ydoc.off('update', onUpdate);
  }, [ydoc]);

  useWorkspaceEvent(workspaceId, 'document:saved', (p) => {
    if (p.documentId !== documentId || typeof p.stateVector !== 'string') return;
    let clock = 0;
    try {
      clock = decodeStoredVector(p.stateVector).get(ydoc.clientID) ?? 0;
    } catch (err) {
      console.warn('Unreadable state vector in document:saved', err);
      return;
    }
    if (clock > storedClock.current) {
      storedClock.current = clock;
      setStored(clock);
    }
  });

  if (!status.online || !status.connected) return 'offline';
  if (!status.synced) return 'saving';
  if (canEdit && local > stored) return 'saving';
  return 'saved';
}
