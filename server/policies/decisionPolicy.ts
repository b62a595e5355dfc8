/**
 * Who may do what with decisions and stances. Builds on the workspace policy: a non-member learns
 * nothing (404), a member lacking the right gets 403, a closed decision 409.
 *
 * Hidden stances (`stanceVisibility: "hidden_until_closed"`): while a decision is proposed, every caller,
 * facilitators included, sees only their own organization's stance; the others show as
 * `{organizationId, hidden: true}`. Facilitators run the meeting from the quorum (who has and has not
 * taken a position, by level) without seeing the positions, so nobody can anchor the others before closing.
 */
import type { InferSelectModel } from 'drizzle-orm';
import type { decisions } from '../../db/schema.js';
import { OPEN_DECISION_STATUSES, type DecisionStatus } from '../../shared/constants.js';
import { AppError, conflict } from '../http/errors.js';
import { can, type WorkspaceAccess } from './workspacePolicy.js';

type Decision = InferSelectModel<typeof decisions>;

/** Whether a decision is still open (stances changeable, text editable). */
export function isOpen(decision: { status: string }): boolean {
  return OPEN_DECISION_STATUSES.includes(decision.status as DecisionStatus);
}

/** Title, body, owner and due date: the proposer or a facilitator while open; status and replacement: facilitators only. Throws 403 or 409. */
export function authorizeDecisionEdit(
  access: WorkspaceAccess,
  decision: Decision,
  body: { title?: string; body?: string; ownerOrganizationId?: string | null; dueDate?: string | null; status?: string; supersededById?: string | null },
): void {
  if ((body.status !== undefined || body.supersededById !== undefined) && !can(access, 'decide')) throw new AppError('forbidden', 'Only facilitators change the status of a decision');
  if (body.title !== undefined || body.body !== undefined || body.ownerOrganizationId !== undefined || body.dueDate !== undefined) {
    const proposer = decision.createdById === access.userId && can(access, 'propose');
    if (!proposer && !can(access, 'decide')) throw new AppError('forbidden', 'Only the proposer or a facilitator may change the text, owner or due date of a decision');
    if (!isOpen(decision)) throw conflict('The decision is closed; its text, owner and due date can no longer change', 'decision_closed');
  }
}

/**
 * Who records an organization's stance: its focal point, or a facilitator on its behalf (onBehalf true).
 * Observers are never named focal points (the member route refuses it and clears the flag of one made an observer),
 * and an organization present only through observers takes no part: the stance route refuses it, saying so.
 */
export function authorizeStance(access: WorkspaceAccess, organizationId: string): { onBehalf: boolean } {
  const ownFocalPoint = access.focalPoint && access.organizationId === organizationId;
  if (ownFocalPoint) return { onBehalf: false };
  if (access.role === 'facilitator') return { onBehalf: true };
  throw new AppError('forbidden', 'Only the organization’s focal point, or a facilitator on its behalf, records its stance');
}

/** Whether a viewer of an organization may see another organization's stance content. */
export function canSeeStance(decision: Decision, viewerOrganizationId: string, stanceOrganizationId: string): boolean {
  if (decision.stanceVisibility !== 'hidden_until_closed' || !isOpen(decision)) return true;
  return stanceOrganizationId === viewerOrganizationId;
}
