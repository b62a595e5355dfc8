/**
 * Which plans this browser keeps offline copies of, so signing out can erase them, and which of those may hold edits
 * the server lacks, so they can be sent once it is back without the plan being opened (see offlineCopySync).
 */
import { forgetSinceVisit } from '../components/comments/keptSinceVisit.js';

const KEY = 'enlace.cachedPlans';
/** Plans whose page closed, or whose tab went, while their edits were unconfirmed. */
const PENDING_KEY = 'enlace.plansWithOfflineEdits';
/** Whose copies they are: a session that ended elsewhere keeps them for the same person only. */
const OWNER_KEY = 'enlace.cachedPlansOwner';
/** Edits a tab wrote to localStorage as it went, per plan (see unloadRescue). */
const RESCUE_PREFIX = 'enlace.unloadRescue:';

/** The localStorage key of the edits a plan's tab saved as it went (see unloadRescue). */
export function rescueKey(documentId: string): string {
  return `${RESCUE_PREFIX}${documentId}`;
}

/** The IndexedDB name of a plan's offline copy. */
export function cacheName(documentId: string): string {
  return `enlace:plan:${documentId}`;
}

function read(key = KEY): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    // Unreadable or blocked storage: nothing is known to be cached.
    return [];
  }
}

/** The plans with an offline copy in this browser (document ids). */
export function cachedPlanIds(): string[] {
  return read();
}

/** Remembers that a plan has an offline copy here. */
export function rememberCachedPlan(documentId: string): void {
  const names = read();
  if (names.includes(documentId)) return;
  try {
    localStorage.setItem(KEY, JSON.stringify([...names, documentId]));
  } catch {
    // Without storage the copy cannot be listed; it is still keyed by document and user-scoped by the server.
  }
}

/** The plans whose offline copy may hold edits the server lacks (document ids). */
export function pendingOfflinePlanIds(): string[] {
  return read(PENDING_KEY);
}

/** Records whether `documentId`'s offline copy may hold edits the server lacks; writes only on a change. */
export function notePendingOfflineEdits(documentId: string, pending: boolean): void {
  const ids = read(PENDING_KEY);
  if (ids.includes(documentId) === pending) return;
  try {
    localStorage.setItem(PENDING_KEY, JSON.stringify(pending ? [...ids, documentId] : ids.filter((id) => id !== documentId)));
  } catch (err) {
    // Without storage the plan is pushed only when opened again, as before; signing out still reads every copy.
    console.warn('Could not record a plan with offline edits', err);
  }
}

/** Deletes one plan's offline copy here: its database, its edits saved as a tab went, its place in the lists, its kept summary. */
export async function forgetCachedPlan(documentId: string): Promise<void> {
  forgetSinceVisit(documentId);
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(cacheName(documentId));
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve(); // deleted once the last open tab lets go
  });
  try {
    localStorage.setItem(KEY, JSON.stringify(read().filter((id) => id !== documentId)));
    localStorage.setItem(PENDING_KEY, JSON.stringify(read(PENDING_KEY).filter((id) => id !== documentId)));
    localStorage.removeItem(rescueKey(documentId));
  } catch (err) {
    console.warn('Could not forget an offline plan copy in the list', err);
  }
}

/** Deletes every offline copy of a plan in this browser (on sign-out: shared computers). */
export async function clearCachedPlans(): Promise<void> {
  forgetSinceVisit();
  const names = read();
  // Same as y-indexeddb's clearDocument, without loading the editor bundle just to sign out.
  await Promise.allSettled(
    names.map(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.deleteDatabase(cacheName(id));
          req.onsuccess = () => resolve();
          req.onerror = () => reject(req.error);
          req.onblocked = () => resolve(); // deleted once the last open tab lets go
        }),
    ),
  );
  try {
    localStorage.removeItem(KEY);
    localStorage.removeItem(PENDING_KEY);
    localStorage.removeItem(OWNER_KEY);
    const rescues: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(RESCUE_PREFIX)) rescues.push(key);
    }
    for (const key of rescues) localStorage.removeItem(key);
  } catch (err) {
    // Nothing more to do if storage is blocked.
    console.warn('Could not forget the list of offline plan copies', err);
  }
}

/**
 * Makes the offline copies `userId`'s before their plans open: copies kept when someone else's session ended elsewhere
 * (see SessionContext) are deleted, so they are never shown to, nor synced as, another person. Copies from before the
 * owner was recorded go to whoever signs in next, as they always did.
 */
export async function claimCachedPlans(userId: string): Promise<void> {
  let owner: string | null = null;
  try {
    owner = localStorage.getItem(OWNER_KEY);
  } catch (err) {
    console.warn('Could not read whose offline plan copies these are', err);
  }
  if (owner !== null && owner !== userId) await clearCachedPlans();
  try {
    localStorage.setItem(OWNER_KEY, userId);
  } catch (err) {
    // Without storage the list is unreadable too, so no copy is listed to keep or clear.
    console.warn('Could not record whose offline plan copies these are', err);
  }
}
