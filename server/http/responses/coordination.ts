/** The coordination matrix, its pivot and overlap flags, as `server/matrix` shows them. */
import { z } from 'zod';
import { ACTIVITY_STATUSES, MANDATE_AREAS, OVERLAP_REASONS, OVERLAP_RESOLUTIONS } from '../../../shared/constants.js';
import { component, day, id, instant } from './common.js';

/** One row of GET /api/matrix. */
export const matrixActivity = component(
  'MatrixActivity',
  z.strictObject({
    workspaceId: id,
    documentId: id,
    activityId: z.string(),
    title: z.string(),
    leadOrganizationId: id.nullable(),
    partnerOrganizationIds: z.array(id),
    mandateArea: z.enum(MANDATE_AREAS).nullable(),
    stateCodes: z.array(z.string()),
    municipalityCodes: z.array(z.string()),
    startDate: day.nullable(),
    endDate: day.nullable(),
    status: z.enum(ACTIVITY_STATUSES),
  }),
);

/** Activity counts per organization or state × mandate area ("none" for activities without one). */
export const pivot = component(
  'Pivot',
  z.strictObject({
    rows: z.enum(['organization', 'state']),
    cols: z.literal('mandateArea'),
    columns: z.array(z.string()),
    data: z.array(z.strictObject({ key: z.string(), counts: z.record(z.string(), z.number().int()), total: z.number().int() })),
    totals: z.record(z.string(), z.number().int()),
    total: z.number().int(),
  }),
);

/** One side of an overlap: the activity, or only that one exists in a group the viewer is not in. */
const overlapSide = z.union([
  z.strictObject({ documentId: id, activityId: z.string(), workspaceId: id, workspaceName: z.string(), documentTitle: z.string(), title: z.string().nullable() }),
  z.strictObject({ hidden: z.literal(true), label: z.string() }),
]);

/** viewOverlap: an overlap as a viewer may see it. */
export const overlap = component(
  'Overlap',
  z.strictObject({
    id,
    a: overlapSide,
    b: overlapSide,
    reasons: z.array(z.enum(OVERLAP_REASONS)),
    score: z.number(),
    status: z.enum(['open', 'resolved']),
    resolution: z.enum(OVERLAP_RESOLUTIONS).optional(),
    note: z.string().optional(),
    createdAt: instant,
    resolvedAt: instant.optional(),
    resolvedBy: z
      .strictObject({ userId: id, name: z.string() })
      .optional()
      .describe('Who resolved it, when they are a member of a working group of a side the caller belongs to'),
  }),
);

/** What a rebuild of the projection found. */
export const rebuildResult = component(
  'RebuildResult',
  z.strictObject({ documents: z.number().int(), activities: z.number().int(), overlaps: z.number().int(), flagged: z.number().int(), removed: z.number().int() }),
);
