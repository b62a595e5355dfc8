/**
 * When a plan's update log is folded into its snapshot: soon after it grows long, at most every
 * `compactMinIntervalMs`, one fold per plan at a time, and at a clean shutdown within a deadline. A fold that fails
 * leaves the log intact (the log is what is durable, not the fold).
 */
import type { Database } from '../../db/client.js';
import type { Limits } from '../../shared/constants.js';
import { compactDocument } from './documentStore.js';
import type { LiveDocument } from './liveDocument.js';
import type { FoldInput, FoldOutput } from './stateFold.js';

/** How fast a fold goes, measured on a small machine (a 75 MB plan took 9 s): plans it cannot fold in time are skipped. */
const SHUTDOWN_FOLD_BYTES_PER_MS = 8_000;

export interface CompactionOptions {
  db: Database;
  limits: Pick<Limits, 'compactMinIntervalMs'>;
  /** Where folds run (the server: a worker thread for large plans); default this thread. */
  fold?: (input: FoldInput) => Promise<FoldOutput>;
  log?: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
  /** Whether this live copy is still the one loaded for its plan (a delayed fold skips one unloaded meanwhile). */
  isCurrent(live: LiveDocument): boolean;
}

export class CompactionScheduler {
  /** The fold running for each plan (at most one): a shutdown waits for it, then folds what it had not read. */
  private running = new Map<string, Promise<void>>();

  constructor(private readonly opts: CompactionOptions) {}

  /**
   * Folds the plan's log soon: at once the first time and when it is being unloaded, otherwise at most every
   * `compactMinIntervalMs`. A plan typed into flat out reached 500 entries eight times a second, and folding it that
   * often (a whole decode and encode each time) was a tenth of the node's CPU.
   */
  soon(live: LiveDocument, unloading = false): void {
    if (this.running.has(live.id)) return;
    const wait = unloading ? 0 : live.compactedAt + this.opts.limits.compactMinIntervalMs - Date.now();
    if (wait <= 0) {
      clearTimeout(live.compactTimer);
      live.compactTimer = undefined;
      void this.start(live, false);
    } else if (!live.compactTimer) {
      live.compactTimer = setTimeout(() => {
        live.compactTimer = undefined;
        if (this.opts.isCurrent(live)) this.soon(live);
      }, wait);
      live.compactTimer.unref();
    }
  }

  /** Folds every plan of `plans` whose log has entries, as far as `deadline` (a time in ms) allows. */
  async atShutdown(plans: Iterable<LiveDocument>, deadline: number): Promise<void> {
    for (const live of plans) {
      // A background fold still running read the log before its last entries came (and a restart that finds
      // entries left decodes the whole plan): wait for it, then fold what it left.
      const running = this.running.get(live.id);
      if (running && !(await settlesBefore(running, deadline))) return;
      if (live.logLength === 0) continue;
      // A fold decodes about 8 MB a second (in this thread, or a worker for large plans) and cannot stop midway:
      // one that cannot finish in time is left for a later fold.
      if (live.storedBytes / SHUTDOWN_FOLD_BYTES_PER_MS > deadline - Date.now()) continue;
      // A connection that hangs (a network fault) must not hold the shutdown: stop waiting at the deadline, the
      // transaction is rolled back when the database closes.
      if (!(await settlesBefore(this.start(live, true), deadline))) return;
    }
  }

  /** Folds the plan's log into its snapshot (after this I/O phase, unless shutting down); never rejects. */
  private start(live: LiveDocument, atShutdown: boolean): Promise<void> {
    live.compactedAt = Date.now();
    const folding = (atShutdown ? Promise.resolve() : new Promise<void>((r) => setImmediate(r)))
      .then(() =>
        compactDocument(this.opts.db, live.id, this.opts.fold, ({ read, written }) => {
          // Else it only grew, and a plan loaded for long looked too big to fold in a shutdown's time.
          live.storedBytes = Math.max(0, live.storedBytes - read + written);
        }),
      )
      .then((folded) => {
        live.logLength = Math.max(0, live.logLength - folded);
      })
      .catch((err: unknown) => {
        if (atShutdown) this.opts.log?.warn({ err, documentId: live.id }, 'compaction at shutdown failed; the log is intact');
        else this.opts.log?.error({ err, documentId: live.id }, 'compaction failed; the log is intact');
      })
      .finally(() => this.running.delete(live.id));
    this.running.set(live.id, folding);
    return folding;
  }
}

/** Whether `work` (a promise that never rejects) settles before `deadline`, a time in ms. */
async function settlesBefore(work: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Math.max(0, deadline - Date.now()))));
  const settled = await Promise.race([work.then(() => true), late]);
  clearTimeout(timer);
  return settled;
}
