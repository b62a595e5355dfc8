/**
 * Building blocks of the response schemas. They describe what the presenters return, for the OpenAPI document
 * and the test that holds the two together; they never shape or filter an answer.
 */
import { CONFLICT_REASONS } from '../../../shared/constants.js';
import { z, type ZodType } from 'zod';

const named = new Map<ZodType, string>();

/** Names a shared schema: the OpenAPI document lists it once under components and refers to it by name. */
export function component<T extends ZodType>(name: string, schema: T): T {
  named.set(schema, name);
  return schema;
}

/** Every named schema, by schema. */
export function namedComponents(): ReadonlyMap<ZodType, string> {
  return named;
}

/** An opaque id. */
export const id = z.string().describe('Opaque id');

/** An instant as the server writes it (`Date.toISOString()`, UTC). */
export const instant = z.iso.datetime().describe('ISO-8601 instant, UTC');

/** A calendar day, `YYYY-MM-DD`. */
export const day = z.iso.date().describe('Calendar date, YYYY-MM-DD');

/** A JSON object whose keys are open (audit changes, notification targets). */
export const openRecord = z.record(z.string(), z.unknown());

/** The contract's error body; `details` comes with every validation_failed. */
export const errorBody = component(
  'Error',
  z.strictObject({
    error: z.strictObject({
      code: z.string().describe('validation_failed, unauthenticated, invalid_credentials, forbidden, not_found, conflict, payload_too_large, rate_limited, unavailable, internal'),
      message: z.string(),
      reason: z.enum(CONFLICT_REASONS).optional().describe('With a 409 conflict: which one'),
      details: z
        .array(
          z.strictObject({
            path: z.string(),
            message: z.string(),
            issue: z.string().optional().describe('What kind of problem: zod issue codes (too_big, too_small, invalid_type, invalid_format, invalid_value, …) or unknown_reference, organization_inactive, not_member, no_agenda_items, out_of_range, current_item_removed, observer_focal_point'),
            limit: z.number().optional().describe('With too_big / too_small: the bound'),
            of: z.string().optional().describe('With too_big / too_small: string (characters), array (items), number…'),
          }),
        )
        .optional(),
    }),
  }),
);
