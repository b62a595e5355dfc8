/** zod schemas shared by server and client. */
import { z } from 'zod';
import { DEFAULT_LIMITS, isCalendarDate, MANDATE_AREAS, ORGANIZATION_LEVELS, STATE_CODES, WORKSPACE_ROLES } from './constants.js';

export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Not a valid id');

/** A PATCH body must change something. */
export const nonEmpty = <T extends Record<string, unknown>>(o: T) => Object.keys(o).length > 0;
export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z.string().min(DEFAULT_LIMITS.passwordMinLength, `Passwords need at least ${DEFAULT_LIMITS.passwordMinLength} characters`).max(256);
export const nameSchema = z.string().trim().min(1).max(200);
export const stateCodeSchema = z.enum(STATE_CODES as [string, ...string[]]);
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD').refine(isCalendarDate, 'Not a real date');
export const localeSchema = z.enum(['es', 'en']);

export const organizationInput = z.object({
  name: nameSchema,
  acronym: z.string().trim().min(1).max(30),
  level: z.enum(ORGANIZATION_LEVELS),
  stateCode: stateCodeSchema.optional(),
});

export const workspaceInput = z.object({
  name: nameSchema,
  description: z.string().max(5000).optional(),
  mandateAreas: z.array(z.enum(MANDATE_AREAS)).min(1).max(MANDATE_AREAS.length),
});

export const memberInput = z.object({
  role: z.enum(WORKSPACE_ROLES),
  focalPoint: z.boolean().optional(),
});
