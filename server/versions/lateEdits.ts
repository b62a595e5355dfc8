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
 * The updates people and other nodes send a live plan during `ms` (or until it is unloaded or the server stops), as
 * received: integrating them collects what lands in deleted content, so the plan's own update events lack it.
 */
export function editsDuring(live: LiveDocument, ms: number): Promise<Uint8Array[]> {
  return new Promise((resolve) => {
    const updates: Uint8Array[] = [];
    const doc = live.doc;
    const stop = live.watchIncoming((update) => updates.push(update));
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
