/** Search results (`shared/search.ts`) and a working group's dashboard (`server/dashboard/workspaceDashboard.ts`). */
import { z } from 'zod';
import { ACTIVITY_STATUSES, MANDATE_AREAS } from '../../../shared/constants.js';
import { action } from './decisions.js';
import { component, day, id, instant } from './common.js';
import { MAX_SEARCH_DEPTH, SEARCH_RESULT_TYPES } from '../../../shared/search.js';

const highlights = z.array(z.strictObject({ text: z.string(), match: z.boolean() })).describe('Plain-text segments; render matches as <mark>, never as HTML');

/** One search hit. */
export const searchResult = component(
  'SearchResult',
  z.strictObject({
    type: z.enum(SEARCH_RESULT_TYPES),
    workspaceId: id,
    workspaceName: z.string(),
    documentId: id.optional(),
    documentTitle: z.string().optional(),
    id: z.string(),
    ref: z.string().optional().describe('D-3 for decisions; for an action, its decision’s'),
    decisionId: id.optional().describe('The decision an action follows up'),
    title: z.string(),
    titleHighlights: highlights,
    snippet: z.string(),
    highlights,
    score: z.number(),
  }),
);

const hitCount = z.number().int().min(0);

/** One page of search hits, with how many there are in all. */
export const searchPage = component(
  'SearchPage',
  z.strictObject({
    results: z.array(searchResult).describe('This page, best first'),
    counts: z
      .strictObject({ plan: hitCount, activity: hitCount, decision: hitCount, action: hitCount, comment: hitCount })
      .describe('Hits of each kind over every page, whatever `type` asked for'),
    total: hitCount.describe('Hits of the kinds asked for (all, or `type`): what paging walks'),
    nextCursor: z.string().nullable().describe(`Pass as \`cursor\` for the next page; null on the last page, or past the first ${MAX_SEARCH_DEPTH} hits`),
  }),
);

const statusCounts = z.strictObject(Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof ACTIVITY_STATUSES)[number], z.ZodNumber>);

/** A working group's home at a glance. */
export const dashboard = component(
  'Dashboard',
  z.strictObject({
    pendingStances: z.array(z.strictObject({ id, ref: z.string(), title: z.string(), dueDate: day.nullable(), createdAt: instant })),
    canCastStance: z.boolean(),
    myActions: z.array(action),
    overdueActions: z.array(action),
    totals: z
      .strictObject({ pendingStances: z.number().int(), myActions: z.number().int(), overdueActions: z.number().int() })
      .describe('How many there are in all: each list above stops at 10'),
    upcomingMeeting: z.strictObject({ id, title: z.string(), startsAt: instant, status: z.enum(['scheduled', 'live']), agendaItems: z.number().int() }).nullable(),
    recentPlans: z.array(z.strictObject({ id, title: z.string(), updatedAt: instant })),
    unreadComments: z.number().int(),
    activityProgress: z.strictObject({
      byMandateArea: z.array(z.strictObject({ mandateArea: z.enum(MANDATE_AREAS).nullable(), total: z.number().int(), byStatus: statusCounts })),
      byStatus: z.array(z.strictObject({ status: z.enum(ACTIVITY_STATUSES), count: z.number().int() })),
    }),
  }),
);

/** What awaits the caller in each of their working groups (the home page's "needs attention"). */
export const attention = component(
  'Attention',
  z.strictObject({
    workspaces: z.array(
      z.strictObject({
        workspaceId: id,
        pendingStances: z.number().int().describe('Proposed decisions without a stance of the caller’s organization (when it takes part)'),
        overdueActions: z.number().int().describe('Open actions past their due date, on the caller or their organization'),
        unread: z.number().int().describe('Unread notifications'),
        changedPlans: z.number().int().describe('Plans the caller opened before that others changed, commented on (new or edited comments) or decided on since the caller’s last visit'),
        liveMeeting: z.strictObject({ id, title: z.string() }).nullable(),
      }),
    ),
  }),
);
