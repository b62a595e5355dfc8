/**
 * How far each of a group's decisions has come, for its register: stances cast by the organizations taking part
 * (as the decision's quorum counts them) and its follow-up actions still open, and how many of those are overdue.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { actions, decisions, stances } from '../../../db/schema.js';
import { workingDay } from '../../../shared/calendar.js';
import { participatingOrganizations } from './presenters.js';

export interface DecisionProgress {
  /** Organizations taking part that have cast their stance (hidden stances count: that one exists is never hidden). */
  stances: number;
  /** Organizations taking part (a non-observer member), each expected to cast one. */
  organizations: number;
  openActions: number;
  overdueActions: number;
}

/** Progress of the given decisions of one group, by decision id. */
export async function progressOfDecisions(tx: Executor, workspaceId: string, decisionIds: readonly string[]): Promise<Record<string, DecisionProgress>> {
  const progress: Record<string, DecisionProgress> = {};
  if (!decisionIds.length) return progress;
  const orgs = new Set((await participatingOrganizations(tx, workspaceId)).map((o) => o.id));
  for (const id of decisionIds) progress[id] = { stances: 0, organizations: orgs.size, openActions: 0, overdueActions: 0 };
  const cast = await tx
    .select({ decisionId: stances.decisionId, organizationId: stances.organizationId })
    .from(stances)
    .innerJoin(decisions, eq(decisions.id, stances.decisionId))
    .where(eq(decisions.workspaceId, workspaceId));
  for (const s of cast) {
    const entry = progress[s.decisionId];
    if (entry && orgs.has(s.organizationId)) entry.stances++;
  }
  const today = workingDay();
  const followUps = await tx.select({ decisionId: actions.decisionId, status: actions.status, dueDate: actions.dueDate }).from(actions).where(eq(actions.workspaceId, workspaceId));
  for (const a of followUps) {
    const entry = progress[a.decisionId];
    if (!entry || a.status !== 'open') continue;
    entry.openActions++;
    if (a.dueDate < today) entry.overdueActions++;
  }
  return progress;
}
