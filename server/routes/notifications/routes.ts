/**
 * The caller's own notifications. Only those of working groups the caller still belongs to are
 * shown or counted: leaving a group hides what it said about itself (need-to-know).
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { comments, documents, memberships, notifications, users, workspaces } from '../../../db/schema.js';
import { idSchema } from '../../../shared/schemas.js';
import { AppError } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { pageCursorSchema, queryFlagSchema } from '../../http/queryValues.js';
import { commentExcerpt, mentionedIds } from '../../notifications/excerpt.js';
import { markRead, presentNotification, type NotificationRow } from '../../notifications/notify.js';
import { stanceRequestStates } from '../../notifications/stanceRequestState.js';
import { notification } from '../../http/responses/participation.js';
import { memberNames } from '../../policies/memberNames.js';

const memberJoin = and(eq(memberships.workspaceId, notifications.workspaceId), eq(memberships.userId, notifications.userId));

/** A page of the inbox: `cursor` is the `nextCursor` of the page before (opaque). */
const listQuery = z.object({
  unread: queryFlagSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: pageCursorSchema.optional(),
});

const encodeCursor = (id: string): string => Buffer.from(id).toString('base64url');

/**
 * Where the page before ended, as a condition on (created_at, id) compared in the database, so the
 * timestamp keeps its full precision. A cursor naming none of the caller's notifications is a 400.
 */
async function afterCursor(tx: Executor, userId: string, cursor: string): Promise<SQL> {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  const [row] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) throw new AppError('validation_failed', 'Not a cursor this API gave', [{ path: 'cursor', message: 'Use the nextCursor of the previous page' }]);
  return sql`(${notifications.createdAt}, ${notifications.id}) < (select n.created_at, n.id from notifications n where n.id = ${id})`;
}

async function visibleNotifications(tx: Executor, userId: string, where?: SQL, limit = 200): Promise<NotificationRow[]> {
  const rows = await tx
    .select({ n: notifications })
    .from(notifications)
    .innerJoin(memberships, memberJoin)
    .where(and(eq(notifications.userId, userId), where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return rows.map((r) => r.n);
}

/** Names the inbox shows next to each notification, and where a stance request stands, read now (titles, names and decisions change). */
async function contextFor(tx: Executor, userId: string, rows: NotificationRow[]) {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const docIds = [...new Set(rows.map((r) => str(r.target.documentId)).filter((v): v is string => !!v))];
  const actorIds = [...new Set(rows.map((r) => str(r.target.actorId)).filter((v): v is string => !!v))];
  const wsIds = [...new Set(rows.map((r) => r.workspaceId))];
  const [docs, actors, wss] = await Promise.all([
    docIds.length ? tx.select({ id: documents.id, title: documents.title }).from(documents).where(inArray(documents.id, docIds)) : [],
    actorIds.length ? tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : [],
    wsIds.length ? tx.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(inArray(workspaces.id, wsIds)) : [],
  ]);
  const title = new Map(docs.map((d) => [d.id, d.title]));
  const name = new Map(actors.map((a) => [a.id, a.name]));
  const wsName = new Map(wss.map((w) => [w.id, w.name]));
  const excerpt = await excerptsFor(tx, rows);
  const stanceRequest = await stanceRequestStates(tx, userId, rows);
  return (r: NotificationRow) => ({
    workspaceName: wsName.get(r.workspaceId) ?? null,
    documentTitle: title.get(str(r.target.documentId) ?? '') ?? null,
    actorName: name.get(str(r.target.actorId) ?? '') ?? null,
    excerpt: excerpt(r),
    stanceRequest: stanceRequest(r),
  });
}

/**
 * The start of the comment a mention or reply is about, read now (an edit shows, a deleted comment gives null).
 * Only comments of the notification's own working group, which the caller belongs to (the list is filtered by
 * membership); the people it mentions are named from that group's current members, as the plan's thread does.
 */
async function excerptsFor(tx: Executor, rows: NotificationRow[]): Promise<(r: NotificationRow) => string | null> {
  const commentIdOf = (r: NotificationRow) => ((r.kind === 'mention' || r.kind === 'reply' || r.kind === 'thread_resolved') && typeof r.target.commentId === 'string' ? r.target.commentId : undefined);
  const ids = [...new Set(rows.map(commentIdOf).filter((v): v is string => !!v))];
  if (!ids.length) return () => null;
  const found = await tx
    .select({ id: comments.id, workspaceId: comments.workspaceId, body: comments.body, deletedAt: comments.deletedAt })
    .from(comments)
    .where(inArray(comments.id, ids));
  const live = found.filter((c) => c.deletedAt === null);
  const named = [...new Set(live.flatMap((c) => mentionedIds(c.body)))];
  const wsIds = [...new Set(live.map((c) => c.workspaceId))];
  const people = await memberNames(tx, named, wsIds);
  const nameIn = new Map(people.map((p) => [`${p.workspaceId}|${p.userId}`, p.name]));
  const byId = new Map(live.map((c) => [c.id, c]));
  return (r) => {
    const c = byId.get(commentIdOf(r) ?? '');
    if (!c || c.workspaceId !== r.workspaceId) return null;
    return commentExcerpt(c.body, (userId) => nameIn.get(`${c.workspaceId}|${userId}`));
  };
}

export function registerNotificationRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/notifications',
    summary: 'The caller’s notifications, newest first, a page at a time (`limit`, default 200; follow `nextCursor`); ?unread=true for unread only',
    tags: ['notifications'],
    response: z.strictObject({ notifications: z.array(notification), nextCursor: z.string().nullable() }),
    query: listQuery,
    handler: async ({ tx, principal, query }) => {
      const after = query.cursor ? await afterCursor(tx, principal.userId, query.cursor) : undefined;
      const rows = await visibleNotifications(tx, principal.userId, and(query.unread ? isNull(notifications.readAt) : undefined, after), query.limit + 1);
      const page = rows.slice(0, query.limit);
      const context = await contextFor(tx, principal.userId, page);
      return {
        notifications: page.map((r) => ({ ...presentNotification(r), ...context(r) })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
      };
    },
  });

  route({
    method: 'GET',
    url: '/api/notifications/unread-counts',
    summary: 'How many unread notifications the caller has, per plan and in total',
    tags: ['notifications'],
    response: z.strictObject({ byDocument: z.record(z.string(), z.number().int()).describe('Unread per plan id'), total: z.number().int() }),
    handler: async ({ tx, principal }) => {
      const documentId = sql<string | null>`${notifications.target} ->> 'documentId'`;
      const rows = await tx
        .select({ documentId, n: sql<number>`count(*)::int` })
        .from(notifications)
        .innerJoin(memberships, memberJoin)
        .where(and(eq(notifications.userId, principal.userId), isNull(notifications.readAt)))
        .groupBy(documentId);
      const byDocument: Record<string, number> = {};
      let total = 0;
      for (const r of rows) {
        total += Number(r.n);
        if (r.documentId) byDocument[r.documentId] = Number(r.n);
      }
      return { byDocument, total };
    },
  });

  route({
    method: 'POST',
    url: '/api/notifications/read',
    summary: 'Mark some ({ids}) or all ({all:true}) of the caller’s notifications read',
    tags: ['notifications'],
    response: z.strictObject({ read: z.array(z.string()).describe('The ids marked read now') }),
    // Neither shape matched: zod's "Invalid input" would not say what to send.
    body: z.union([z.object({ ids: z.array(idSchema).min(1).max(500) }).strict(), z.object({ all: z.literal(true) }).strict()], {
      error: 'Send {"ids": [...]} (1 to 500 notification ids) or {"all": true}',
    }),
    handler: async (ctx) => {
      const { tx, principal, body } = ctx;
      const which = 'ids' in body ? inArray(notifications.id, body.ids) : undefined;
      const updated = await markRead(
        tx,
        // Only of groups the caller still belongs to, as the list and the count show: one left keeps its own unread.
        and(
          eq(notifications.userId, principal.userId),
          isNull(notifications.readAt),
          which,
          sql`exists (select 1 from ${memberships} where ${memberships.workspaceId} = ${notifications.workspaceId} and ${memberships.userId} = ${notifications.userId})`,
        )!,
      );
      if (updated.length) {
        await ctx.audit({ action: 'notifications.read', target: { type: 'user', id: principal.userId }, changes: { count: updated.length, all: 'all' in body } });
        // The reader's other tabs (the header's count, the home page, another inbox) recount; one event per group.
        const byWorkspace = new Map<string, string[]>();
        for (const n of updated) {
          const ids = byWorkspace.get(n.workspaceId);
          if (ids) ids.push(n.id);
          else byWorkspace.set(n.workspaceId, [n.id]);
        }
        ctx.afterCommit(() => {
          for (const [workspaceId, ids] of byWorkspace) ctx.services.events.toUser(principal.userId, 'notification:read', { workspaceId, ids });
        });
      }
      return { read: updated.map((u) => u.id) };
    },
  });
}
