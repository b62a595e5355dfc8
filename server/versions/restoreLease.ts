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

/** How long a lease lasts unless released: longer than any restore, short enough that a killed node frees the plan. */
export const RESTORE_LEASE_MS = 120_000;
/** How long a restore waits for another restore of the same plan to finish before it is refused. */
export const RESTORE_LEASE_WAIT_MS = 20_000;
const RETRY_MS = 100;

/** Takes the plan's restore lease, waiting for a running restore to end; resolves to its release. */
export async function acquireRestoreLease(db: Executor, documentId: string, waitMs = RESTORE_LEASE_WAIT_MS): Promise<() => Promise<void>> {
  const holder = randomUUID();
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const expiresAt = sql`now() + ${`${RESTORE_LEASE_MS} milliseconds`}::interval`;
    // Taken when no one holds it, or when the holder's time ran out (a node that died mid-restore).
    const taken = await db
      .insert(planRestoreLeases)
      .values({ documentId, holder, expiresAt })
      .onConflictDoUpdate({ target: planRestoreLeases.documentId, set: { holder, expiresAt }, setWhere: sql`${planRestoreLeases.expiresAt} < now()` })
      .returning({ holder: planRestoreLeases.holder });
    if (taken[0]?.holder === holder) {
      return async () => {
        await db.delete(planRestoreLeases).where(and(eq(planRestoreLeases.documentId, documentId), eq(planRestoreLeases.holder, holder)));
      };
    }
    if (Date.now() + RETRY_MS > giveUpAt) {
      throw conflict('Another restore of this plan is still running. Wait until it ends, look at the plan, then restore again if you still need to.', 'restore_running');
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
