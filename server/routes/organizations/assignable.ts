/**
 * Whether an organization may be given to something new (a person, a decision's or an action's owner): it must exist
 * and not be deactivated. A deactivated agency stays on everything it already has; it only stops being offered.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { organizations } from '../../../db/schema.js';
import { AppError } from '../../http/errors.js';

/**
 * Throws 400 `validation_failed` on `path` for an unknown (`unknown_reference`) or deactivated (`organization_inactive`)
 * organization. The row stays share-locked until commit, so the check holds: a deactivation sent at the same moment
 * (PATCH /api/organizations/:id locks the row for update) waits for this change, which the agency then keeps like
 * everything it already has, or this one waits for it and is refused.
 */
export async function requireAssignableOrganization(tx: Executor, organizationId: string, path: string): Promise<void> {
  // In the one lock order (lockMembership, facilitatorSuccession.ts).
  const [org] = await tx
    .select({ deactivatedAt: organizations.deactivatedAt, acronym: organizations.acronym })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('share');
  if (!org) throw new AppError('validation_failed', 'The organization does not exist', [{ path, message: 'Unknown organization', issue: 'unknown_reference' }]);
  if (org.deactivatedAt) {
    const message = `${org.acronym} is deactivated: choose another organization, or ask an administrator to reactivate it`;
    throw new AppError('validation_failed', message, [{ path, message, issue: 'organization_inactive' }]);
  }
}
