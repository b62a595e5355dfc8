/**
 * Writing one plan's activities into `activity_projection`: diff the plan against the rows stored
 * for it, then upsert what changed and delete what went away, inside the caller's transaction.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Executor } from '../../db/client.js';
import { activityProjection, documents, projectionPending } from '../../db/schema.js';
import { bodyToPlainText, getBody, readActivities, type Activity } from '../../shared/planModel.js';
import { nextTurn } from '../workers/timeSlice.js';
import { diffPlan, storedToRow } from './projectionDiff.js';
import type { ActivityRow } from './activityIndex.js';

// Read beside the diff that uses it; callers keep importing it with the row shapes here.
export { storedToRow };

export type ProjectionRow = InferSelectModel<typeof activityProjection>;

/** A projected activity as the overlap detector and the matrix read it. */
export type ProjectedActivity = ActivityRow & { indicator: string };

/** What one plan's projection changed: rows before and after, for overlap detection. */
export interface ProjectionDiff {
  documentId: string;
  workspaceId: string;
  /** New or changed rows (their new values). */
  changed: ProjectedActivity[];
  /** Stored rows before the change, for rows that changed or were removed. */
  previous: ProjectedActivity[];
  /** Activity ids no longer in the plan. */
  removedIds: string[];
}

/**
 * Search indexes this much of a plan at most (prose, then all of it). The index computes three tsvectors of
 * the whole text in the database: a pasted 10 MB body took over a minute there (blocking the node on embedded
 * PGlite) and failed past tsvector's 1 MB limit, so the projection never caught up.
 */
export const MAX_SEARCH_PROSE_CHARS = 40_000;
export const MAX_SEARCH_TEXT_CHARS = 60_000;

/** The plain text search reads: prose, then each activity's title and description; capped. */
export function planSearchText(doc: Y.Doc, activities: Activity[] = readActivities(doc)): string {
  const parts = [bodyToPlainText(getBody(doc)).slice(0, MAX_SEARCH_PROSE_CHARS)];
  for (const a of activities) parts.push([a.title, a.description].filter(Boolean).join('\n'));
  return parts.filter(Boolean).join('\n').slice(0, MAX_SEARCH_TEXT_CHARS);
}

/** An activity as its projected row (without bookkeeping columns). */
export function activityToRow(documentId: string, workspaceId: string, a: Activity): ProjectedActivity {
  return {
    documentId,
    workspaceId,
    activityId: a.id,
    title: a.title,
    description: a.description,
    leadOrganizationId: a.leadOrganizationId,
    partnerOrganizationIds: a.partnerOrganizationIds,
    mandateArea: a.mandateArea,
    stateCodes: a.stateCodes,
    municipalityCodes: a.municipalityCodes,
    startDate: a.startDate,
    endDate: a.endDate,
    status: a.status,
    target: a.target,
    indicator: a.indicator,
  };
}


/**
 * Rows per upsert statement at most: embedded PGlite runs each statement in this thread (1,000 short rows held the
 * event loop for ~105 ms, 200 hold it for ~20 ms).
 */
const UPSERT_MAX_ROWS = 200;
/** Characters of text per upsert statement at most: each is indexed three times (about 40 ms per 64 K here on PGlite). */
const UPSERT_MAX_CHARS = 64 * 1024;

/** `rows` cut into upsert statements of bounded parameters and text, in order. */
export function upsertChunks(rows: ProjectedActivity[]): ProjectedActivity[][] {
  const chunks: ProjectedActivity[][] = [];
  let current: ProjectedActivity[] = [];
  let chars = 0;
  for (const row of rows) {
    const size = row.title.length + row.description.length + row.target.length + row.indicator.length;
    if (current.length && (current.length >= UPSERT_MAX_ROWS || chars + size > UPSERT_MAX_CHARS)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Stored columns an upsert writes, with their types as `jsonb_to_recordset` reads them. */
const UPSERT_COLUMNS: ReadonlyArray<[column: string, type: 'text' | 'jsonb', field: keyof ProjectedActivity | 'contentDigest']> = [
  ['document_id', 'text', 'documentId'],
  ['activity_id', 'text', 'activityId'],
  ['workspace_id', 'text', 'workspaceId'],
  ['title', 'text', 'title'],
  ['description', 'text', 'description'],
  ['lead_organization_id', 'text', 'leadOrganizationId'],
  ['partner_organization_ids', 'jsonb', 'partnerOrganizationIds'],
  ['mandate_area', 'text', 'mandateArea'],
  ['state_codes', 'jsonb', 'stateCodes'],
  ['municipality_codes', 'jsonb', 'municipalityCodes'],
  ['start_date', 'text', 'startDate'],
  ['end_date', 'text', 'endDate'],
  ['status', 'text', 'status'],
  ['target', 'text', 'target'],
  ['indicator', 'text', 'indicator'],
  ['content_digest', 'text', 'contentDigest'],
];
const UPSERT_SQL = {
  names: sql.raw(UPSERT_COLUMNS.map(([c]) => c).join(', ')),
  record: sql.raw(UPSERT_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')),
  update: sql.raw(UPSERT_COLUMNS.slice(2).map(([c]) => `${c} = excluded.${c}`).join(', ')),
};

/**
 * Inserts or replaces `rows` (with their digests) in one statement carrying one jsonb parameter. Built by the query
 * builder, 16 parameters a row cost ~30 ms of this thread per 500 rows to build and bind, and PostgreSQL planned
 * thousands of parameters for each statement.
 */
export async function upsertRows(tx: Executor, rows: ProjectedActivity[], digestOf: (row: ProjectedActivity) => string): Promise<void> {
  const records = JSON.stringify(
    rows.map((row) => {
      const withDigest: ProjectedActivity & { contentDigest: string } = { ...row, contentDigest: digestOf(row) };
      return Object.fromEntries(UPSERT_COLUMNS.map(([column, , field]) => [column, withDigest[field]]));
    }),
  );
  await tx.execute(sql`insert into ${activityProjection} (${UPSERT_SQL.names}, updated_at)
    select ${UPSERT_SQL.names}, now() from jsonb_to_recordset(${records}::jsonb) as r(${UPSERT_SQL.record})
    on conflict (document_id, activity_id) do update set ${UPSERT_SQL.update}, updated_at = now()`);
}

/** When a projection write dates the plan as changed. */
export type PlanDating = 'always' | 'ifChanged' | 'never';

/**
 * Makes the stored projection of one plan equal `activities`, and refreshes the plan's search text
 * and dates the plan's last change (`updated_at`): always, never, or only when its rows or text differ from
 * what is stored. Duplicate activity ids in a plan keep their first row.
 */
export async function writePlanProjection(
  tx: Executor,
  doc: { documentId: string; workspaceId: string; activities: Activity[]; searchText: string },
  touch: PlanDating,
): Promise<ProjectionDiff> {
  const { changed, previous, removedIds, undigested, digests } = await diffPlan(tx, doc.documentId, wantedRows(doc));
  for (const chunk of upsertChunks([...changed, ...undigested])) {
    await upsertRows(tx, chunk, (row) => digests.get(row.activityId) ?? '');
    // Embedded PGlite computes the search vectors in this thread, and its queries resolve without a macrotask
    // between them: without this turn, 2,000 long activities held the event loop for the whole write (4 s).
    await nextTurn();
  }
  await deleteRows(tx, doc.documentId, removedIds);
  await datePlan(tx, doc, touch, changed.length > 0 || removedIds.length > 0);
  // The search text's three vectors take ~50 ms to compute at its cap on PGlite: overlap detection follows after a turn.
  await nextTurn();
  return { documentId: doc.documentId, workspaceId: doc.workspaceId, changed, previous, removedIds };
}

/** One row per activity id (duplicates keep their first row). */
export function wantedRows(doc: { documentId: string; workspaceId: string; activities: Activity[] }): Map<string, ProjectedActivity> {
  const wanted = new Map<string, ProjectedActivity>();
  for (const a of doc.activities) if (!wanted.has(a.id)) wanted.set(a.id, activityToRow(doc.documentId, doc.workspaceId, a));
  return wanted;
}

/** Deletes a plan's rows of these activity ids; one jsonb parameter, however many (a plan emptied removes up to 20,000). */
export async function deleteRows(tx: Executor, documentId: string, activityIds: string[]): Promise<void> {
  if (!activityIds.length) return;
  const ids = JSON.stringify(activityIds);
  await tx.delete(activityProjection).where(and(eq(activityProjection.documentId, documentId), sql`${activityProjection.activityId} in (select jsonb_array_elements_text(${ids}::jsonb))`));
}

/** Stores the plan's search text and dates its last change as `touch` says (`changed`: its rows differ from what was stored). */
export async function datePlan(tx: Executor, doc: { documentId: string; searchText: string }, touch: PlanDating, changed: boolean): Promise<void> {
  if (touch === 'always' || (touch === 'ifChanged' && changed)) {
    await tx.update(documents).set({ searchText: doc.searchText, updatedAt: sql`now()` }).where(eq(documents.id, doc.documentId));
    return;
  }
  // Search text is rewritten only where it differs: each write re-indexes the plan's full text.
  const set = touch === 'ifChanged' ? { searchText: doc.searchText, updatedAt: sql`now()` } : { searchText: doc.searchText };
  await tx.update(documents).set(set).where(and(eq(documents.id, doc.documentId), ne(documents.searchText, doc.searchText)));
}

/** Deletes every projected row of a plan that no longer exists. */
export async function dropPlanProjection(tx: Executor, documentId: string): Promise<ProjectionDiff> {
  await tx.delete(projectionPending).where(eq(projectionPending.documentId, documentId));
  const stored = await tx.delete(activityProjection).where(eq(activityProjection.documentId, documentId)).returning();
  return {
    documentId,
    workspaceId: stored[0]?.workspaceId ?? '',
    changed: [],
    previous: stored.map(storedToRow),
    removedIds: stored.map((r) => r.activityId),
  };
}
