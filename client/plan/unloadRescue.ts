/**
 * The edits a plan's tab holds that the server has not confirmed, written to localStorage as the tab goes. The
 * offline copy (y-indexeddb) writes each change in an IndexedDB transaction of its own, and a tab that goes (a
 * reload, a close, a navigation) aborts the ones still queued: the last keystrokes typed offline were lost when the
 * browser was slow to write them. localStorage writes are synchronous, so they finish before the page goes. The edits
 * are merged back into the offline copy when the plan opens again here, or when its copy is pushed (offlineCopyPush).
 */
import { useEffect, useRef } from 'react';
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { rescueKey } from './localCache.js';

/** localStorage holds ~5 M characters per origin; a larger rescue is skipped (the offline copy holds most edits). */
const MAX_RESCUE_CHARS = 1_500_000;

/** The origin of a rescue's edits when applied: not the offline copy's, so y-indexeddb stores them. */
const RESCUE_ORIGIN = 'unloadRescue';

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The rescued edits of `documentId` in this browser, or null (none, or unreadable: then they are dropped). */
function readRescue(documentId: string): Uint8Array | null {
  try {
    const text = localStorage.getItem(rescueKey(documentId));
    return text === null ? null : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch (err) {
    console.warn('Unreadable edits saved as a tab went; they are dropped', err);
    dropRescue(documentId);
    return null;
  }
}

/** Docs whose unconfirmed edits the server refused for good: saving them would only send them to be refused again. */
const refused = new WeakSet<Y.Doc>();

/** Never saves `ydoc`'s edits as its tab goes, and forgets those saved earlier (the plan was full, or an edit malformed). */
export function abandonRescue(documentId: string, ydoc: Y.Doc): void {
  refused.add(ydoc);
  dropRescue(documentId);
}

/**
 * Writes the edits of `ydoc` that `stored` (the server's saved state vector) lacks, merged with any earlier rescue of
 * the plan (another tab's, not yet merged back).
 */
function writeRescue(documentId: string, ydoc: Y.Doc, stored: ReadonlyMap<number, number>): void {
  if (refused.has(ydoc)) return;
  try {
    let update = Y.encodeStateAsUpdate(ydoc, Y.encodeStateVector(new Map(stored)));
    const earlier = readRescue(documentId);
    if (earlier) update = mergeOrLatest(earlier, update);
    const text = toBase64(update);
    if (text.length > MAX_RESCUE_CHARS) {
      console.warn(`Edits of ${text.length} characters not saved as the tab went: the offline copy is relied on`);
      return;
    }
    localStorage.setItem(rescueKey(documentId), text);
  } catch (err) {
    // Full or blocked storage: the offline copy is all there is, as before.
    console.warn('Could not save the plan\'s unconfirmed edits as the tab went', err);
  }
}

/** `earlier` and `latest` as one update; `latest` alone when `earlier` is not a Yjs update (it is then dropped). */
function mergeOrLatest(earlier: Uint8Array, latest: Uint8Array): Uint8Array {
  try {
    return Y.mergeUpdates([earlier, latest]);
  } catch (err) {
    console.warn('Unreadable edits saved as a tab went; they are replaced', err);
    return latest;
  }
}

/** Forgets `documentId`'s rescued edits. */
function dropRescue(documentId: string): void {
  try {
    localStorage.removeItem(rescueKey(documentId));
  } catch (err) {
    console.warn('Could not forget edits saved as a tab went', err);
  }
}

/** Resolves once every write the offline copy queued so far is committed (IndexedDB runs them in order). */
function copyWritesDone(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db) return Promise.reject(new Error('The offline copy is not open'));
  return new Promise((resolve, reject) => {
    // A read starts only after the read-write transactions queued before it on the same store have finished.
    const tx = db.transaction('updates', 'readonly');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('offline copy read failed'));
    tx.onabort = () => reject(tx.error ?? new Error('offline copy read aborted'));
  });
}

/**
 * Merges `documentId`'s rescued edits into `ydoc` once its offline copy has loaded, so the copy stores them, and
 * forgets them once it has. A tab that goes before that leaves them to be merged again next time (merging is
 * idempotent).
 */
export async function mergeRescue(documentId: string, ydoc: Y.Doc, persistence: IndexeddbPersistence): Promise<void> {
  const update = readRescue(documentId);
  if (!update) return;
  try {
    Y.applyUpdate(ydoc, update, RESCUE_ORIGIN);
  } catch (err) {
    console.warn('Edits saved as a tab went could not be merged; they are dropped', err);
    dropRescue(documentId);
    return;
  }
  await copyWritesDone(persistence);
  dropRescue(documentId);
}

/**
 * While mounted, writes the plan's unconfirmed edits to localStorage when the tab goes or is hidden (a hidden tab
 * may be discarded without `pagehide`). `unstored` returns the server's saved state vector when this tab holds edits
 * it lacks, null otherwise.
 */
export function useUnloadRescue(documentId: string, ydoc: Y.Doc, unstored: () => ReadonlyMap<number, number> | null): void {
  const read = useRef(unstored);
  read.current = unstored;
  useEffect(() => {
    const onLeave = () => {
      const stored = read.current();
      if (stored) writeRescue(documentId, ydoc, stored);
    };
    // `pagehide` fires before the page turns hidden, so a tab that goes writes twice: merging makes that harmless.
    const onHidden = () => {
      if (document.visibilityState === 'hidden') onLeave();
    };
    window.addEventListener('pagehide', onLeave);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [documentId, ydoc]);
}
