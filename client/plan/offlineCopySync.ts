/**
 * Sends the edits plans' offline copies hold, without the plans being opened. A plan left (or a tab closed) while the
 * server was unreachable kept its edits only in this browser, and only an open plan synced: they reached the server
 * when someone happened to open that plan again here. Now, while someone is signed in, those copies are pushed once
 * the server is back: after sign-in, when the event socket reconnects, when the browser comes online, when a plan
 * closes, and again with a growing pause while any is left. One tab of the browser does it at a time.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotices } from '../components/Notices.js';
import { useSocket } from '../realtime/RealtimeContext.js';
import { useLeaveWarning } from './leaveWarning.js';
import { pendingOfflinePlanIds } from './localCache.js';

/** Plans open in this tab (document id → how many views): their own sessions sync them. */
const openHere = new Map<string, number>();
/** Called when a plan closes here, so its copy is looked at soon. */
const closeListeners = new Set<() => void>();

/** Counts `documentId` as open in this tab until the returned function is called. */
export function notePlanOpen(documentId: string): () => void {
  openHere.set(documentId, (openHere.get(documentId) ?? 0) + 1);
  return () => {
    const left = (openHere.get(documentId) ?? 1) - 1;
    if (left > 0) openHere.set(documentId, left);
    else openHere.delete(documentId);
    for (const listener of closeListeners) listener();
  };
}

/** The pause before a pass after a trigger (a page's first load goes first), and the retry pauses. */
const SOON_MS = 1500;
const FIRST_RETRY_MS = 5000;
const MAX_RETRY_MS = 60_000;
/** Passes after which a copy the server keeps not storing (a person now only observing, say) waits for the next trigger. */
const MAX_RETRIES = 6;

/** Runs `task` unless another tab of this browser is running it (Web Locks); null when skipped. */
async function inOneTab<T>(task: () => Promise<T>): Promise<T | null> {
  if (!('locks' in navigator)) return task();
  return navigator.locks.request('enlace.offlineCopies', { ifAvailable: true }, (lock) => (lock ? task() : null));
}

/** Pushes pending offline copies while `enabled` (signed in), and tells the person which plans were stored. */
export function useOfflineCopySync(enabled: boolean): void {
  const socket = useSocket();
  const { show } = useNotices();
  const { t } = useTranslation();
  const tell = useRef((title: string) => show(t('offlineSync.stored', { title })));
  tell.current = (title: string) => show(t('offlineSync.stored', { title }));
  // A closed plan's copy waits for the browser to be online, and for this tab: closing it offline asks first.
  useLeaveWarning(() => enabled && !navigator.onLine && pendingOfflinePlanIds().some((id) => !openHere.has(id)));

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let running = false;
    let rerun = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retries = 0;
    const schedule = (ms: number) => {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(() => void pass(), ms);
    };
    const pass = async () => {
      if (running) {
        rerun = true;
        return;
      }
      const ids = pendingOfflinePlanIds().filter((id) => !openHere.has(id));
      if (ids.length === 0 || !navigator.onLine) return;
      running = true;
      try {
        const { pushOfflineCopies } = await import('./offlineCopyPush.js');
        const result = await inOneTab(() => pushOfflineCopies(ids, (id) => openHere.has(id)));
        if (stopped) return;
        for (const plan of result?.stored ?? []) tell.current(plan.title);
        // Skipped (another tab is on it) or some left: again later, with a growing pause.
        if ((result === null || result.later.length > 0) && retries < MAX_RETRIES) {
          schedule(Math.min(FIRST_RETRY_MS * 2 ** retries, MAX_RETRY_MS));
          retries++;
        }
      } catch (err) {
        console.warn('Offline plan copies could not be sent', err);
        if (retries < MAX_RETRIES) schedule(Math.min(FIRST_RETRY_MS * 2 ** retries++, MAX_RETRY_MS));
      } finally {
        running = false;
        if (rerun && !stopped) {
          rerun = false;
          schedule(0);
        }
      }
    };
    const soon = () => {
      retries = 0;
      schedule(SOON_MS);
    };
    soon();
    closeListeners.add(soon);
    window.addEventListener('online', soon);
    socket?.on('connect', soon);
    return () => {
      stopped = true;
      clearTimeout(timer);
      closeListeners.delete(soon);
      window.removeEventListener('online', soon);
      socket?.off('connect', soon);
    };
  }, [enabled, socket]);
}

/** Renders nothing; runs useOfflineCopySync inside the realtime provider. */
export function OfflineCopySync({ enabled }: { enabled: boolean }): null {
  useOfflineCopySync(enabled);
  return null;
}
