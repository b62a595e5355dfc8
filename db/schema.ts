/** Drizzle schema: every table of Enlace. Migrations in db/migrations are generated from this file. */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** bytea as Uint8Array on both drivers. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
  fromDriver: (v) => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer)),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  acronym: text('acronym').notNull(),
  level: text('level').notNull(),
  stateCode: text('state_code'),
  createdAt: createdAt(),
  /** Set when the agency is defunct: kept on everything that names it, no longer offered for anything new. */
  deactivatedAt: ts('deactivated_at'),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    organizationId: text('organization_id').notNull().references(() => organizations.id),
    isAdmin: boolean('is_admin').notNull().default(false),
    locale: text('locale').notNull().default('es'),
    createdAt: createdAt(),
    /** Set by an instance admin for someone who left: they cannot sign in, and their sessions ended with it. */
    deactivatedAt: ts('deactivated_at'),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  mandateAreas: jsonb('mandate_areas').$type<string[]>().notNull(),
  /** Whether overlaps with other groups may reveal that an activity exists here (never its content). */
  shareOverlaps: boolean('share_overlaps').notNull().default(false),
  /** Last decision number used; incremented under a row lock for gap-free refs. */
  decisionSeq: integer('decision_seq').notNull().default(0),
  createdById: text('created_by_id').notNull(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    userId: text('user_id').notNull().references(() => users.id),
    organizationId: text('organization_id').notNull().references(() => organizations.id),
    role: text('role').notNull(),
    focalPoint: boolean('focal_point').notNull().default(false),
    lastVisitAt: ts('last_visit_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    uniqueIndex('memberships_one_focal_point_idx').on(t.workspaceId, t.organizationId).where(sql`${t.focalPoint}`),
  ],
);

export const invitations = pgTable('invitations', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
  tokenHash: text('token_hash').notNull(),
  role: text('role').notNull(),
  createdById: text('created_by_id').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  usedById: text('used_by_id'),
  revokedAt: ts('revoked_at'),
  revokedById: text('revoked_by_id'),
  /** For a person without an account: the agency their new account joins, vouched for by the facilitator who made the link. */
  organizationId: text('organization_id').references(() => organizations.id),
  createdAt: createdAt(),
});

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorId: text('actor_id'),
    organizationId: text('organization_id'),
    workspaceId: text('workspace_id'),
    ip: text('ip'),
    action: text('action').notNull(),
    target: jsonb('target').$type<{ type: string; id: string }>().notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_workspace_idx').on(t.workspaceId, t.id)],
);

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

export const decisions = pgTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    ref: integer('ref').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    status: text('status').notNull().default('proposed'),
    documentId: text('document_id'),
    activityIds: jsonb('activity_ids').$type<string[]>().notNull().default([]),
    meetingId: text('meeting_id'),
    ownerOrganizationId: text('owner_organization_id'),
    dueDate: text('due_date'),
    stanceVisibility: text('stance_visibility').notNull().default('open'),
    createdById: text('created_by_id').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('decisions_ref_idx').on(t.workspaceId, t.ref),
  ],
);

export const decisionHistory = pgTable(
  'decision_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    decisionId: text('decision_id').notNull().references(() => decisions.id),
    at: ts('at').notNull().defaultNow(),
    actorId: text('actor_id').notNull(),
    /** `{field: {from, to}}` for the decision's own fields; a stance entry also names its `organizationId` and `onBehalf`. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
  },
  // A decision's page reads its history, and "since your last visit" its entries after a time.
  (t) => [index('decision_history_decision_at_idx').on(t.decisionId, t.at)],
);

export const stances = pgTable(
  'stances',
  {
    decisionId: text('decision_id').notNull().references(() => decisions.id),
    organizationId: text('organization_id').notNull(),
    stance: text('stance').notNull(),
    reason: text('reason').notNull().default(''),
    castById: text('cast_by_id').notNull(),
    onBehalf: boolean('on_behalf').notNull().default(false),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.organizationId] })],
);

export const actions = pgTable(
  'actions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    decisionId: text('decision_id').notNull().references(() => decisions.id),
    title: text('title').notNull(),
    ownerOrganizationId: text('owner_organization_id').notNull(),
    assigneeId: text('assignee_id'),
    dueDate: text('due_date').notNull(),
    activityId: text('activity_id'),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('actions_workspace_idx').on(t.workspaceId)],
);

export const meetings = pgTable('meetings', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
  title: text('title').notNull(),
  startsAt: ts('starts_at').notNull(),
  agenda: jsonb('agenda').$type<Array<{ title: string; minutes?: number }>>().notNull(),
  status: text('status').notNull().default('scheduled'),
  currentItem: integer('current_item'),
  /** When the current agenda item began, so every client shows the same elapsed time against its time box. */
  currentItemStartedAt: ts('current_item_started_at'),
  attendance: jsonb('attendance').$type<string[]>().notNull().default([]),
  startedAt: ts('started_at'),
  closedAt: ts('closed_at'),
  /** Frozen at close: what the minutes say, forever. */
  minutes: jsonb('minutes').$type<Record<string, unknown>>(),
  createdById: text('created_by_id').notNull(),
  createdAt: createdAt(),
});

export const comments = pgTable(
  'comments',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull().references(() => documents.id),
    workspaceId: text('workspace_id').notNull(),
    threadId: text('thread_id').notNull(),
    parentId: text('parent_id'),
    authorId: text('author_id').notNull(),
    organizationId: text('organization_id').notNull(),
    body: text('body').notNull(),
    anchor: jsonb('anchor').$type<Record<string, unknown> | null>(),
    mentions: jsonb('mentions').$type<{ userIds: string[]; organizationIds: string[] }>().notNull(),
    // The names of the people and the acronyms of the agencies it mentions, kept for search (server/search/mentionNames.ts):
    // the body holds `@{userId}`, so a search for the person's name would not find it.
    mentionNames: text('mention_names').notNull().default(''),
    createdAt: createdAt(),
    editedAt: ts('edited_at'),
    deletedAt: ts('deleted_at'),
    resolvedAt: ts('resolved_at'),
    resolvedById: text('resolved_by_id'),
  },
  (t) => [
    index('comments_document_idx').on(t.documentId),
    index('comments_thread_idx').on(t.threadId),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    kind: text('kind').notNull(),
    target: jsonb('target').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Outgoing mail (daily digests); a sender drains it. */
export const outbox = pgTable('outbox', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
  sentAt: ts('sent_at'),
});

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
  },
  (t) => [primaryKey({ columns: [t.userId, t.documentId] })],
);

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

/**
 * Answers to POST requests sent with an `Idempotency-Key` header, per person: a retry of a request whose reply was
 * lost gets the stored answer instead of creating the thing twice (server/http/idempotency.ts). Kept 24 hours.
 */
export const idempotentRequests = pgTable(
  'idempotent_requests',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    /** Method, path and body the key was first used with: a key reused for another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    /** The JSON answered, byte for byte. */
    response: text('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
