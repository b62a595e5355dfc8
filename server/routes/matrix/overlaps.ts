/** Overlap flags: list what the caller may see, and resolve (members and facilitators of either side). */
import { and, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { activityProjection, memberships, overlaps } from '../../../db/schema.js';
import { idSchema } from '../../../shared/schemas.js';
import { AppError, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { settleOverlapNotices } from '../../matrix/overlapAnnouncer.js';
import { bothSidesExist, loadOverlapSides, mayViewOverlap, viewOverlap, type OverlapSideInfo, type OverlapView } from '../../matrix/overlapView.js';
import type { OverlapRow } from '../../matrix/overlapPass.js';
import { memberNames } from '../../policies/memberNames.js';
import { matrixConditions } from '../../matrix/matrixQuery.js';
import type { MatrixQuery } from '../../../shared/matrix.js';
import type { Principal } from '../../auth/principal.js';
import { can, findAccess, requireDocument, requireWorkspace } from '../../policies/workspacePolicy.js';
import { overlapListQuery, resolveBody } from './schema.js';
import { overlap } from '../../http/responses/coordination.js';

/** Where a page ended, in the list's order (score, then id: unique, unlike times stamped by one transaction). */
interface OverlapCursor {
  score: number;
  id: string;
}

const encodeCursor = (c: OverlapCursor): string => Buffer.from(JSON.stringify([c.score, c.id])).toString('base64url');

/** The position a `nextCursor` names; a cursor this API did not give is a 400. */
function decodeCursor(cursor: string): OverlapCursor {
  try {
    const [score, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof score === 'number' && Number.isFinite(score) && typeof id === 'string') return { score, id };
  } catch (err) {
    void err; // refused below, with the same answer as any other bad cursor
  }
  throw new AppError('validation_failed', 'Not a cursor this API gave', [{ path: 'cursor', message: 'Use the nextCursor of the previous page' }]);
}

async function workspacesOf(db: Executor, userId: string): Promise<Set<string>> {
  const rows = await db.select({ w: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, userId));
  return new Set(rows.map((r) => r.w));
}

/**
 * The overlaps with a side among the matrix rows the filters select (the caller's rows only: a hidden side never
 * matches, so a filter reveals nothing about it); undefined when no row filter is given. Like /api/matrix, naming a
 * working group or plan the caller is not in is a 404.
 */
async function rowFilter(db: Executor, principal: Principal, f: MatrixQuery): Promise<SQL | undefined> {
  if (!Object.values(f).some(Boolean)) return undefined;
  if (f.workspaceId) await requireWorkspace(db, principal, f.workspaceId);
  if (f.documentId) await requireDocument(db, principal, f.documentId);
  const p = activityProjection;
  const where = and(...matrixConditions(principal.userId, f));
  // Each side is one primary-key lookup in the projection.
  const side = (documentId: AnyColumn, activityId: AnyColumn) =>
    sql`exists (select 1 from ${p} where ${p.documentId} = ${documentId} and ${p.activityId} = ${activityId} and ${where})`;
  return sql`(${side(overlaps.aDocumentId, overlaps.aActivityId)} or ${side(overlaps.bDocumentId, overlaps.bActivityId)})`;
}

/** An overlap as the viewer sees it, with who resolved it when `withResolvers` may say. */
type ResolvedView = OverlapView & { resolvedBy?: { userId: string; name: string } };

/**
 * Names who resolved each resolved overlap, when that person is a member of a side's working group the viewer
 * also belongs to (a group whose members the viewer may list anyway); otherwise the view says only when.
 */
async function withResolvers(
  db: Executor,
  items: Array<{ row: OverlapRow; sides: { a: OverlapSideInfo; b: OverlapSideInfo }; view: OverlapView }>,
  memberOf: ReadonlySet<string>,
): Promise<ResolvedView[]> {
  const resolverIds = [...new Set(items.flatMap((i) => (i.row.status === 'resolved' && i.row.resolvedById ? [i.row.resolvedById] : [])))];
  const shared = [...new Set(items.flatMap((i) => [i.sides.a.workspaceId, i.sides.b.workspaceId]).filter((w): w is string => !!w && memberOf.has(w)))];
  const rows = await memberNames(db, resolverIds, shared);
  return items.map(({ row, sides, view }) => {
    if (row.status !== 'resolved' || !row.resolvedById) return view;
    const groups = new Set([sides.a.workspaceId, sides.b.workspaceId].filter((w): w is string => !!w && memberOf.has(w)));
    const known = rows.find((r) => r.userId === row.resolvedById && groups.has(r.workspaceId));
    return known ? { ...view, resolvedBy: { userId: known.userId, name: known.name } } : view;
  });
}

/** Registers the overlap routes. */
export function registerOverlapRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/overlaps',
    summary:
      'Overlaps the caller may see, highest score first, a page at a time (`limit`, default 500; follow `nextCursor`); a side in a group they are not in shows only as hidden, and only if that group shares overlaps. The matrix row filters (`activityStatus` for the activity status) keep those with a side among the matching rows',
    tags: ['matrix'],
    response: z.strictObject({ overlaps: z.array(overlap), nextCursor: z.string().nullable() }),
    refusals: [404],
    query: overlapListQuery,
    handler: async ({ tx, principal, query }) => {
      const { status: _status, limit: _limit, cursor: _cursor, activityStatus, ...rows } = query;
      const filtered = await rowFilter(tx, principal, { ...rows, status: activityStatus });
      const memberOf = await workspacesOf(tx, principal.userId);
      let after = query.cursor ? decodeCursor(query.cursor) : undefined;
      // Candidates: at least one side in a plan of a group of the caller (through the side indexes); sharing is
      // checked per row below, so a page is filled from as many candidates as it takes.
      const mine = sql`(select d.id from documents d join memberships m on m.workspace_id = d.workspace_id where m.user_id = ${principal.userId})`;
      const base: SQL[] = [sql`(${overlaps.aDocumentId} in ${mine} or ${overlaps.bDocumentId} in ${mine})`];
      if (query.status !== 'all') base.push(eq(overlaps.status, query.status));
      if (filtered) base.push(filtered);
      const batchSize = Math.min(2000, query.limit * 2);
      const out: Array<{ row: OverlapRow; sides: { a: OverlapSideInfo; b: OverlapSideInfo }; view: OverlapView }> = [];
      let more = true;
      while (out.length < query.limit && more) {
        const conditions = after ? [...base, sql`(${overlaps.score}, ${overlaps.id}) < (${after.score}::real, ${after.id}::text)`] : base;
        const rows = await tx.select().from(overlaps).where(and(...conditions)).orderBy(desc(overlaps.score), desc(overlaps.id)).limit(batchSize);
        more = rows.length === batchSize;
        const sides = await loadOverlapSides(tx, rows);
        for (const [i, o] of rows.entries()) {
          after = { score: o.score, id: o.id };
          const seen = sides.get(o.id)!;
          const view = bothSidesExist(seen) ? viewOverlap(o, seen, memberOf) : null;
          if (view) out.push({ row: o, sides: seen, view });
          if (out.length === query.limit) {
            more ||= i < rows.length - 1;
            break;
          }
        }
      }
      return { overlaps: await withResolvers(tx, out, memberOf), nextCursor: out.length === query.limit && more && after ? encodeCursor(after) : null };
    },
  });

  route({
    method: 'GET',
    url: '/api/overlaps/marks',
    summary:
      'The caller\'s activities with open overlaps, and how many each has: what the matrix table marks its rows with. Only overlaps the caller may see count, and only their own groups\' activities are listed',
    tags: ['matrix'],
    response: z.strictObject({ activities: z.array(z.strictObject({ documentId: idSchema, activityId: z.string(), open: z.number().int().min(1) })) }),
    handler: async ({ tx, principal }) => {
      const memberOf = await workspacesOf(tx, principal.userId);
      const mine = sql`(select d.id from documents d join memberships m on m.workspace_id = d.workspace_id where m.user_id = ${principal.userId})`;
      const rows = await tx
        .select()
        .from(overlaps)
        .where(and(eq(overlaps.status, 'open'), sql`(${overlaps.aDocumentId} in ${mine} or ${overlaps.bDocumentId} in ${mine})`));
      const sides = await loadOverlapSides(tx, rows);
      const open = new Map<string, { documentId: string; activityId: string; open: number }>();
      for (const row of rows) {
        // The same need-to-know as the list: an overlap the caller may not see marks nothing.
        const view = bothSidesExist(sides.get(row.id)!) ? viewOverlap(row, sides.get(row.id)!, memberOf) : null;
        if (!view) continue;
        for (const side of [view.a, view.b]) {
          if ('hidden' in side) continue;
          const key = `${side.documentId}:${side.activityId}`;
          const mark = open.get(key) ?? { documentId: side.documentId, activityId: side.activityId, open: 0 };
          mark.open++;
          open.set(key, mark);
        }
      }
      return { activities: [...open.values()] };
    },
  });

  route({
    method: 'GET',
    url: '/api/overlaps/:id',
    summary: 'One overlap, as the list shows it (whatever its status or place in the list); 404 when the caller may not see it',
    tags: ['matrix'],
    response: z.strictObject({ overlap }),
    params: z.object({ id: idSchema }),
    handler: async ({ tx, principal, params }) => {
      const [row] = await tx.select().from(overlaps).where(eq(overlaps.id, params.id));
      if (!row) throw notFound('Overlap');
      const sides = (await loadOverlapSides(tx, [row])).get(row.id)!;
      const memberOf = await workspacesOf(tx, principal.userId);
      const view = bothSidesExist(sides) ? viewOverlap(row, sides, memberOf) : null;
      if (!view) throw notFound('Overlap');
      const [shown] = await withResolvers(tx, [{ row, sides, view }], memberOf);
      return { overlap: shown };
    },
  });

  route({
    method: 'POST',
    url: '/api/overlaps/:id/resolve',
    summary: 'Record how an overlap is handled: coordinate, co-lead, merge or not a duplicate (members and facilitators of either side); a resolved overlap may be resolved again another way (recorded as a change), and the same resolution and note again are answered without being recorded or announced',
    tags: ['matrix'],
    response: z.strictObject({ overlap }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: resolveBody,
    handler: async (ctx) => {
      const { tx, principal, params, body } = ctx;
      const [row] = await tx.select().from(overlaps).where(eq(overlaps.id, params.id)).for('update');
      if (!row) throw notFound('Overlap');
      const sides = (await loadOverlapSides(tx, [row])).get(row.id)!;
      const memberOf = await workspacesOf(tx, principal.userId);
      if (!bothSidesExist(sides) || !mayViewOverlap(sides, memberOf)) throw notFound('Overlap');
      const sideWorkspaces = [...new Set([sides.a.workspaceId, sides.b.workspaceId].filter((w): w is string => !!w))];
      let actingIn: string | undefined;
      for (const w of sideWorkspaces) {
        const access = memberOf.has(w) ? await findAccess(tx, principal.userId, w) : undefined;
        if (!actingIn && access && can(access, 'edit')) actingIn = w;
      }
      if (!actingIn) throw new AppError('forbidden', 'Only members and facilitators of a working group involved may resolve an overlap');
      // Resolved already the same way, with the same note (by whoever): nothing changes, so it is answered, not recorded
      // (or announced) again, and who resolved it when stays. Another resolution or note is a change, recorded as one.
      if (row.status === 'resolved' && row.resolution === body.resolution && row.note === (body.note || null)) {
        const view = viewOverlap(row, sides, memberOf);
        return { overlap: view ? (await withResolvers(tx, [{ row, sides, view }], memberOf))[0] : view };
      }
      const [updated] = await tx
        .update(overlaps)
        .set({ status: 'resolved', resolution: body.resolution, note: body.note || null, resolvedById: principal.userId, resolvedAt: new Date(), updatedAt: new Date() })
        .where(eq(overlaps.id, row.id))
        .returning();
      const changes = { status: { from: row.status, to: 'resolved' }, resolution: { from: row.resolution, to: body.resolution }, note: body.note ?? null };
      // The group the caller acts for always gets the audit entry; each other group that may see the
      // overlap gets it too, and every group that may see it gets the live update.
      for (const w of sideWorkspaces) {
        const view = viewOverlap(updated, sides, new Set([w]));
        if (view) ctx.emit(w, 'overlap:updated', { overlap: view });
        if (view || w === actingIn) await ctx.audit({ action: 'overlap.resolved', workspaceId: w, target: { type: 'overlap', id: row.id }, changes });
      }
      const bothSides = [
        { documentId: row.aDocumentId, activityId: row.aActivityId },
        { documentId: row.bDocumentId, activityId: row.bActivityId },
      ];
      await settleOverlapNotices(tx, bothSides, ctx);
      const view = viewOverlap(updated, sides, memberOf);
      return { overlap: view ? (await withResolvers(tx, [{ row: updated, sides, view }], memberOf))[0] : view };
    },
  });
}
