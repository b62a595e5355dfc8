/** Decisions, stances, actions and meetings, as `server/routes/decisions/presenters.ts` and the meeting routes show them. */
import { z } from 'zod';
import { ACTION_STATUSES, DECISION_STATUSES, MEETING_STATUSES, ORGANIZATION_LEVELS, STANCES } from '../../../shared/constants.js';
import { component, day, id, instant } from './common.js';

/** presentDecision; `ref` is `D-{number}`, gap-free per working group. */
export const decision = component(
  'Decision',
  z.strictObject({
    id,
    workspaceId: id,
    ref: z.string().describe('D-1, D-2…'),
    number: z.number().int(),
    title: z.string(),
    body: z.string(),
    status: z.enum(DECISION_STATUSES),
    documentId: id.nullable(),
    activityIds: z.array(z.string()),
    meetingId: id.nullable(),
    ownerOrganizationId: id.nullable(),
    dueDate: day.nullable(),
    stanceVisibility: z.enum(['open', 'hidden_until_closed']),
    createdById: id,
    createdAt: instant,
    updatedAt: instant,
    closedAt: instant.nullable(),
    supersededById: id.nullable().describe('The decision of the same group that replaced this one, while superseded'),
  }),
);

/** decisionProgress: how far a decision has come, as its group's register shows it. */
export const decisionProgress = component(
  'DecisionProgress',
  z.strictObject({
    stances: z.number().int().describe('Organizations taking part that have cast their stance (hidden stances count)'),
    organizations: z.number().int().describe('Organizations taking part (a non-observer member), each expected to cast one'),
    openActions: z.number().int(),
    overdueActions: z.number().int().describe('Open actions past their due date'),
  }),
);

/** presentStance: the stance, or only that one exists while stances stay hidden until the decision closes. */
export const stance = component(
  'Stance',
  z.union([
    z.strictObject({ organizationId: id, stance: z.enum(STANCES), reason: z.string(), castById: id, onBehalf: z.boolean(), updatedAt: instant }),
    z.strictObject({ organizationId: id, hidden: z.literal(true) }),
  ]),
);

/** presentAction; `overdue` is open and past its due date. */
export const action = component(
  'Action',
  z.strictObject({
    id,
    workspaceId: id,
    decisionId: id,
    title: z.string(),
    ownerOrganizationId: id,
    assigneeId: id.nullable(),
    dueDate: day,
    activityId: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
    overdue: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
  }),
);

/** An action in one person's list across their groups (GET /api/me/actions): where it belongs, besides the usual. */
export const myAction = component(
  'MyAction',
  action.extend({
    workspaceName: z.string(),
    decisionRef: z.string().describe('Its decision’s D-1, D-2…'),
    decisionTitle: z.string(),
  }),
);

/** decisionDetail: the decision with stances (visibility applied), actions, history and quorum. */
export const decisionView = component(
  'DecisionDetail',
  z.strictObject({
    decision,
    stances: z.array(stance),
    actions: z.array(action),
    history: z.array(
      z.strictObject({
        at: instant,
        actorId: id,
        changes: z
          .record(z.string(), z.unknown())
          .describe('`{field: {from, to}}`; a recorded stance is `{organizationId, onBehalf, stance: {from, to}}` (no `stance` while stances are hidden)'),
      }),
    ),
    quorum: z.strictObject({
      participating: z.array(z.strictObject({ organizationId: id, acronym: z.string(), level: z.enum(ORGANIZATION_LEVELS), hasStance: z.boolean() })),
      pendingOrganizationIds: z.array(id),
      byLevel: z.record(z.string(), z.strictObject({ total: z.number().int(), pending: z.array(id) })).describe('By organization level'),
      complete: z.boolean(),
    }),
  }),
);

const agendaItem = z.strictObject({ title: z.string(), minutes: z.number().int().optional() });

/** What the minutes say, frozen at close (gatherMinutes). */
export const minutes = component(
  'Minutes',
  z.strictObject({
    agenda: z.array(agendaItem),
    attendance: z.array(id),
    decisions: z.array(
      z.strictObject({
        id,
        ref: z.string(),
        title: z.string(),
        status: z.enum(DECISION_STATUSES),
        body: z.string(),
        stances: z.array(z.strictObject({ organizationId: id, stance: z.enum(STANCES), reason: z.string(), onBehalf: z.boolean() })),
        /** Organizations whose stance was recorded but hidden until the decision closes (absent in minutes frozen before this field). */
        hiddenStances: z.array(id).optional(),
      }),
    ),
    actions: z.array(z.strictObject({ title: z.string(), ownerOrganizationId: id, dueDate: day, status: z.enum(ACTION_STATUSES), decisionRef: z.string() })),
    versionIds: z.array(id),
    startedAt: instant.nullable(),
    closedAt: instant.nullable(),
    /** The group's and organizations' names at the close (absent in minutes frozen before these fields). */
    workspaceName: z.string().optional(),
    organizations: z.record(id, z.strictObject({ name: z.string(), acronym: z.string() })).optional(),
    /** The organizations with members in the group at the close; an attendee outside them was a guest (absent in minutes frozen before this field). */
    memberOrganizationIds: z.array(id).optional(),
  }),
);

/** presentMeeting; `minutes` is null until the meeting closes. */
export const meeting = component(
  'Meeting',
  z.strictObject({
    id,
    workspaceId: id,
    title: z.string(),
    startsAt: instant,
    agenda: z.array(agendaItem),
    status: z.enum(MEETING_STATUSES),
    currentItem: z.number().int().nullable(),
    currentItemStartedAt: instant.nullable(),
    attendance: z.array(id),
    startedAt: instant.nullable(),
    closedAt: instant.nullable(),
    minutes: minutes.nullable(),
  }),
);
