/** Comments, notifications, outgoing mail and stored answers to retried requests. */
import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts, createdAt } from './columns.js';
import { documents } from './plans.js';

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
