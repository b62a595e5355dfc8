/**
 * Keystrokes in flight when a restore lands. A client that has not yet received the restore keeps typing into its
 * copy of a block the restore replaced; those edits reach the server a round trip later, land inside the deleted
 * block and are hidden from the plan, as any edit into a block deleted concurrently. They are stored, but neither
 * the plan nor the backup (taken the instant the restore landed) would show them. So the backup watches the plan for
 * a short while after the restore and takes in every edit that applies to the content before the restore.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../db/client.js';
import { versions } from '../../db/schema.js';
import type { LiveDocument } from '../sync/liveDocument.js';
import { applyVersionState, encodeVersionState } from './versionState.js';

/** How long after a restore lands edits still count as typed before it was seen: well over a round trip. */
export const LATE_EDIT_WINDOW_MS = 3000;

/**
 * Whether everything `update` did is hidden in the live plan (`doc`, which has just integrated it): what it inserted
 * landed in deleted content, and what it deleted sat inside content deleted before. Only such edits belong in a
 * restore's backup. An edit that shows in the plan was made by someone who had the restore already: replayed on the
 * backup's older content it landed among other words (a link across words of both, a phrase typed once shown twice).
 */
export function hiddenInPlan(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const here = storedStruct(doc, struct.id);
    if (here instanceof Y.Item && !here.deleted) return false;
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      const here = storedStruct(doc, Y.createID(client, range.clock));
      if (here instanceof Y.Item && !insideDeleted(here)) return false;
    }
  }
  return true;
}

/** The struct of `doc` holding `id`, or undefined when the doc has not integrated it. */
function storedStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined {
  if (!doc.store.clients.has(id.client) || id.clock >= Y.getState(doc.store, id.client)) return undefined;
  return Y.getItem(doc.store, id) as Y.Item | Y.GC;
}

/** Whether one of an item's ancestors is deleted. */
function insideDeleted(item: Y.Item): boolean {
  for (let parent = (item.parent as Y.AbstractType<unknown> | null)?._item ?? null; parent; parent = (parent.parent as Y.AbstractType<unknown> | null)?._item ?? null) {
    if (parent.deleted) return true;
  }
  return false;
}

/**
 * The updates people and other nodes send a live plan during `ms` (or until it is unloaded or the server stops), as
 * received, that the plan hides (hiddenInPlan): integrating them collects what lands in deleted content, so the
 * plan's own update events lack it.
 */
export function editsDuring(live: LiveDocument, ms: number): Promise<Uint8Array[]> {
  return new Promise((resolve) => {
    const updates: Uint8Array[] = [];
    const doc = live.doc;
    // Handed over once integrated: what the plan shows of each is known.
    const stop = live.watchIncoming((update) => {
      if (hiddenInPlan(doc, update)) updates.push(update);
    });
    const finish = () => {
      clearTimeout(timer);
      stop();
      doc.off('destroy', finish);
      resolve(updates);
    };
    const timer = setTimeout(finish, ms);
    timer.unref();
    doc.on('destroy', finish);
  });
}

/**
 * A stored version state with `updates` applied, in the stored encoding; null when none changes it. Parts of an
 * update that build on content the version lacks (typed into what the restore inserted) cannot apply there and
 * are left out: they are in the plan.
 */
export async function withEdits(stored: Uint8Array, updates: Uint8Array[]): Promise<Uint8Array | null> {
  if (!updates.length) return null;
  const doc = new Y.Doc();
  try {
    applyVersionState(doc, stored);
    const before = Y.snapshot(doc);
    for (const update of updates) Y.applyUpdate(doc, update);
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    if (Y.equalSnapshots(before, Y.snapshot(doc))) return null;
    return await encodeVersionState(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Adds `updates` to a backup version's stored state: read and written in one transaction, so edits added from
 * several places (this window, a client returning with edits made before it saw the restore) all stay in.
 */
export async function foldIntoBackup(db: Database, backupId: string, updates: Uint8Array[]): Promise<boolean> {
  if (!updates.length) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ state: versions.state }).from(versions).where(eq(versions.id, backupId)).for('update');
    if (!row) return false;
    const state = await withEdits(row.state, updates);
    if (state) await tx.update(versions).set({ state }).where(eq(versions.id, backupId));
    return state !== null;
  });
}

/** Adds to a restore's backup, once the window has passed, the edits typed before the restore was seen; failures are logged. */
export function addLateEditsToBackup(
  db: Database,
  backupId: string,
  late: Promise<Uint8Array[]>,
  log: { error(obj: unknown, msg?: string): void },
): Promise<void> {
  return late
    .then((updates) => foldIntoBackup(db, backupId, updates))
    .then(() => undefined)
    .catch((err: unknown) => log.error({ err, backupId }, 'edits typed as a restore landed were not added to its backup'));
}
