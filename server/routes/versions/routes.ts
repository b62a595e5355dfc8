/**
 * Versions of a plan: name one, list them, read one. Members and facilitators may name versions (a
 * named version is a non-destructive bookmark of the current content, and what focal points sign
 * off); observers may not. Restore, diff, approvals and exports are registered from here too.
 */
import { desc, eq } from 'drizzle-orm';
import { versions } from '../../../db/schema.js';
import type { RouteFn } from '../../http/pipeline.js';
import { requireDocument } from '../../policies/workspacePolicy.js';
import type { AppServices } from '../../services.js';
import { startAutoVersions } from '../../versions/autoVersions.js';
import { createVersion } from '../../versions/createVersion.js';
import { snapshotOfState } from '../../versions/planState.js';
import { loadApprovals, participatingOrganizationIds, presentVersion, requireVersion } from '../../versions/versionRecords.js';
import { registerDocumentExportRoutes } from '../documents/export.js';
import { registerApprovalRoutes } from './approvals.js';
import { registerDiffRoute } from './diff.js';
import { registerRestoreRoute } from './restore.js';
import { createVersionBody, idParams } from './schema.js';
import { z } from 'zod';
import { planContent, version } from '../../http/responses/plans.js';

/** Registers the version, diff, restore, approval and export routes, and starts automatic versions. */
export function registerVersionRoutes(route: RouteFn, services: AppServices): void {
  route({
    method: 'POST',
    url: '/api/documents/:id/versions',
    summary: 'Name a version of the plan’s current content (members and facilitators); emits version:created',
    tags: ['versions'],
    response: z.strictObject({ version }),
    refusals: [403],
    params: idParams,
    body: createVersionBody,
    status: 201,
    handler: async (ctx) => {
      const { document } = await requireDocument(ctx.tx, ctx.principal, ctx.params.id, 'edit');
      const row = await createVersion(ctx.tx, ctx.services.hub, { documentId: document.id, name: ctx.body.name, kind: 'named', createdById: ctx.principal.userId });
      await ctx.audit({
        action: 'version.created',
        workspaceId: document.workspaceId,
        target: { type: 'version', id: row.id },
        changes: { documentId: document.id, kind: row.kind, name: row.name },
      });
      const version = presentVersion(row, [], await participatingOrganizationIds(ctx.tx, document.workspaceId));
      ctx.emit(document.workspaceId, 'version:created', { documentId: document.id, version });
      return { version };
    },
  });

  route({
    method: 'GET',
    url: '/api/documents/:id/versions',
    summary: 'The versions of a plan, newest first (kinds auto, named, meeting), each with its approvals',
    tags: ['versions'],
    response: z.strictObject({ versions: z.array(version) }),
    params: idParams,
    handler: async ({ tx, principal, params }) => {
      const { document } = await requireDocument(tx, principal, params.id);
      const rows = await tx
        .select({
          id: versions.id,
          documentId: versions.documentId,
          name: versions.name,
          kind: versions.kind,
          logPosition: versions.logPosition,
          meetingId: versions.meetingId,
          createdById: versions.createdById,
          createdAt: versions.createdAt,
        })
        .from(versions)
        .where(eq(versions.documentId, document.id))
        .orderBy(desc(versions.createdAt), desc(versions.id));
      const approvals = await loadApprovals(tx, rows.map((r) => r.id));
      const participating = await participatingOrganizationIds(tx, document.workspaceId);
      // The list never ships the stored states: presentVersion reads metadata only.
      return { versions: rows.map((r) => presentVersion({ ...r, state: new Uint8Array() }, approvals.get(r.id), participating)) };
    },
  });

  route({
    method: 'GET',
    url: '/api/versions/:id',
    summary: 'One version with its content: body as Markdown and the activities',
    tags: ['versions'],
    response: z.strictObject({ version, content: planContent }),
    params: idParams,
    handler: async ({ tx, principal, params }) => {
      const { version, document } = await requireVersion(tx, principal, params.id);
      const approvals = await loadApprovals(tx, [version.id]);
      const snapshot = snapshotOfState(version.state);
      return {
        version: presentVersion(version, approvals.get(version.id), await participatingOrganizationIds(tx, document.workspaceId)),
        content: { body: snapshot.markdown, activities: snapshot.activities },
      };
    },
  });

  registerRestoreRoute(route);
  registerApprovalRoutes(route);
  registerDiffRoute(route);
  registerDocumentExportRoutes(route);
  startAutoVersions(services, (err) => console.error('automatic version failed', err));
}
