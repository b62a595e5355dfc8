/** Plans, their activities, versions, sign-offs and diffs, as `server/presenters.ts` and `server/versions` show them. */
import { z } from 'zod';
import { ACTIVITY_KEYS } from '../../../shared/planModel.js';
import { ACTIVITY_STATUSES, MANDATE_AREAS, VERSION_KINDS } from '../../../shared/constants.js';
import { component, day, id, instant } from './common.js';

/** presentDocument */
export const document = component('Document', z.strictObject({ id, workspaceId: id, title: z.string(), createdAt: instant, updatedAt: instant }));

/** One plan as GET /api/documents/{id} shows it: with what is stored, so a client can settle its save indicator. */
export const storedDocument = component(
  'StoredDocument',
  document.extend({ savedStateVector: z.string().describe('Base64 Yjs state vector of what is stored') }),
);

/** An activity row of a plan, as `readActivities` reads it (values outside the vocabulary read as absent). */
export const activity = component(
  'Activity',
  z.strictObject({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    leadOrganizationId: id.nullable(),
    partnerOrganizationIds: z.array(id),
    mandateArea: z.enum(MANDATE_AREAS).nullable(),
    stateCodes: z.array(z.string()).describe('INEGI state codes'),
    municipalityCodes: z.array(z.string()).describe('INEGI municipality codes, 5 digits'),
    startDate: day.nullable(),
    endDate: day.nullable(),
    status: z.enum(ACTIVITY_STATUSES),
    target: z.string(),
    indicator: z.string(),
  }),
);

/** A plan's content: the prose as Markdown and the activities. */
export const planContent = component('PlanContent', z.strictObject({ body: z.string().describe('Markdown'), activities: z.array(activity) }));

/** One organization's approval of a named version. */
export const approval = component('Approval', z.strictObject({ versionId: id, organizationId: id, userId: id, userName: z.string(), createdAt: instant }));

/** presentVersion; `signOff` lists each participating organization (named versions only). */
export const version = component(
  'Version',
  z.strictObject({
    id,
    documentId: id,
    name: z.string(),
    kind: z.enum(VERSION_KINDS),
    createdAt: instant,
    createdById: id.nullable(),
    meetingId: id.nullable(),
    approvals: z.array(approval),
    signOff: z.array(z.strictObject({ organizationId: id, approved: z.boolean(), userId: id.nullable(), userName: z.string().nullable(), at: instant.nullable() })),
  }),
);

/** GET /api/documents/{id}/diff */
export const planDiff = component(
  'PlanDiff',
  z.strictObject({
    from: z.strictObject({ versionId: id, logPosition: z.number() }),
    to: z.strictObject({ versionId: z.string().describe('A version id, or "current"'), logPosition: z.number() }),
    body: z.array(z.strictObject({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })).describe('Word-level runs over the Markdown'),
    activities: z.strictObject({
      added: z.array(activity),
      removed: z.array(activity),
      changed: z.array(z.strictObject({ id: z.string(), field: z.enum(ACTIVITY_KEYS), from: z.unknown(), to: z.unknown(), title: z.string() })),
    }),
    contributors: z.array(z.strictObject({ userId: id, organizationId: id, name: z.string() })),
  }),
);

/** The `json` plan export: title, Markdown body, activities and the version it was taken from (null: current). */
export const planExport = component(
  'PlanExport',
  z.strictObject({
    title: z.string(),
    body: z.string().describe('Markdown'),
    activities: z.array(activity),
    version: z.strictObject({ id, name: z.string(), kind: z.enum(VERSION_KINDS), createdAt: instant }).nullable(),
  }),
);
