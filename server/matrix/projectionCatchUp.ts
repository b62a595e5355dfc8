/**
 * Passes a node owed when it stopped without running them. A plan is projected about 0.6 s after a save, by the node
 * that saved it, and nothing durable says a pass is owed: a node killed in between left the matrix, the overlaps and
 * search without that edit until the plan's next edit, on every node. So each node projects again the plans edited
 * lately, a while after it starts (a restart after a crash) and when another node disappears (its passes were
 * seconds behind at most). A pass that finds the stored rows current writes nothing.
 */
import { gt } from 'drizzle-orm';
import { documentSnapshots, documentUpdates } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { ClusterBus } from '../sync/clusterBus.js';

/** How far back a sweep looks: at start (the node may have been down a while), and after another node went. */
export const WINDOW_AT_START_MS = 10 * 60_000;
export const WINDOW_AFTER_PEER_MS = 2 * 60_000;

/** The plans with an update stored after `since`, in the log or already folded into their snapshot. */
export async function plansEditedSince(db: Executor, since: Date): Promise<string[]> {
  const logged = await db.selectDistinct({ id: documentUpdates.documentId }).from(documentUpdates).where(gt(documentUpdates.createdAt, since));
  const folded = await db.select({ id: documentSnapshots.documentId }).from(documentSnapshots).where(gt(documentSnapshots.updatedAt, since));
  return [...new Set([...logged, ...folded].map((r) => r.id))];
}

/** What a sweep needs of the projection: one pass at a time, and whether it still takes work. */
export interface PassRunner {
  passNow(documentId: string): Promise<void>;
  readonly isStopped: boolean;
}

/** Sweeps of recently edited plans, one plan at a time; a sweep asked for while one runs follows it. */
export class ProjectionCatchUp {
  private running: Promise<void> | null = null;
  private nextWindowMs = 0;

  constructor(
    private readonly db: Executor,
    private readonly projection: PassRunner,
    private readonly log?: { error(obj: unknown, msg?: string): void },
  ) {}

  /**
   * Sweeps once after `afterStartMs`, and again whenever a node that was alive is gone: then only on the remaining
   * node with the lowest id, so the nodes left do not all make the same passes.
   */
  watch(bus: ClusterBus, afterStartMs: number): void {
    setTimeout(() => this.sweep(WINDOW_AT_START_MS), afterStartMs).unref();
    let alive: ReadonlySet<string> | undefined;
    bus.onNodesAlive((nodes) => {
      const someoneWent = alive !== undefined && [...alive].some((node) => !nodes.has(node));
      alive = new Set(nodes);
      if (someoneWent && [...nodes].sort()[0] === bus.nodeId) this.sweep(WINDOW_AFTER_PEER_MS);
    });
  }

  /** Projects again every plan edited in the last `windowMs`, in the background; resolves when this sweep is done. */
  sweep(windowMs: number): Promise<void> {
    this.nextWindowMs = Math.max(this.nextWindowMs, windowMs);
    this.running ??= this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.nextWindowMs > 0 && !this.projection.isStopped) {
      const since = new Date(Date.now() - this.nextWindowMs);
      this.nextWindowMs = 0;
      try {
        for (const documentId of await plansEditedSince(this.db, since)) {
          if (this.projection.isStopped) return;
          await this.projection.passNow(documentId);
        }
      } catch (err) {
        this.log?.error({ err }, 'projection catch-up failed; the next edit of each plan projects it');
      }
    }
  }
}
