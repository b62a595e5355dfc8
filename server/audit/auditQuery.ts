/** Reading the audit trail: one filter set (action, actor, time range) shared by the JSON pages and the CSV export. */
import { and, desc, eq, gte, isNull, like, lt, lte, ne, notLike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { auditEvents, organizations, users } from '../../db/schema.js';
import { dateSchema, dateTimeSchema, idSchema } from '../../shared/schemas.js';

/** A day (`YYYY-MM-DD`, taken as UTC) or an exact instant with offset (what a browser sends for its local day). */
const instant = z.union([dateSchema, dateTimeSchema]);

/** Query filters; `action` matches exactly, or as a family when it has no dot (`decision` → `decision.*`). */
export const auditFilters = z.object({
  action: z.string().trim().max(100).regex(/^[a-z_.]*$/, 'Lowercase action names like decision.created').optional(),
  /** An action (or family) left out: the web app leaves out plan visits, which would bury the changes. */
  exceptAction: z.string().trim().max(100).regex(/^[a-z_.]*$/, 'Lowercase action names like document.visited').optional(),
  actorId: idSchema.optional(),
  from: instant.optional(),
  to: instant.optional(),
});

export type AuditFilters = z.infer<typeof auditFilters>;

/** Where the events live: one working group's trail, or the instance's own (events with no working group). */
export type AuditScope = { workspaceId: string } | { instance: true };

const DAY_MS = 24 * 3600 * 1000;

/** A bare day is inclusive at both ends: `to=2027-03-31` covers the whole of that day (up to its last millisecond). */
function bound(value: string, end: boolean): Date {
  // The last millisecond rather than the next day's start: after 9999-12-31 comes a year PostgreSQL cannot parse.
  if (value.length === 10) return new Date(Date.parse(`${value}T00:00:00Z`) + (end ? DAY_MS - 1 : 0));
  return new Date(value);
}

/** SQL conditions for a scope, filters and an optional keyset cursor (ids below it). */
export function auditConditions(scope: AuditScope, filters: AuditFilters, beforeId?: number): SQL {
  const conds: Array<SQL | undefined> = ['workspaceId' in scope ? eq(auditEvents.workspaceId, scope.workspaceId) : isNull(auditEvents.workspaceId)];
  if (beforeId) conds.push(lt(auditEvents.id, beforeId));
  if (filters.action) {
    conds.push(filters.action.includes('.') ? eq(auditEvents.action, filters.action) : or(eq(auditEvents.action, filters.action), like(auditEvents.action, `${filters.action.replace(/_/g, '\\_')}.%`)));
  }
  if (filters.exceptAction) {
    const except = filters.exceptAction;
    conds.push(except.includes('.') ? ne(auditEvents.action, except) : and(ne(auditEvents.action, except), notLike(auditEvents.action, `${except.replace(/_/g, '\\_')}.%`)));
  }
  if (filters.actorId) conds.push(eq(auditEvents.actorId, filters.actorId));
  if (filters.from) conds.push(gte(auditEvents.at, bound(filters.from, false)));
  if (filters.to) conds.push(lte(auditEvents.at, bound(filters.to, true)));
  return and(...conds)!;
}

export interface AuditRow {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  organizationId: string | null;
  organizationAcronym: string | null;
  action: string;
  target: { type: string; id: string };
  changes: Record<string, unknown>;
}

/** Up to `limit` events newest first, with the actor's name and organization acronym (people removed from the group keep their name). */
export async function readAudit(db: Executor, scope: AuditScope, filters: AuditFilters, limit: number, beforeId?: number): Promise<AuditRow[]> {
  const rows = await db
    .select({ e: auditEvents, actorName: users.name, acronym: organizations.acronym })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.organizationId))
    .where(auditConditions(scope, filters, beforeId))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return rows.map(({ e, actorName, acronym }) => ({
    id: String(e.id),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: actorName ?? null,
    organizationId: e.organizationId,
    organizationAcronym: acronym ?? null,
    action: e.action,
    target: e.target,
    changes: e.changes,
  }));
}

/** One page for the JSON routes: `{events, nextCursor}` (the cursor is the last id shown). */
export async function auditPage(db: Executor, scope: AuditScope, filters: AuditFilters, limit: number, cursor?: number) {
  const rows = await readAudit(db, scope, filters, limit + 1, cursor);
  const page = rows.slice(0, limit);
  return { events: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

/** Every matching event, newest first, read in batches so a long trail never sits in one query. */
export async function* allAudit(db: Executor, scope: AuditScope, filters: AuditFilters, batch = 1000): AsyncGenerator<AuditRow> {
  let before: number | undefined;
  for (;;) {
    const rows = await readAudit(db, scope, filters, batch, before);
    yield* rows;
    if (rows.length < batch) return;
    before = Number(rows[rows.length - 1].id);
  }
}
