/** zod schemas shared by server and client. */
import { z } from 'zod';
import { DEFAULT_LIMITS, ID_PATTERN, isCalendarDate, isValidMunicipalityCode, isYearInRange, MANDATE_AREAS, MAX_YEAR, MIN_YEAR, ORGANIZATION_LEVELS, STATE_CODES, WORKSPACE_ROLES } from './constants.js';

export const idSchema = z.string().regex(ID_PATTERN, 'Not a valid id');

/** A PATCH body must change something. */
export const nonEmpty = <T extends Record<string, unknown>>(o: T) => Object.keys(o).length > 0;
export const emailSchema = z.string().trim().toLowerCase().email().max(254);
/** Line breaks, tabs and other control characters: a name or title is one line (a break in it forged lines in exports). */
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** Bidirectional embeddings, overrides and isolates: they make a title (and a file named after it) display other than it reads. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/** Spaces and characters that show nothing (zero-width, joiners, direction marks, fillers): a title of only these reads as none. */
const INVISIBLE_ONLY = /^[\s\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff\uffa0]*$/;
/** Whether a text has only spaces and characters that show nothing (a comment of only these reads as empty). */
export function isInvisibleOnly(v: string): boolean {
  return INVISIBLE_ONLY.test(v);
}
/** 12+ characters, and something besides spaces: twelve spaces count as long but are guessed first. */
export const passwordSchema = z
  .string()
  .min(DEFAULT_LIMITS.passwordMinLength, `Passwords need at least ${DEFAULT_LIMITS.passwordMinLength} characters`)
  .max(256)
  .refine((v) => v.length < DEFAULT_LIMITS.passwordMinLength || !INVISIBLE_ONLY.test(v), { message: 'A password of only spaces or invisible characters is refused: use letters, digits or signs', params: { issue: 'invisible_only' } });
/** `v` as one line: control characters become a space and bidi controls go (see singleLineText). */
export function asOneLine(v: string): string {
  return v.replace(CONTROL_RUNS, ' ').replace(BIDI_CONTROLS, '');
}

/** One line of text: control characters become a space, bidi controls go, then trimmed and bounded; something must show. */
export const singleLineText = (max: number) =>
  z
    .string()
    .overwrite(asOneLine)
    .trim()
    .min(1)
    .max(max)
    // Empty is min(1)'s to report (one message per problem).
    .refine((v) => v === '' || !INVISIBLE_ONLY.test(v), { message: 'Write something visible: this has only spaces or invisible characters', params: { issue: 'invisible_only' } });
export const nameSchema = singleLineText(200);
/** Titles of decisions, actions, meetings and agenda items. */
export const titleSchema = singleLineText(300);
/** A municipality's 5-digit INEGI code (state + municipality). */
export const municipalityCodeSchema = z.string().refine(isValidMunicipalityCode, { error: 'Use a 5-digit INEGI municipality code (state + municipality), e.g. "07089"' });
// zod would list the codes "10"…"32" before "01"…"09" (integer-like keys come first in an object).
export const stateCodeSchema = z.enum(STATE_CODES as [string, ...string[]], { error: 'Use an INEGI state code, from "01" to "32"' });
/** Characters that show nothing, anywhere in a text (see INVISIBLE_ONLY). */
const INVISIBLE = /[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff\uffa0]/g;
/**
 * An organization's acronym as it shows: compatibility form (full-width «ＳＳＰＣ» is SSPC) without invisible
 * characters («SSPC» plus a zero-width space is SSPC), so no agency can take a name that reads as another's.
 */
export const acronymSchema = z
  .string()
  .overwrite((v) => v.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL_RUNS, ' ').replace(BIDI_CONTROLS, ''))
  .trim()
  .min(1)
  .max(30);
const YEAR_RANGE = `Use a year from ${MIN_YEAR} to ${MAX_YEAR}`;
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use YYYY-MM-DD', abort: true })
  .refine(isYearInRange, { message: YEAR_RANGE, abort: true })
  .refine(isCalendarDate, 'Not a real date');
/** ISO 8601 with a time zone; seconds and fractions optional (`2027-01-15T16:00Z` is as exact as a meeting needs). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An ISO-8601 date-time with an offset (`Z` or `±hh:mm`), in MIN_YEAR..MAX_YEAR as written and in UTC (PostgreSQL has no year 0). */
export const dateTimeSchema = z
  .string()
  .regex(ISO_DATE_TIME, { message: 'Use an ISO 8601 date and time with a time zone, e.g. 2027-01-15T16:00:00Z', abort: true })
  .refine(isYearInRange, { message: YEAR_RANGE, abort: true })
  .refine((v) => isCalendarDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)), { message: 'Not a real date and time', abort: true })
  .refine((v) => isYearInRange(new Date(v).toISOString()), YEAR_RANGE);
export const localeSchema = z.enum(['es', 'en']);

export const organizationInput = z.object({
  name: nameSchema,
  acronym: acronymSchema,
  level: z.enum(ORGANIZATION_LEVELS),
  stateCode: stateCodeSchema.optional(),
});

/** A working group's mandate areas: at least one, each once. */
export const mandateAreasSchema = z
  .array(z.enum(MANDATE_AREAS))
  .min(1)
  .max(MANDATE_AREAS.length)
  .refine((areas) => new Set(areas).size === areas.length, 'Name each mandate area once');

export const workspaceInput = z.object({
  name: nameSchema,
  description: z.string().max(5000).optional(),
  mandateAreas: mandateAreasSchema,
});

export const memberInput = z.object({
  role: z.enum(WORKSPACE_ROLES),
  focalPoint: z.boolean().optional(),
});
