/**
 * Offline copies of plans that are not open anywhere in this browser but hold edits the server lacks: typed while the
 * server was down, after which the person left the plan. Only an open plan syncs, and signing out deletes every copy,
 * so those edits went without a word. Signing out now reads each such copy and asks first.
 */
import { ApiError } from '../api/http.js';
import { getDocument } from '../api/workspaces.js';
import { holdsUnstored } from './cachedState.js';
import { cachedPlanIds, cacheName } from './localCache.js';

/** A plan whose offline copy holds edits the server has not stored, or whose server could not be asked. */
export interface PlanWithOfflineEdits {
  documentId: string;
  /** Its title and group, when the server answered. */
  title?: string;
  workspaceId?: string;
}

/** At most this many copies are read at a sign-out: each costs an IndexedDB read and a request. */
const MAX_CHECKED = 30;

/** Yjs and its IndexedDB store, loaded only when a sign-out has copies to read (not with the header). */
const yjsParts = () => Promise.all([import('yjs'), import('y-indexeddb'), import('./unloadRescue.js')]);

/** A base64 state vector, as the server gives it. */
async function decodeBase64Vector(base64: string): Promise<Map<number, number>> {
  const [Y] = await yjsParts();
  return Y.decodeStateVector(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

/** The state vector of a plan's offline copy, with the edits a tab saved as it went, read without opening the plan (empty when there is none). */
async function copyStateVector(documentId: string): Promise<Map<number, number>> {
  const [Y, { IndexeddbPersistence }, { mergeRescue }] = await yjsParts();
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(cacheName(documentId), doc);
  try {
    await persistence.whenSynced;
    await mergeRescue(documentId, doc, persistence);
    return Y.decodeStateVector(Y.encodeStateVector(doc));
  } finally {
    await persistence.destroy();
    doc.destroy();
  }
}

/** The plans with an offline copy here, but for `skip` (the open ones, which speak for themselves), whose copy holds edits the server has not stored. */
export async function closedPlansWithOfflineEdits(skip: ReadonlySet<string>): Promise<PlanWithOfflineEdits[]> {
  const ids = cachedPlanIds()
    .filter((id) => !skip.has(id))
    .slice(0, MAX_CHECKED);
  const results = await Promise.all(
    ids.map(async (documentId): Promise<PlanWithOfflineEdits | null> => {
      const held = await copyStateVector(documentId).catch((err: unknown) => {
        console.warn('An offline plan copy could not be read', err);
        return new Map<number, number>();
      });
      if (held.size === 0) return null;
      try {
        const doc = (await getDocument(documentId)) as Awaited<ReturnType<typeof getDocument>> & { savedStateVector?: unknown };
        const stored = typeof doc.savedStateVector === 'string' ? await decodeBase64Vector(doc.savedStateVector) : new Map<number, number>();
        return holdsUnstored(held, stored) ? { documentId, title: doc.title, workspaceId: doc.workspaceId } : null;
      } catch (err) {
        // Gone, or no longer ours: the server would not take those edits anyway.
        if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
        // Unreachable: whether the copy is stored cannot be told, so it is listed.
        return { documentId };
      }
    }),
  );
  return results.filter((r): r is PlanWithOfflineEdits => r !== null);
}
