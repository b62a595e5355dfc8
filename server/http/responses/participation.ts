/** Comments, visits and notifications, as `server/routes/comments/present.ts` and the notification routes show them. */
import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../../notifications/notify.js';
import { ACTIVITY_KEYS } from '../../../shared/planModel.js';
import { DECISION_STATUSES, STANCES } from '../../../shared/constants.js';
import { component, id, instant, openRecord } from './common.js';

/** Where a comment points: a text range (base64 Yjs relative positions) or an activity row. */
export const anchor = component(
  'Anchor',
  z.union([
    z.strictObject({ type: z.literal('text'), start: z.string(), end: z.string(), quote: z.string() }),
    z.strictObject({ type: z.literal('activity'), activityId: z.string(), field: z.enum(ACTIVITY_KEYS).optional() }),
  ]),
);

/** presentComment; a deleted one keeps its place as a marker, a detached one's anchor no longer resolves. */
export const comment = component(
  'Comment',
  z.strictObject({
    id,
    documentId: id,
    threadId: id,
    parentId: id.nullable(),
    authorId: id,
    organizationId: id,
    body: z.string(),
    anchor: anchor.nullable(),
    mentions: z.strictObject({ userIds: z.array(id), organizationIds: z.array(id) }),
    createdAt: instant,
    editedAt: instant.nullable(),
    resolvedAt: instant.nullable(),
    resolvedById: id.nullable(),
    deleted: z.boolean(),
    detached: z.boolean(),
  }),
);

const visitMark = z.strictObject({ at: instant, logPosition: z.number().int() });

/** POST /api/documents/{id}/visit */
export const visitRecorded = component('VisitRecorded', z.strictObject({ previousVisit: visitMark.nullable(), visit: visitMark }));

/** A decision linked to the plan that others proposed, moved to another status or recorded stances on since the visit (decisionsSince). */
export const decisionSinceVisit = component(
  'DecisionSinceVisit',
  z.strictObject({
    id,
    ref: z.string().describe('D-1, D-2…'),
    title: z.string(),
    status: z.enum(DECISION_STATUSES).describe('The status now'),
    created: z.boolean().describe('Proposed since the visit by someone else'),
    statusChanged: z.boolean().describe('Its status was changed since the visit by someone else'),
    stancesRecorded: z.number().int().min(0).describe('Organizations whose stance someone else recorded or changed since the visit; which stance is never told here'),
  }),
);

/** GET /api/documents/{id}/changes-since-visit; `since` is null before a first visit. */
export const changesSinceVisit = component(
  'ChangesSinceVisit',
  z.strictObject({
    since: instant.nullable(),
    newComments: z.array(id),
    editedComments: z.array(id).describe('Comments others wrote before the visit and edited since, not deleted'),
    addedActivityIds: z.array(z.string()).describe('Activities others added since the visit'),
    changedActivityIds: z.array(z.string()).describe('Activities there at the visit whose fields others changed since (none of the added ones)'),
    changedActivities: z
      .array(z.strictObject({ id: z.string(), fields: z.array(z.string()).describe('The activity keys (as in the plan document) that read differently now, in column order; empty when the visit cannot tell (kept before fields were digested)') }))
      .describe('changedActivityIds, each with the fields others changed'),
    removedActivities: z.number().int().min(0).describe('Activities there at the visit that others deleted since'),
    changedSections: z.array(z.string()),
    removedSections: z.array(z.string()),
    decisions: z.array(decisionSinceVisit).describe('Decisions linked to the plan with news from others since the visit, by ref'),
  }),
);

/** One plan of a group as the caller left it: when they last opened it and what others did to it since. */
export const planSinceVisit = component(
  'PlanSinceVisit',
  z.strictObject({
    documentId: id,
    lastVisitAt: instant.nullable().describe('Null: the caller has never opened this plan'),
    edited: z.boolean().describe('Someone else changed its text or activities since the visit'),
    newComments: z.number().int().min(0).describe('Comments others wrote on it since the visit, not deleted'),
    editedComments: z.number().int().min(0).describe('Comments others wrote before the visit and edited since, not deleted'),
    decisions: z.number().int().min(0).describe('Decisions linked to the plan that others proposed, moved to another status or recorded stances on since the visit'),
  }),
);

/** presentNotification with the names the inbox shows next to it (read now: titles and names change). */
export const notification = component(
  'Notification',
  z.strictObject({
    id,
    kind: z.enum(NOTIFICATION_KINDS),
    workspaceId: id,
    target: openRecord.describe('What it is about; keys depend on the kind'),
    createdAt: instant,
    readAt: instant.nullable(),
    workspaceName: z.string().nullable(),
    documentTitle: z.string().nullable(),
    actorName: z.string().nullable(),
    excerpt: z.string().nullable().describe('For a mention or reply: the start of the comment (about 140 characters, mentions as @Name); null when deleted or for other kinds'),
    stanceRequest: z
      .strictObject({
        decisionStatus: z.enum(DECISION_STATUSES).describe('The decision’s status now'),
        stanceRecorded: z.boolean().describe('The organization asked has a stance recorded now'),
        stance: z.enum(STANCES).nullable().describe('That stance, when recorded and the caller may see it (a hidden stance of another organization is not told)'),
      })
      .nullable()
      .describe('For a stance request: where it stands now (a stance given or the decision closed settles it, read); null for other kinds'),
  }),
);
