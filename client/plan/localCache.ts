/** Which plans this browser keeps offline copies of, so signing out can erase them. */

const KEY = 'enlace.cachedPlans';

/** The IndexedDB name of a plan's offline copy. */
export function cacheName(documentId: string): string {
  return `enlace:plan:${documentId}`;
}

function read(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    // Unreadable or blocked storage: nothing is known to be cached.
    return [];
  }
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

/** Deletes every offline copy of a plan in this browser (on sign-out: shared computers). */
export async function clearCachedPlans(): Promise<void> {
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
  } catch {
    // Nothing more to do if storage is blocked.
  }
}
