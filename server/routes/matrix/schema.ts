/** Query and body schemas of the matrix and overlap routes. */
import { z, type ZodType } from 'zod';
import { ACTIVITY_STATUSES, MANDATE_AREAS, ORGANIZATION_LEVELS, OVERLAP_RESOLUTIONS } from '../../../shared/constants.js';
import { dateSchema, idSchema, localeSchema, municipalityCodeSchema, stateCodeSchema } from '../../../shared/schemas.js';
import { pageCursorSchema } from '../../http/queryValues.js';

/** An optional query filter where an empty value (`?mandateArea=`) means "no filter". */
function filter<T extends ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

export const matrixFilters = z.object({
  mandateArea: filter(z.enum(MANDATE_AREAS)),
  stateCode: filter(stateCodeSchema),
  municipalityCode: filter(municipalityCodeSchema),
  organizationId: filter(idSchema),
  level: filter(z.enum(ORGANIZATION_LEVELS)),
  status: filter(z.enum(ACTIVITY_STATUSES)),
  from: filter(dateSchema),
  to: filter(dateSchema),
  workspaceId: filter(idSchema),
  /** One plan's rows: what a page showing the matrix refetches after that plan's rows changed. */
  documentId: filter(idSchema),
});

export const matrixFileQuery = matrixFilters.extend({ lang: filter(localeSchema) });

export const pivotQuery = matrixFilters.extend({
  rows: z.enum(['organization', 'state']).default('organization'),
  cols: z.enum(['mandateArea']).default('mandateArea'),
});

/**
 * A page of overlaps: `cursor` is the `nextCursor` of the page before (opaque). The matrix's row filters narrow it to
 * overlaps with a side among those rows; `status` is the overlap's, so the activity status filter is `activityStatus`.
 */
export const overlapListQuery = matrixFilters.omit({ status: true }).extend({
  activityStatus: filter(z.enum(ACTIVITY_STATUSES)),
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  cursor: pageCursorSchema.optional(),
});

export const resolveBody = z
  .object({
    resolution: z.enum(OVERLAP_RESOLUTIONS),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
