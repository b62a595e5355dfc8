/** Who does what where: the matrix, its pivots and downloads, and the on-demand rebuild (instance admins). */
import { MANDATE_AREAS } from '../../../shared/constants.js';
import type { RouteFn } from '../../http/pipeline.js';
import { fileBuffer } from '../../exports/exportRenderer.js';
import { matrixCsv, matrixPlaces, matrixSheet, organizationNames } from '../../matrix/matrixFiles.js';
import { pivotMatrix, queryMatrix } from '../../matrix/matrixQuery.js';
import type { MatrixQuery } from '../../../shared/matrix.js';
import { requireAdmin, requireDocument, requireWorkspace } from '../../policies/workspacePolicy.js';
import type { Principal } from '../../auth/principal.js';
import type { Executor } from '../../../db/client.js';
import { matrixFileQuery, matrixFilters, pivotQuery } from './schema.js';
import { z } from 'zod';
import { matrixActivity, pivot, rebuildResult } from '../../http/responses/coordination.js';

/** The matrix rows a caller may see; asking for a working group or plan they are not in is a 404. */
async function visibleMatrix(db: Executor, principal: Principal, filters: MatrixQuery) {
  if (filters.workspaceId) await requireWorkspace(db, principal, filters.workspaceId);
  if (filters.documentId) await requireDocument(db, principal, filters.documentId);
  return queryMatrix(db, principal.userId, filters);
}

function fileName(extension: string): string {
  return `matriz-${new Date().toISOString().slice(0, 10)}.${extension}`;
}

/** Registers the matrix routes. */
export function registerMatrixRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/matrix',
    summary: 'Activities of every plan in the caller’s working groups, filtered (current within 2 s of an edit)',
    tags: ['matrix'],
    response: z.strictObject({ activities: z.array(matrixActivity) }),
    refusals: [404],
    query: matrixFilters,
    handler: async ({ tx, principal, query }) => ({ activities: await visibleMatrix(tx, principal, query) }),
  });

  route({
    method: 'GET',
    url: '/api/matrix/pivot',
    summary: 'Activity counts per organization or state × mandate area, over the same filters',
    tags: ['matrix'],
    response: z.strictObject({ pivot }),
    refusals: [404],
    query: pivotQuery,
    handler: async ({ tx, principal, query }) => {
      const { rows, cols: _cols, ...filters } = query;
      return { pivot: pivotMatrix(await visibleMatrix(tx, principal, filters), rows, MANDATE_AREAS) };
    },
  });

  route({
    method: 'GET',
    url: '/api/matrix.csv',
    summary: 'The matrix as HXL-tagged CSV (header row, hashtag row, one row per activity)',
    tags: ['matrix'],
    produces: { 'text/csv': 'HXL-tagged CSV: a header row, a hashtag row, one row per activity' },
    refusals: [404],
    query: matrixFileQuery,
    raw: true,
    handler: async ({ tx, principal, query, reply }) => {
      const { lang, ...filters } = query;
      const rows = await visibleMatrix(tx, principal, filters);
      const csv = matrixCsv(rows, await organizationNames(tx), lang ?? (principal.locale === 'en' ? 'en' : 'es'));
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName('csv')}"`).header('cache-control', 'no-store');
      return csv;
    },
  });

  route({
    method: 'GET',
    url: '/api/matrix.xlsx',
    summary: 'The matrix as an Excel workbook with the HXL hashtag row',
    tags: ['matrix'],
    produces: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook with the HXL hashtag row' },
    refusals: [404],
    query: matrixFileQuery,
    raw: true,
    handler: async ({ tx, principal, query, reply, services }) => {
      const { lang, ...filters } = query;
      const rows = await visibleMatrix(tx, principal, filters);
      const sheet = matrixSheet(rows, await organizationNames(tx), lang ?? (principal.locale === 'en' ? 'en' : 'es'), await matrixPlaces(tx, rows));
      // The workbook renders in the export worker, off the event loop.
      const file = fileBuffer(await services.exportRenderer.render({ kind: 'xlsx', sheet }));
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName('xlsx')}"`)
        .header('cache-control', 'no-store');
      return file;
    },
  });

  route({
    method: 'POST',
    url: '/api/matrix/rebuild',
    summary: 'Re-read every plan from storage and rebuild the activity projection and overlaps (instance admins)',
    tags: ['matrix'],
    response: z.strictObject({ rebuilt: rebuildResult }),
    refusals: [403],
    handler: async (ctx) => {
      requireAdmin(ctx.principal);
      const result = await ctx.services.projection.rebuild(ctx.tx, ctx);
      await ctx.audit({ action: 'matrix.rebuilt', target: { type: 'matrix', id: 'all' }, changes: { ...result } });
      return { rebuilt: result };
    },
  });
}
