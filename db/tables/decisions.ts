/** Decisions, their history and stances, actions and meetings. */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts, createdAt } from './columns.js';
import { workspaces } from './people.js';

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
    /** The decision of the same working group that replaced this one; only while its status is `superseded`. */
    supersededById: text('superseded_by_id'),
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
  (t) => [
    index('actions_workspace_idx').on(t.workspaceId),
    // The reminder pass reads the open actions due by tomorrow every few minutes (notifications/actionReminders.ts).
    index('actions_open_due_idx').on(t.dueDate).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * Each reminder sent about an action coming due: one row per action, stage (`due_soon`, `overdue`) and due date, so
 * every node running the pass sends it once (INSERT … ON CONFLICT DO NOTHING), and a new due date starts afresh.
 */
export const actionReminders = pgTable(
  'action_reminders',
  {
    actionId: text('action_id').notNull().references(() => actions.id),
    stage: text('stage').notNull(),
    dueDate: text('due_date').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.stage, t.dueDate] })],
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
  /** Corrections and the cancelling so far: the calendar event's SEQUENCE, so calendars replace what they hold. */
  calendarSequence: integer('calendar_sequence').notNull().default(0),
  createdById: text('created_by_id').notNull(),
  createdAt: createdAt(),
});
