/** One plan's collaboration session: the Yjs doc, its IndexedDB copy and the y-websocket provider. */
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cacheName, rememberCachedPlan } from './localCache.js';
import { noteCachedState } from './cachedState.js';
import { installFieldRebase } from './fieldRebase.js';
import { installAwarenessRejoin } from './awarenessRejoin.js';
import { notePlanOpen } from './offlineCopySync.js';
import { abandonRescue, mergeRescue } from './unloadRescue.js';

/** What other people see of us in the document (awareness `user`). */
export interface AwarenessUser {
  userId: string;
  name: string;
  color: string;
  organizationId: string;
  acronym: string;
}

export interface PlanSession {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
}

/** The server's refusal of rows past the plan's activity limit (1009, see maxActivitiesPerPlan). */
export function isPlanFull(e: { code: number; reason: string }): boolean {
  return e.code === 1009 && e.reason.startsWith('plan full');
}

/** Closes after which reconnecting cannot help: refusals (4400–4499) and a full plan. */
function isFinalRefusal(e: { code: number; reason: string }): boolean {
  return (e.code >= 4400 && e.code < 4500) || isPlanFull(e);
}

/** ws(s):// origin of this page; the Yjs endpoint lives on the same host (cookie auth). */
export function wsOrigin(): string {
  return window.location.origin.replace(/^http/, 'ws');
}

/**
 * Opens the session for `documentId` and closes it on unmount. Offline edits live in IndexedDB
 * (keyed by document) and merge with the server's state on reconnect.
 */
export function usePlanSession(documentId: string, user: AwarenessUser): PlanSession | null {
  const [session, setSession] = useState<PlanSession | null>(null);

  useEffect(() => {
    const ydoc = new Y.Doc();
    const persistence = new IndexeddbPersistence(cacheName(documentId), ydoc);
    rememberCachedPlan(documentId);
    const closed = notePlanOpen(documentId);
    const loaded = persistence.whenSynced.then(() => {
      // Edits a tab saved as it went join the offline copy, and go to the server with it.
      mergeRescue(documentId, ydoc, persistence).catch((err: unknown) => console.warn('Edits saved as a tab went are kept for next time', err));
      return Y.decodeStateVector(Y.encodeStateVector(ydoc));
    });
    noteCachedState(ydoc, loaded);
    const provider = new WebsocketProvider(`${wsOrigin()}/yjs`, documentId, ydoc, { connect: false, shouldReconnect: (e) => !isFinalRefusal(e) });
    // The plan was full, or the server refused a change as malformed (4400), and this copy holds it: a reconnect, or a
    // reload from the offline copy (or from the edits saved as the tab goes), would send it again and be refused
    // again. Both go, so a reload opens the plan as saved. A plan this person may no longer read (4403, 4404) leaves
    // no copy behind either.
    const onClosed = (e: { code: number; reason: string }) => {
      if (isPlanFull(e) || e.code === 4400 || e.code === 4403 || e.code === 4404) {
        void persistence.clearData();
        abandonRescue(documentId, ydoc);
      }
    };
    provider.on('closed', onClosed);
    const stopFieldRebase = installFieldRebase(ydoc);
    // After a dropped socket, the others' carets and ours are taken again at once (not at the next 15 s renewal).
    const stopAwarenessRejoin = installAwarenessRejoin(provider);
    setSession({ ydoc, provider });
    // Connect a tick later so a mount that is immediately undone never opens a socket.
    const timer = setTimeout(() => provider.connect(), 0);
    return () => {
      clearTimeout(timer);
      stopFieldRebase();
      stopAwarenessRejoin();
      setSession(null);
      provider.off('closed', onClosed);
      provider.destroy();
      void persistence.destroy();
      closed();
      // The editor tears down asynchronously; let it detach before the doc goes away.
      setTimeout(() => ydoc.destroy(), 50);
    };
  }, [documentId]);

  const provider = session?.provider;
  useEffect(() => {
    provider?.awareness.setLocalStateField('user', user);
  }, [provider, user]);

  return session;
}
