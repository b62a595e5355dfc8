/**
 * Sends one plan's offline copy to the server without opening the plan: the copy is loaded into a doc of its own,
 * synced over the plan's Yjs socket (with no presence of its own, so nobody sees a caret) and let go once the server
 * says it has stored everything the copy held. Loaded on demand by offlineCopySync, with Yjs.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ApiError } from '../api/http.js';
import { getDocument } from '../api/workspaces.js';
import { holdsUnstored } from './cachedState.js';
import { cacheName, notePendingOfflineEdits } from './localCache.js';
import { isPlanFull, wsOrigin } from './usePlanSession.js';
import { decodeStoredVector } from './useSaveState.js';
import { mergeRescue } from './unloadRescue.js';

/**
 * What became of a copy: `stored` (the server has it now), `nothing` (it held nothing the server lacks), `gone` (the
 * plan is gone or no longer the person's, or the server refused the copy for good) or `later` (not now: try again).
 */
export type PushResult = { kind: 'stored'; title: string; workspaceId: string } | { kind: 'nothing' | 'gone' | 'later' };

/** How long a push waits for the socket to sync, and then for the server to report the copy stored. */
const SYNC_WAIT_MS = 15_000;
const STORE_WAIT_MS = 20_000;
const STORE_POLL_MS = 750;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's plan and what it says it stored; `gone` when it is no longer the caller's. */
async function storedState(documentId: string): Promise<{ title: string; workspaceId: string; stored: Map<number, number> } | 'gone' | 'unreachable'> {
  try {
    const doc = await getDocument(documentId);
    const sv = (doc as { savedStateVector?: unknown }).savedStateVector;
    return { title: doc.title, workspaceId: doc.workspaceId, stored: typeof sv === 'string' ? decodeStoredVector(sv) : new Map() };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return 'gone';
    console.warn('Could not ask the server about a plan with offline edits', err);
    return 'unreachable';
  }
}

/** Connects `doc` to its plan until synced: `refused` when the server closes for good, `failed` on any other close or a timeout. */
function syncOnce(provider: WebsocketProvider): Promise<'synced' | 'refused' | 'failed'> {
  return new Promise((resolve) => {
    const done = (result: 'synced' | 'refused' | 'failed') => {
      clearTimeout(timer);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      resolve(result);
    };
    const timer = setTimeout(() => done('failed'), SYNC_WAIT_MS);
    const onSync = (synced: boolean) => {
      if (synced) done('synced');
    };
    // `null`: the provider's own watchdog closed it, and it reconnects by itself.
    const onClose = (e: { code: number; reason: string } | null) => {
      if (e) done((e.code >= 4400 && e.code < 4500) || isPlanFull(e) ? 'refused' : 'failed');
    };
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.connect();
  });
}

/** Pushes `documentId`'s offline copy if it holds edits the server lacks, and waits until they are stored. */
export async function pushOfflineCopy(documentId: string): Promise<PushResult> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(cacheName(documentId), doc);
  let provider: WebsocketProvider | null = null;
  try {
    await persistence.whenSynced;
    await mergeRescue(documentId, doc, persistence);
    const held = Y.decodeStateVector(Y.encodeStateVector(doc));
    if (held.size === 0) return { kind: 'nothing' };
    const before = await storedState(documentId);
    if (before === 'gone') return { kind: 'gone' };
    if (before === 'unreachable') return { kind: 'later' };
    if (!holdsUnstored(held, before.stored)) return { kind: 'nothing' };

    const awareness = new Awareness(doc);
    awareness.setLocalState(null);
    provider = new WebsocketProvider(`${wsOrigin()}/yjs`, documentId, doc, { connect: false, awareness, shouldReconnect: () => false });
    const synced = await syncOnce(provider);
    if (synced === 'refused') {
      // As the open plan does: a copy the server refuses as a whole would be refused again at every try.
      await persistence.clearData();
      return { kind: 'gone' };
    }
    if (synced === 'failed') return { kind: 'later' };
    for (const until = Date.now() + STORE_WAIT_MS; Date.now() < until; ) {
      await sleep(STORE_POLL_MS);
      const now = await storedState(documentId);
      if (now === 'gone') return { kind: 'gone' };
      if (now !== 'unreachable' && !holdsUnstored(held, now.stored)) return { kind: 'stored', title: now.title, workspaceId: now.workspaceId };
    }
    return { kind: 'later' };
  } finally {
    provider?.destroy();
    await persistence.destroy();
    doc.destroy();
  }
}

/** Pushes each plan in turn (skipping those `isOpen` here, which sync themselves) and records what is settled. */
export async function pushOfflineCopies(documentIds: readonly string[], isOpen: (documentId: string) => boolean): Promise<{ stored: { documentId: string; title: string; workspaceId: string }[]; later: string[] }> {
  const stored: { documentId: string; title: string; workspaceId: string }[] = [];
  const later: string[] = [];
  for (const documentId of documentIds) {
    if (isOpen(documentId)) continue;
    const result = await pushOfflineCopy(documentId);
    if (result.kind === 'later') {
      later.push(documentId);
      continue;
    }
    notePendingOfflineEdits(documentId, false);
    if (result.kind === 'stored') stored.push({ documentId, title: result.title, workspaceId: result.workspaceId });
  }
  return { stored, later };
}
