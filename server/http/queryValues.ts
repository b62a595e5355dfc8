/**
 * Query-string conventions shared by every route: an empty value (`?status=`, `?cursor=`) means the parameter
 * was not given, as clients that build `?cursor=${cursor ?? ''}` intend, and yes/no flags read `true|false|1|0`.
 */
import { z } from 'zod';

/** The query without its empty values (a repeated parameter keeps its non-empty ones). */
export function withoutEmptyValues(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  // No prototype: a parameter named __proto__ is a key like any other (as the query parser gives it), not a prototype.
  const kept: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) {
    if (value === '') continue;
    if (Array.isArray(value)) {
      const values = value.filter((v) => v !== '');
      if (values.length) kept[key] = values.length === 1 ? values[0] : values;
      continue;
    }
    kept[key] = value;
  }
  return kept;
}

/** A yes/no query flag: `true` or `1` is true, `false` or `0` false. */
export const queryFlagSchema = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** An opaque page cursor as this API gives them (`nextCursor`): base64url, bounded. */
export const pageCursorSchema = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor this API gave');
