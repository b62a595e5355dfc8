/**
 * Plan exports: the current content or a version as Markdown, DOCX, PDF or JSON. The sign-off table
 * shows the version's approvals, or for the current draft those of the newest named version and whether the
 * draft still has that version's content.
 * Exports are audited: a plan leaving the system is worth a trace.
 */
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { organizations, versions, workspaces } from '../../../db/schema.js';
import { getBody, readActivities } from '../../../shared/planModel.js';
import { bodyBlocks } from '../../../shared/planBlocks.js';
import { idSchema } from '../../../shared/schemas.js';
import type { ExportLang, OrganizationNames } from '../../exports/labels.js';
import type { PlanExportInput } from '../../exports/planExport.js';
import { fileBuffer } from '../../exports/exportRenderer.js';
import type { RenderJob } from '../../exports/renderJobs.js';
import { attachmentHeader } from '../../http/contentDisposition.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { requireDocument } from '../../policies/workspacePolicy.js';
import type { VersionRow } from '../../versions/createVersion.js';
import { planSnapshot, snapshotOfState } from '../../versions/planState.js';
import { currentSource, versionSource } from '../../versions/planSource.js';
import { latestNamedVersion, loadApprovals, participatingOrganizationIds } from '../../versions/versionRecords.js';
import { planExport } from '../../http/responses/plans.js';

const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
} as const;

const exportQuery = z.object({
  format: z.enum(['md', 'docx', 'pdf', 'json']),
  version: idSchema.optional(),
  lang: z.enum(['es', 'en']).optional(),
});

async function organizationNames(db: Executor): Promise<OrganizationNames> {
  const rows = await db.select({ id: organizations.id, name: organizations.name, acronym: organizations.acronym }).from(organizations);
  return Object.fromEntries(rows.map((o) => [o.id, { name: o.name, acronym: o.acronym }]));
}

/** The approvals an export shows and what they are of: the version's own, or for the current draft the newest named version's. */
async function signOff(db: Executor, version: VersionRow | undefined, documentId: string, current: Y.Doc): Promise<Pick<PlanExportInput, 'approvals' | 'signOffBasis'>> {
  const signed = version ?? (await latestNamedVersion(db, documentId));
  if (!signed) return { approvals: [], signOffBasis: { kind: 'unsigned' } };
  if (signed.kind !== 'named') return { approvals: [], signOffBasis: { kind: 'not_named' } };
  const approvals = ((await loadApprovals(db, [signed.id])).get(signed.id) ?? []).map((a) => ({
    organizationId: a.organizationId,
    userName: a.userName,
    at: new Date(a.createdAt),
  }));
  if (version) return { approvals, signOffBasis: { kind: 'version' } };
  // The draft is covered only while it still reads as the approved version (an edit undone leaves it covered).
  const sameContent = JSON.stringify(snapshotOfState(signed.state)) === JSON.stringify(planSnapshot(current));
  return { approvals, signOffBasis: { kind: 'draft', versionName: signed.name, versionAt: signed.createdAt, sameContent } };
}

export function registerDocumentExportRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/documents/:id/export',
    summary: 'Download the plan (current, or ?version=ID) as md, docx, pdf or json ({title, body (Markdown), activities}); lang=es|en',
    tags: ['documents', 'versions'],
    response: planExport,
    produces: {
      'text/markdown': 'format=md',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'format=docx',
      'application/pdf': 'format=pdf',
      'application/json': 'format=json: {title, body (Markdown), activities, version}',
    },
    params: z.object({ id: idSchema }),
    query: exportQuery,
    raw: true,
    handler: async (ctx) => {
      const { tx, principal, query, services } = ctx;
      const { document } = await requireDocument(tx, principal, ctx.params.id);
      let version: VersionRow | undefined;
      if (query.version) {
        [version] = await tx.select().from(versions).where(eq(versions.id, query.version));
        if (!version || version.documentId !== document.id) throw notFound('Version');
      }
      const lang: ExportLang = query.lang ?? (principal.locale === 'en' ? 'en' : 'es');
      const base = version ? `${document.title} - ${version.name}` : document.title;
      ctx.reply
        .status(200)
        .header('content-type', CONTENT_TYPES[query.format])
        .header('content-disposition', attachmentHeader(base, query.format, 'plan'))
        .header('cache-control', 'private, no-store');
      // A HEAD asks whether the file is there and what it is: answered without rendering it.
      if (ctx.req.method === 'HEAD') return '';
      const source = version ? versionSource(version) : await currentSource(tx, services.hub, document.id);
      let file: Buffer | string = '';
      let rendered: RenderJob | undefined;
      try {
        if (query.format === 'json') {
          const snapshot = planSnapshot(source.doc);
          const versionInfo = version ? { id: version.id, name: version.name, kind: version.kind, createdAt: version.createdAt.toISOString() } : null;
          file = JSON.stringify({ title: document.title, body: snapshot.markdown, activities: snapshot.activities, version: versionInfo });
        } else {
          const [ws] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, document.workspaceId));
          const input: PlanExportInput = {
            title: document.title,
            lang,
            generatedAt: new Date(),
            versionName: version?.name,
            workspaceName: ws?.name ?? '',
            blocks: bodyBlocks(getBody(source.doc)),
            activities: readActivities(source.doc),
            organizations: await organizationNames(tx),
            ...(await signOff(tx, version, document.id, source.doc)),
            participatingOrganizationIds: await participatingOrganizationIds(tx, document.workspaceId),
          };
          const { planDocument, planToMarkdown } = await import('../../exports/planExport.js');
          if (query.format === 'md') file = planToMarkdown(input);
          else rendered = { kind: query.format, document: planDocument(input) };
        }
      } finally {
        source.release();
      }
      // DOCX and PDF render in the export worker, off the event loop (and after the plan's copy is let go).
      if (rendered) file = fileBuffer(await services.exportRenderer.render(rendered));
      await ctx.audit({
        action: 'document.exported',
        workspaceId: document.workspaceId,
        target: { type: 'document', id: document.id },
        changes: { format: query.format, versionId: version?.id ?? null, lang },
      });
      return file;
    },
  });
}
