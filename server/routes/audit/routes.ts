/** The audit trail: a working group's (facilitators) and the instance's own (instance admins), as JSON pages or CSV. */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema.js';
import { idSchema, localeSchema } from '../../../shared/schemas.js';
import type { Principal } from '../../auth/principal.js';
import { auditCsvHeader, auditCsvLine, type AuditCsvLang } from '../../audit/auditCsv.js';
import { allAudit, auditFilters, auditPage, type AuditFilters, type AuditScope } from '../../audit/auditQuery.js';
import { attachmentHeader } from '../../http/contentDisposition.js';
import type { RouteContext, RouteFn } from '../../http/pipeline.js';
import { requireAdmin, requireWorkspace } from '../../policies/workspacePolicy.js';
import { auditTrailPage } from '../../http/responses/audit.js';

const pageQuery = auditFilters.extend({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const csvQuery = auditFilters.extend({ lang: localeSchema.optional() });
const idParams = z.object({ id: idSchema });
const AUDIT_CSV = { 'text/csv': 'The filtered trail, one event per row, newest first; formulas neutralized' };

type CsvContext = RouteContext<undefined, unknown, z.infer<typeof csvQuery>, true>;

/** The whole filtered trail as a stream, read after the request's commit; the export itself is audited (who took a copy, with which filters). */
async function csvFile(ctx: CsvContext, scope: AuditScope, workspaceId: string | null, fileTitle: string): Promise<Readable> {
  const { lang: asked, ...filters } = ctx.query;
  const lang: AuditCsvLang = asked ?? (ctx.principal.locale === 'en' ? 'en' : 'es');
  await ctx.audit({ action: 'audit.exported', workspaceId, target: { type: workspaceId ? 'workspace' : 'instance', id: workspaceId ?? 'instance' }, changes: { format: 'csv', ...filters } });
  // Read outside the request's transaction, batch by batch, as the client downloads.
  const db = ctx.services.database.db;
  async function* lines(): AsyncGenerator<string> {
    yield auditCsvHeader(lang);
    for await (const e of allAudit(db, scope, filters as AuditFilters)) yield auditCsvLine(e);
  }
  const day = new Date().toISOString().slice(0, 10);
  ctx.reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', attachmentHeader(`${fileTitle}-${day}`, 'csv', 'audit'))
    .header('cache-control', 'no-store');
  return Readable.from(lines());
}

function localeOf(principal: Principal): 'es' | 'en' {
  return principal.locale === 'en' ? 'en' : 'es';
}

/** Registers the audit routes. */
export function registerAuditRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/workspaces/:id/audit',
    summary: 'The audit trail of a working group, newest first, filtered by action (or action family), actor and time range (facilitators)',
    tags: ['audit'],
    response: auditTrailPage,
    refusals: [403],
    params: idParams,
    query: pageQuery,
    handler: async ({ tx, principal, params, query }) => {
      await requireWorkspace(tx, principal, params.id, 'viewAudit');
      const { cursor, limit, ...filters } = query;
      return auditPage(tx, { workspaceId: params.id }, filters, limit, cursor);
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id/audit.csv',
    summary: 'The filtered audit trail of a working group as CSV, formulas neutralized (facilitators); the export is audited',
    tags: ['audit'],
    produces: AUDIT_CSV,
    refusals: [403],
    params: idParams,
    query: csvQuery,
    raw: true,
    transaction: true,
    handler: async (ctx) => {
      await requireWorkspace(ctx.tx, ctx.principal, ctx.params.id, 'viewAudit');
      const [ws] = await ctx.tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.params.id));
      const title = localeOf(ctx.principal) === 'en' ? `audit-${ws?.name ?? ''}` : `bitacora-${ws?.name ?? ''}`;
      return csvFile(ctx as CsvContext, { workspaceId: ctx.params.id }, ctx.params.id, title);
    },
  });

  route({
    method: 'GET',
    url: '/api/audit',
    summary: 'The instance’s own audit trail: events outside any working group (organizations, people, sessions, setup), newest first (instance admins)',
    tags: ['audit'],
    response: auditTrailPage,
    refusals: [403],
    query: pageQuery,
    handler: async ({ tx, principal, query }) => {
      requireAdmin(principal);
      const { cursor, limit, ...filters } = query;
      return auditPage(tx, { instance: true }, filters, limit, cursor);
    },
  });

  route({
    method: 'GET',
    url: '/api/audit.csv',
    summary: 'The instance’s filtered audit trail as CSV, formulas neutralized (instance admins); the export is audited',
    tags: ['audit'],
    produces: AUDIT_CSV,
    refusals: [403],
    query: csvQuery,
    raw: true,
    transaction: true,
    handler: async (ctx) => {
      requireAdmin(ctx.principal);
      return csvFile(ctx, { instance: true }, null, localeOf(ctx.principal) === 'en' ? 'instance-audit' : 'bitacora-instancia');
    },
  });
}
