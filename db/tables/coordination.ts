/** The activity projection the matrix reads, and overlaps between activities. */
import { index, jsonb, pgTable, primaryKey, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts, createdAt } from './columns.js';

/** Projection of every plan's activities table: what the matrix and overlap detection read. */
export const activityProjection = pgTable(
  'activity_projection',
  {
    documentId: text('document_id').notNull(),
    activityId: text('activity_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    leadOrganizationId: text('lead_organization_id'),
    partnerOrganizationIds: jsonb('partner_organization_ids').$type<string[]>().notNull(),
    mandateArea: text('mandate_area'),
    stateCodes: jsonb('state_codes').$type<string[]>().notNull(),
    municipalityCodes: jsonb('municipality_codes').$type<string[]>().notNull(),
    startDate: text('start_date'),
    endDate: text('end_date'),
    status: text('status').notNull(),
    target: text('target').notNull().default(''),
    indicator: text('indicator').notNull().default(''),
    /** A digest of the row's projected fields: a pass diffs a plan by these, not by reading every stored row whole. */
    contentDigest: text('content_digest').notNull().default(''),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.activityId] }),
    index('activity_projection_ws_idx').on(t.workspaceId),
    // Overlap passes read one mandate area's neighbourhood.
    index('activity_projection_area_idx').on(t.mandateArea),
  ],
);

/**
 * Plans whose projection pass runs in short transactions (embedded PGlite) and has not written its overlaps yet.
 * A plan still listed when its next pass starts had a pass cut short: that pass re-detects all of its rows.
 */
export const projectionPending = pgTable('projection_pending', {
  documentId: text('document_id').primaryKey(),
  since: ts('since').notNull().defaultNow(),
});

export const overlaps = pgTable(
  'overlaps',
  {
    id: text('id').primaryKey(),
    aDocumentId: text('a_document_id').notNull(),
    aActivityId: text('a_activity_id').notNull(),
    bDocumentId: text('b_document_id').notNull(),
    bActivityId: text('b_activity_id').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    score: real('score').notNull(),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    note: text('note'),
    resolvedById: text('resolved_by_id'),
    resolvedAt: ts('resolved_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('overlaps_pair_idx').on(t.aDocumentId, t.aActivityId, t.bDocumentId, t.bActivityId),
    // An activity's overlaps are looked up from either side.
    index('overlaps_b_idx').on(t.bDocumentId, t.bActivityId),
  ],
);
