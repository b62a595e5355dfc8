/**
 * Writing one plan's activities into `activity_projection`: diff the plan against the rows stored
 * for it, then upsert what changed and delete what went away, inside the caller's transaction.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Executor } from '../../db/client.js';
import { activityProjection, documents } from '../../db/schema.js';
import { bodyToPlainText, getBody, readActivities, type Activity } from '../../shared/planModel.js';
import { nextTurn } from '../workers/timeSlice.js';
import { diffPlan } from './projectionDiff.js';
import type { ActivityRow } from './overlapDetection.js';

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

/** A stored row without bookkeeping columns. */
export function storedToRow(r: ProjectionRow): ProjectedActivity {
  const { updatedAt: _updatedAt, contentDigest: _contentDigest, ...row } = r;
  return row;
}

/**
 * Rows per upsert statement at most: 16 parameters each stay far under PostgreSQL's 65,535, and embedded PGlite runs
 * each statement in this thread (1,000 short rows held the event loop for ~105 ms; 500 for ~70 ms, query building
 * included; 200 for ~30 ms).
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
  const wanted = new Map<string, ProjectedActivity>();
  for (const a of doc.activities) if (!wanted.has(a.id)) wanted.set(a.id, activityToRow(doc.documentId, doc.workspaceId, a));
  const { changed, previous, removedIds, undigested, digests } = await diffPlan(tx, doc.documentId, wanted);

  for (const chunk of upsertChunks([...changed, ...undigested])) {
    await tx
      .insert(activityProjection)
      .values(chunk.map((row) => ({ ...row, contentDigest: digests.get(row.activityId) ?? '' })))
      .onConflictDoUpdate({
        target: [activityProjection.documentId, activityProjection.activityId],
        set: {
          workspaceId: sql`excluded.workspace_id`,
          title: sql`excluded.title`,
          description: sql`excluded.description`,
          leadOrganizationId: sql`excluded.lead_organization_id`,
          partnerOrganizationIds: sql`excluded.partner_organization_ids`,
          mandateArea: sql`excluded.mandate_area`,
          stateCodes: sql`excluded.state_codes`,
          municipalityCodes: sql`excluded.municipality_codes`,
          startDate: sql`excluded.start_date`,
          endDate: sql`excluded.end_date`,
          status: sql`excluded.status`,
          target: sql`excluded.target`,
          indicator: sql`excluded.indicator`,
          contentDigest: sql`excluded.content_digest`,
          updatedAt: sql`now()`,
        },
      });
    // Embedded PGlite computes the search vectors in this thread, and its queries resolve without a macrotask
    // between them: without this turn, 2,000 long activities held the event loop for the whole write (4 s).
    await nextTurn();
  }
  if (removedIds.length) {
    // One jsonb parameter, however many ids: a plan emptied at once removes up to 20,000.
    const ids = JSON.stringify(removedIds);
    await tx.delete(activityProjection).where(and(eq(activityProjection.documentId, doc.documentId), sql`${activityProjection.activityId} in (select jsonb_array_elements_text(${ids}::jsonb))`));
  }
  if (touch === 'always' || (touch === 'ifChanged' && (changed.length > 0 || removedIds.length > 0))) {
    await tx.update(documents).set({ searchText: doc.searchText, updatedAt: sql`now()` }).where(eq(documents.id, doc.documentId));
  } else {
    // Search text is rewritten only where it differs: each write re-indexes the plan's full text.
    const set = touch === 'ifChanged' ? { searchText: doc.searchText, updatedAt: sql`now()` } : { searchText: doc.searchText };
    await tx.update(documents).set(set).where(and(eq(documents.id, doc.documentId), ne(documents.searchText, doc.searchText)));
  }
  // The search text's three vectors take ~50 ms to compute at its cap on PGlite: overlap detection follows after a turn.
  await nextTurn();
  return { documentId: doc.documentId, workspaceId: doc.workspaceId, changed, previous, removedIds };
}

/** Deletes every projected row of a plan that no longer exists. */
export async function dropPlanProjection(tx: Executor, documentId: string): Promise<ProjectionDiff> {
  const stored = await tx.delete(activityProjection).where(eq(activityProjection.documentId, documentId)).returning();
  return {
    documentId,
    workspaceId: stored[0]?.workspaceId ?? '',
    changed: [],
    previous: stored.map(storedToRow),
    removedIds: stored.map((r) => r.activityId),
  };
}
