/** SQL pieces every search step shares: the query, a table's rank and match, and the caller's scope. */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { activityProjection, comments, decisions, documents, memberships } from '../../db/schema.js';
import { storedSearchVector } from '../../db/searchVector.js';
import type { Executor } from '../../db/client.js';

export type SearchTable = Parameters<typeof storedSearchVector>[0];

/** `(to_tsquery('spanish', p) || to_tsquery('english', p) || to_tsquery('simple', p))`. */
export function tsquerySql(p: string): SQL {
  return sql`(to_tsquery('spanish'::regconfig, ${p}) || to_tsquery('english'::regconfig, ${p}) || to_tsquery('simple'::regconfig, ${p}))`;
}

/** Rank on a table's stored vector (its title weighted above the rest). */
export function rankSql(table: SearchTable, q: SQL): SQL<number> {
  return sql<number>`ts_rank(${storedSearchVector(table)}, ${q})`;
}

/** Whether a table's row matches the query (through its GIN index). */
export function matchSql(table: SearchTable, q: SQL): SQL {
  return sql`${storedSearchVector(table)} @@ ${q}`;
}

type WorkspaceColumn = typeof documents.workspaceId | typeof activityProjection.workspaceId | typeof decisions.workspaceId | typeof comments.workspaceId;

/** Need-to-know: a row's working group must be one of the caller's (and the one asked for, if any). */
export type ScopeSql = (col: WorkspaceColumn) => SQL | undefined;

/** The scope condition of a caller, optionally narrowed to one working group. */
export function callerScope(tx: Executor, userId: string, workspaceId?: string): ScopeSql {
  const mine = tx.select({ id: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, userId));
  return (col) => (workspaceId ? and(inArray(col, mine), eq(col, workspaceId)) : inArray(col, mine));
}
