/** The ids a new decision may carry must name things of its own working group (or, for organizations, that exist). */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { documents, meetings } from '../../../db/schema.js';
import { AppError, conflict } from '../../http/errors.js';
import { requireAssignableOrganization } from '../organizations/assignable.js';

export interface DecisionRefs {
  documentId?: string;
  meetingId?: string;
  ownerOrganizationId?: string;
}

/**
 * Throws 400 validation_failed for a plan or meeting outside `workspaceId` (alike for one that does not exist, so
 * nothing is learnt about other groups) or an unknown organization. A decision linked to another group's meeting
 * showed in that meeting's minutes, to that group's members. A closed meeting takes no new decisions (409
 * `meeting_closed`): its minutes are frozen, and its page would list a decision they do not have. Nor does a
 * cancelled one (409 `meeting_cancelled`): it is never held.
 */
export async function checkDecisionRefs(tx: Executor, workspaceId: string, refs: DecisionRefs): Promise<void> {
  if (refs.documentId) {
    const [doc] = await tx.select({ w: documents.workspaceId }).from(documents).where(eq(documents.id, refs.documentId));
    if (doc?.w !== workspaceId) throw new AppError('validation_failed', 'The plan is not in this working group', [{ path: 'documentId', message: 'Unknown plan', issue: 'unknown_reference' }]);
  }
  if (refs.meetingId) {
    // Shared lock: a close committing meanwhile is waited for, so its frozen minutes and this decision agree.
    const [meeting] = await tx.select({ w: meetings.workspaceId, status: meetings.status }).from(meetings).where(eq(meetings.id, refs.meetingId)).for('share');
    if (meeting?.w !== workspaceId) throw new AppError('validation_failed', 'The meeting is not in this working group', [{ path: 'meetingId', message: 'Unknown meeting', issue: 'unknown_reference' }]);
    if (meeting.status === 'closed') throw conflict('The meeting is closed and its minutes are frozen; record the decision without a meeting, or in an open one', 'meeting_closed');
    if (meeting.status === 'cancelled') throw conflict('The meeting was cancelled; record the decision without a meeting, or in one that will be held', 'meeting_cancelled');
  }
  if (refs.ownerOrganizationId) await requireAssignableOrganization(tx, refs.ownerOrganizationId, 'ownerOrganizationId');
}
