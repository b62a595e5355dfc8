/**
 * Where a stance request stands now. The notification is written once, when the decision starts waiting; it is
 * settled (marked read) when the organization's stance is recorded or the decision closes (notify.ts), but its row
 * stays in the inbox, which kept asking for a stance already given. The inbox shows it with its decision as it is
 * when listed, and an open inbox is told (`notification:updated`) when that changes.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { decisions, memberships, notifications, stances } from '../../db/schema.js';
import type { DecisionStatus, Stance } from '../../shared/constants.js';
import { canSeeStance } from '../policies/decisionPolicy.js';
import type { LiveDelivery, NotificationRow } from './notify.js';

/** A stance request's decision now, and the stance of the organization it asked. */
export interface StanceRequestState {
  decisionStatus: DecisionStatus;
  /** The organization asked has a stance recorded. */
  stanceRecorded: boolean;
  /** That stance, when the reader may see it (a hidden stance of another organization is not told); else null. */
  stance: Stance | null;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** For each of `rows` (the caller's, of groups they belong to): where it stands if it is a stance request, else null. */
export async function stanceRequestStates(tx: Executor, userId: string, rows: NotificationRow[]): Promise<(r: NotificationRow) => StanceRequestState | null> {
  const asks = rows.filter((r) => r.kind === 'stance_requested' && text(r.target.decisionId));
  if (!asks.length) return () => null;
  const decisionIds = [...new Set(asks.map((r) => r.target.decisionId as string))];
  const workspaceIds = [...new Set(asks.map((r) => r.workspaceId))];
  const [found, recorded, mine] = await Promise.all([
    tx.select().from(decisions).where(inArray(decisions.id, decisionIds)),
    tx.select({ decisionId: stances.decisionId, organizationId: stances.organizationId, stance: stances.stance }).from(stances).where(inArray(stances.decisionId, decisionIds)),
    tx.select({ workspaceId: memberships.workspaceId, organizationId: memberships.organizationId }).from(memberships).where(and(eq(memberships.userId, userId), inArray(memberships.workspaceId, workspaceIds))),
  ]);
  const decisionById = new Map(found.map((d) => [d.id, d]));
  const stanceOf = new Map(recorded.map((s) => [`${s.decisionId}|${s.organizationId}`, s.stance as Stance]));
  // Whose eyes the stance is shown to: the reader's organization in that group, as the decision's page judges it.
  const readerOrganization = new Map(mine.map((m) => [m.workspaceId, m.organizationId]));
  return (r) => {
    if (r.kind !== 'stance_requested') return null;
    const decision = decisionById.get(text(r.target.decisionId) ?? '');
    const organizationId = text(r.target.organizationId);
    // Only a decision of the notification's own group, which the reader belongs to.
    if (!decision || decision.workspaceId !== r.workspaceId || !organizationId) return null;
    const stance = stanceOf.get(`${decision.id}|${organizationId}`) ?? null;
    const viewer = readerOrganization.get(r.workspaceId);
    const visible = stance !== null && viewer !== undefined && canSeeStance(decision, viewer, organizationId);
    return { decisionStatus: decision.status as DecisionStatus, stanceRecorded: stance !== null, stance: visible ? stance : null };
  };
}

/** The stance requests about a decision: one organization's, or all of them. */
export function stanceRequestsOf(decisionId: string, organizationId?: string): SQL {
  const ofDecision = and(eq(notifications.kind, 'stance_requested'), sql`${notifications.target}->>'decisionId' = ${decisionId}`)!;
  return organizationId ? and(ofDecision, sql`${notifications.target}->>'organizationId' = ${organizationId}`)! : ofDecision;
}

/**
 * The stance requests `which` selects now read differently (a stance recorded, the decision closed or reopened): once
 * committed, their holders still in the group hear `notification:updated`, so an open inbox shows it. Someone removed
 * from the group since keeps the notification but hears nothing more of it.
 */
export async function tellStanceRequestHolders(tx: Executor, which: SQL, live: LiveDelivery): Promise<void> {
  const held = await tx
    .select({ id: notifications.id, userId: notifications.userId, workspaceId: notifications.workspaceId })
    .from(notifications)
    .innerJoin(memberships, and(eq(memberships.userId, notifications.userId), eq(memberships.workspaceId, notifications.workspaceId)))
    .where(which);
  if (!held.length) return;
  live.afterCommit(() => {
    for (const n of held) live.services.events.toUser(n.userId, 'notification:updated', { workspaceId: n.workspaceId, ids: [n.id] });
  });
}
