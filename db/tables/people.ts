/** Organizations, people, sessions, working groups, memberships, invitations and the audit log. */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts, createdAt } from './columns.js';

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

/**
 * A person's calendar subscription link (server/routes/calendar/feed.ts): one per person (rotating replaces the row,
 * revoking deletes it), stored only as the token's hash. It opens the meetings feed and nothing else.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: text('user_id').primaryKey().references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    /** The last fetch, written at most every few minutes (calendar apps poll). */
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token_hash_idx').on(t.tokenHash)],
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
