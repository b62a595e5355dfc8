/**
 * One restore of a plan at a time, on every node. A restore computes its change from the plan as its backup saved
 * it; two at once would both start from the same state and each insert the version's content, so the plan would hold
 * it twice (a double click, or two people restoring in the same second). The second one waits for the first, then
 * runs on what the first left; a restore still running after the wait is answered with 409.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { planRestoreLeases } from '../../db/schema.js';
import { conflict } from '../http/errors.js';

/**
 * How long a lease lasts unless renewed: its holder renews it every RESTORE_LEASE_RENEW_MS while the restore runs
 * (a big plan's restore can take many seconds), so a node killed mid-restore frees the plan within this time. A fixed
 * two minutes held every later restore of the plan up that long.
 */
export const RESTORE_LEASE_MS = 15_000;
export const RESTORE_LEASE_RENEW_MS = 5_000;
/** How long a restore waits for another restore of the same plan to finish before it is refused. */
export const RESTORE_LEASE_WAIT_MS = 20_000;
const RETRY_MS = 100;

/** Releases a lease; `abandon` stops renewing it without releasing, as a killed node does (tests). */
export type RestoreLeaseRelease = (() => Promise<void>) & { abandon(): void };

/** Takes the plan's restore lease, waiting for a running restore to end; resolves to its release. */
export async function acquireRestoreLease(
  db: Executor,
  documentId: string,
  waitMs = RESTORE_LEASE_WAIT_MS,
  timing: { leaseMs: number; renewMs: number } = { leaseMs: RESTORE_LEASE_MS, renewMs: RESTORE_LEASE_RENEW_MS },
  log?: { warn(obj: unknown, msg?: string): void },
): Promise<RestoreLeaseRelease> {
  const holder = randomUUID();
  const giveUpAt = Date.now() + waitMs;
  const expiresAt = () => sql`now() + ${`${timing.leaseMs} milliseconds`}::interval`;
  for (;;) {
    // Taken when no one holds it, or when the holder's time ran out (a node that died mid-restore).
    const taken = await db
      .insert(planRestoreLeases)
      .values({ documentId, holder, expiresAt: expiresAt() })
      .onConflictDoUpdate({ target: planRestoreLeases.documentId, set: { holder, expiresAt: expiresAt() }, setWhere: sql`${planRestoreLeases.expiresAt} < now()` })
      .returning({ holder: planRestoreLeases.holder });
    if (taken[0]?.holder === holder) {
      const mine = and(eq(planRestoreLeases.documentId, documentId), eq(planRestoreLeases.holder, holder));
      const renewal = setInterval(() => {
        // A renewal the database missed: the next one covers it, unless the lease ran out meanwhile.
        db.update(planRestoreLeases).set({ expiresAt: expiresAt() }).where(mine).catch((err: unknown) => log?.warn({ err, documentId }, 'a restore lease was not renewed'));
      }, timing.renewMs);
      renewal.unref();
      const release = async () => {
        clearInterval(renewal);
        await db.delete(planRestoreLeases).where(mine);
      };
      return Object.assign(release, { abandon: () => clearInterval(renewal) });
    }
    if (Date.now() + RETRY_MS > giveUpAt) {
      throw conflict('Another restore of this plan is still running. Wait until it ends, look at the plan, then restore again if you still need to.', 'restore_running');
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
