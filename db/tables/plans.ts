/** Plans: the document rows, the durable Yjs update log, snapshots, versions, visits and contributions. */
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bytea, ts, createdAt } from './columns.js';
import { workspaces } from './people.js';

export const documents = pgTable(
  'documents',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    title: text('title').notNull(),
    createdById: text('created_by_id').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** Plain text of prose and activities, refreshed by the projection; what search reads. */
    searchText: text('search_text').notNull().default(''),
  },
  (t) => [
    index('documents_workspace_idx').on(t.workspaceId),
    // Full-text search reads a stored, weighted vector kept by PostgreSQL (db/searchVector.ts, migration 0007).
  ],
);

/** The durable update log: every Yjs update a client sent, appended before it counts as saved. */
export const documentUpdates = pgTable(
  'document_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: text('document_id').notNull(),
    update: bytea('update').notNull(),
    userId: text('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('document_updates_doc_idx').on(t.documentId, t.id)],
);

/** The compacted state of a document: the log folded up to (and including) the ids it replaced. */
export const documentSnapshots = pgTable('document_snapshots', {
  documentId: text('document_id').primaryKey(),
  state: bytea('state').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const versions = pgTable(
  'versions',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull().references(() => documents.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** The full encoded Yjs state at that moment. */
    state: bytea('state').notNull(),
    /** Highest update-log id the version includes, for contributor attribution. */
    logPosition: integer('log_position').notNull().default(0),
    /**
     * On the backup a restore saved: the restore's change, as the clock each Yjs client reaches in it (client id →
     * clock after). A client whose state vector does not cover it had not received the restore: what it sends from
     * that older base is added to this backup (see versions/staleBaseEdits). Null on every other version.
     */
    restoreMark: jsonb('restore_mark').$type<Record<string, number>>(),
    meetingId: text('meeting_id'),
    createdById: text('created_by_id'),
    createdAt: createdAt(),
  },
  (t) => [index('versions_document_idx').on(t.documentId, t.createdAt)],
);

/**
 * One restore of a plan at a time, across nodes: two restores computed from the same state would each insert the
 * version's content, and the plan would hold it twice. A row is held while a restore runs; it expires so that a node
 * killed mid-restore does not block the plan for ever.
 */
export const planRestoreLeases = pgTable('plan_restore_leases', {
  documentId: text('document_id').primaryKey().references(() => documents.id),
  holder: text('holder').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

export const versionApprovals = pgTable(
  'version_approvals',
  {
    versionId: text('version_id').notNull().references(() => versions.id),
    organizationId: text('organization_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.organizationId] })],
);

/** When a user last opened a plan: drives "what changed since I was here". */
export const documentVisits = pgTable(
  'document_visits',
  {
    userId: text('user_id').notNull(),
    documentId: text('document_id').notNull(),
    lastVisitAt: ts('last_visit_at').notNull(),
    /** Highest update-log id the user had seen. */
    logPosition: integer('log_position').notNull().default(0),
    /** Encoded Yjs snapshot (state vector + delete set) at the visit: what changed survives log compaction. */
    snapshot: bytea('snapshot'),
    /** The plan's headings at the visit, by Yjs item id: names a section deleted since (its text goes with it). */
    headings: jsonb('headings').$type<Array<{ client: number; clock: number; text: string }>>(),
    /**
     * A digest of each activity's fields at the visit, by activity id: an activity others changed and changed back
     * since is not news (its old values are gone from the live document). Null for visits before it was kept.
     */
    activityDigests: jsonb('activity_digests').$type<Record<string, string>>(),
    /**
     * What each field of each activity read at the visit, packed (server/notifications/activityFieldDigests.ts): names
     * the fields others changed since. Kept instead of `activity_digests` by visits since; null for older visits.
     */
    activityFieldDigests: bytea('activity_field_digests'),
    /** The same for the prose, by section name (its heading's text): a section changed and changed back is not news. */
    sectionDigests: jsonb('section_digests').$type<Record<string, string>>(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.documentId] })],
);

/** Who contributed log ranges that compaction folded away: keeps diff attribution after compaction. */
export const documentContributions = pgTable(
  'document_contributions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: text('document_id').notNull(),
    userId: text('user_id').notNull(),
    minLogId: integer('min_log_id').notNull(),
    maxLogId: integer('max_log_id').notNull(),
    updates: integer('updates').notNull(),
    /** The Yjs clients this person wrote with in the range (null: folded before this was kept). */
    clients: jsonb('clients').$type<number[]>(),
    /** What this person deleted in the range, as [client, clock, length] (null: folded before this was kept). */
    deletes: jsonb('deletes').$type<Array<[number, number, number]>>(),
  },
  (t) => [index('document_contributions_doc_idx').on(t.documentId, t.maxLogId)],
);
