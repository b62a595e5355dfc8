/**
 * Edits made on a base older than a restore. A client cut off while someone restores a version keeps editing its
 * copy of the plan as it was; when it comes back, whatever it typed into blocks the restore removed lands inside
 * deleted content and is hidden, as any edit into a block deleted concurrently. The backup the restore saved
 * («Antes de restaurar …», what there was before) is where that work belongs: it is added there, however late the
 * client returns and whichever node it returns to. (Edits still in flight as the restore lands are lateEdits'.)
 *
 * How a restore is recognized: its change carries a marker, one entry in the plan's `restoreMarks` map keyed by the
 * backup's id, so every restore carries a Yjs struct even when it only deletes; and the backup's row records the
 * restore's clocks (`versions.restore_mark`). A client whose state vector does not reach those clocks had not
 * received the restore. Checked only when a returning client resends content and the plan holds a marker it lacks:
 * on the normal path this costs one map lookup.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../db/client.js';
import { versions } from '../../db/schema.js';
import type { LiveDocument } from '../sync/liveDocument.js';
import { foldIntoBackup, hiddenInPlan, LATE_EDIT_WINDOW_MS } from './lateEdits.js';

/** The plan's root map of restore markers: backup version id → when the restore landed (ms). */
export const RESTORE_MARKS_FIELD = 'restoreMarks';

/** A restore's clocks: client id → the clock it reaches in the restore's change. */
export type RestoreMark = Record<string, number>;

/** The restore's change with its marker, as one update, and the mark to record on its backup. */
export function withRestoreMarker(change: Uint8Array, backupId: string): { update: Uint8Array; mark: RestoreMark } {
  const marker = new Y.Doc();
  let markerUpdate: Uint8Array;
  try {
    marker.getMap(RESTORE_MARKS_FIELD).set(backupId, Date.now());
    markerUpdate = Y.encodeStateAsUpdate(marker);
  } finally {
    marker.destroy();
  }
  const update = Y.mergeUpdates([change, markerUpdate]);
  const { from, to } = Y.parseUpdateMeta(update);
  const mark: RestoreMark = {};
  for (const [client, clock] of to) if (clock > (from.get(client) ?? 0)) mark[String(client)] = clock;
  return { update, mark };
}

/** Whether a state vector holds all of a restore's change. */
export function covers(vector: Map<number, number>, mark: RestoreMark): boolean {
  for (const [client, clock] of Object.entries(mark)) if ((vector.get(Number(client)) ?? 0) < clock) return false;
  return true;
}

/**
 * The backups whose restore marker is in the plan but not in `vector`: the restores that client had not received.
 * Every marker a key ever held is looked at (a later write to the key keeps the earlier one as its left neighbour).
 */
export function restoresNotSeen(doc: Y.Doc, vector: Map<number, number>): string[] {
  const marks = doc.share.get(RESTORE_MARKS_FIELD);
  if (!marks) return [];
  const unseen: string[] = [];
  for (const [backupId, last] of marks._map) {
    for (let item: Y.Item | null = last; item; item = item.left as Y.Item | null) {
      if ((vector.get(item.id.client) ?? 0) <= item.id.clock) {
        unseen.push(backupId);
        break;
      }
    }
  }
  return unseen;
}

export interface StaleBaseEditsOptions {
  db: Database;
  log: { error(obj: unknown, msg?: string): void };
  /** How long after its resync a returning client's updates still count as made on the old base. */
  windowMs?: number;
  /** How long to wait for a restore just landed to record its mark on its backup (the restore route writes it once stored). */
  markWaitMs?: number;
}

/** How often a fold waits for a restore's mark that is not recorded yet. */
const MARK_POLL_MS = 250;

/** Sends what clients made on a base older than a restore to that restore's backup (wired into the hub's `onResent`). */
export class StaleBaseEdits {
  private readonly windowMs: number;
  private readonly markWaitMs: number;
  /** Folds under way (tests and shutdown wait for them). */
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly opts: StaleBaseEditsOptions) {
    this.windowMs = opts.windowMs ?? LATE_EDIT_WINDOW_MS;
    this.markWaitMs = opts.markWaitMs ?? 20_000;
  }

  /** A returning client resent `resent`, made on the base `vector`; a no-op unless the plan has a restore it lacks. */
  resent(live: LiveDocument, origin: unknown, vector: Map<number, number>, resent: Uint8Array): void {
    const unseen = restoresNotSeen(live.doc, vector);
    if (!unseen.length) return;
    // Updates it sends before it has taken in the restore (sent as the restore reached it) are on the old base too.
    const later: Uint8Array[] = [];
    // Only what the plan hides: an update it shows was made once the client had the restore (see hiddenInPlan).
    const stop = live.watchIncoming((update, from) => {
      if (from === origin && hiddenInPlan(live.doc, update)) later.push(update);
    });
    const windowOver = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        live.doc.off('destroy', done);
        stop();
        resolve();
      };
      const timer = setTimeout(done, this.windowMs);
      timer.unref();
      live.doc.on('destroy', done);
    });
    const run = this.fold(live.id, unseen, vector, resent, windowOver, later)
      .catch((err: unknown) => this.opts.log.error({ err, documentId: live.id }, 'edits made before a restore was seen were not added to its backup'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves once every fold under way is done. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private async fold(documentId: string, unseen: string[], vector: Map<number, number>, resent: Uint8Array, windowOver: Promise<void>, later: Uint8Array[]): Promise<void> {
    const backupId = await this.earliestBackup(documentId, unseen, vector);
    if (!backupId) return;
    await foldIntoBackup(this.opts.db, backupId, [resent]);
    await windowOver;
    await foldIntoBackup(this.opts.db, backupId, later);
  }

  /**
   * The backup of the earliest restore the client had not received, by the marks its rows record. A restore whose
   * marker is in the plan but whose mark is not recorded yet (it landed a moment ago) is waited for: its backup's
   * state is final only once the mark is written with it.
   */
  private async earliestBackup(documentId: string, unseen: string[], vector: Map<number, number>): Promise<string | undefined> {
    const deadline = Date.now() + this.markWaitMs;
    for (;;) {
      const rows = await this.opts.db
        .select({ id: versions.id, mark: versions.restoreMark, createdAt: versions.createdAt })
        .from(versions)
        .where(and(eq(versions.documentId, documentId), inArray(versions.id, unseen), isNotNull(versions.restoreMark)));
      const pending = rows.length < unseen.length && Date.now() < deadline;
      if (!pending) {
        const notCovered = rows.filter((r) => r.mark && !covers(vector, r.mark)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
        return notCovered[0]?.id;
      }
      await new Promise((r) => setTimeout(r, MARK_POLL_MS).unref());
    }
  }
}
