/**
 * Stance requests follow whoever speaks for an organization. When that changes in a working group (a focal point
 * named or removed, a member added, removed, made an observer, moved to another agency, an agency joining), each open
 * decision still waiting for the organization's stance asks the people who now speak for it, and the requests of
 * those who no longer do are settled: they could not act on them.
 */
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { decisions, notifications, stances } from '../../db/schema.js';
import { OPEN_DECISION_STATUSES } from '../../shared/constants.js';
import { askedFor, createNotifications, membersOf, settleRequests, type LiveDelivery } from './notify.js';

/** Brings one organization's stance requests in a working group in line with who speaks for it now. */
export async function reconcileStanceRequests(tx: Executor, workspaceId: string, organizationId: string, live?: LiveDelivery): Promise<void> {
  const waiting = await tx
    .select({ id: decisions.id, ref: decisions.ref, title: decisions.title, createdById: decisions.createdById })
    .from(decisions)
    .where(
      and(
        eq(decisions.workspaceId, workspaceId),
        inArray(decisions.status, [...OPEN_DECISION_STATUSES]),
        notExists(tx.select({ one: sql`1` }).from(stances).where(and(eq(stances.decisionId, decisions.id), eq(stances.organizationId, organizationId)))),
      ),
    );
  if (!waiting.length) return;
  const speakers = new Set(askedFor((await membersOf(tx, workspaceId)).filter((m) => m.organizationId === organizationId)).map((m) => m.userId));
  const sent = await tx
    .select({ id: notifications.id, userId: notifications.userId, readAt: notifications.readAt, decisionId: sql<string>`${notifications.target}->>'decisionId'` })
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.kind, 'stance_requested'),
        sql`${notifications.target}->>'organizationId' = ${organizationId}`,
        inArray(sql`${notifications.target}->>'decisionId'`, waiting.map((d) => d.id)),
      ),
    );
  const stale = sent.filter((n) => n.readAt === null && !speakers.has(n.userId)).map((n) => n.id);
  if (stale.length) await settleRequests(tx, inArray(notifications.id, stale), live);
  // Someone asked before (read or not) is not asked again; the proposer is never asked about their own proposal.
  const asked = new Set(sent.map((n) => `${n.decisionId}\0${n.userId}`));
  const fresh = waiting.flatMap((d) =>
    [...speakers]
      .filter((userId) => userId !== d.createdById && !asked.has(`${d.id}\0${userId}`))
      .map((userId) => ({
        userId,
        workspaceId,
        kind: 'stance_requested' as const,
        target: { type: 'decision', decisionId: d.id, organizationId, ref: `D-${d.ref}`, title: d.title },
      })),
  );
  await createNotifications(tx, fresh, live);
}
