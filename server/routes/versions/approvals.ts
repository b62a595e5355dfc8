/**
 * Sign-off: the focal point of an organization approves a named version for that organization (its own role
 * does not matter: signing off is the organization's stance, not an edit). As with stances on decisions, an
 * organization there only to observe does not sign off (403). One approval per organization per version;
 * automatic and meeting versions are not signed off (409).
 */
import { versionApprovals } from '../../../db/schema.js';
import { AppError, conflict } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { participatingOrganizationIds, requireVersion } from '../../versions/versionRecords.js';
import { idParams } from './schema.js';
import { z } from 'zod';
import { approval } from '../../http/responses/plans.js';

export function registerApprovalRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/versions/:id/approvals',
    summary: 'Approve a named version for the caller’s organization (its focal point only); 409 on other kinds or a second approval',
    tags: ['versions'],
    response: z.strictObject({ approval }),
    refusals: [403, 409],
    params: idParams,
    status: 201,
    handler: async (ctx) => {
      const { tx, principal } = ctx;
      const { version, document, access } = await requireVersion(tx, principal, ctx.params.id);
      if (!access.focalPoint) throw new AppError('forbidden', 'Only the focal point of an organization signs off for it');
      if (!(await participatingOrganizationIds(tx, document.workspaceId)).includes(access.organizationId)) {
        throw new AppError('forbidden', 'Your organization takes part in this working group only as an observer; observers do not sign off versions');
      }
      if (version.kind !== 'named') throw conflict('Only named versions are signed off', 'version_not_named');
      const [row] = await tx
        .insert(versionApprovals)
        .values({ versionId: version.id, organizationId: access.organizationId, userId: principal.userId })
        .onConflictDoNothing()
        .returning();
      if (!row) throw conflict('Your organization already approved this version', 'already_approved');
      await ctx.audit({
        action: 'version.approved',
        workspaceId: document.workspaceId,
        target: { type: 'version', id: version.id },
        changes: { documentId: document.id, organizationId: row.organizationId, name: version.name },
      });
      const approval = { versionId: row.versionId, organizationId: row.organizationId, userId: row.userId, userName: principal.name, createdAt: row.createdAt.toISOString() };
      ctx.emit(document.workspaceId, 'version:approved', { documentId: document.id, approval });
      return { approval };
    },
  });
}
