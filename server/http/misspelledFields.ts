/**
 * Create routes ignore fields they do not know, so clients written against a later contract keep working. A field
 * that is nearly the name of a known one is different: `stanceVisiblity` silently gave the default (open stances)
 * to a caller who asked for hidden ones. Such near misses are refused with the name that was probably meant.
 */
import { z, type ZodType } from 'zod';

export interface MisspelledField {
  path: string;
  message: string;
  issue: 'unrecognized_keys';
}

const MAX_REPORTED = 20;
/** Items of an array looked at: enough for any real list, bounded for a hostile one. */
const MAX_ARRAY_ITEMS = 200;

/** The schema behind optional/nullable/default wrappers and pipes. */
function unwrapped(schema: ZodType): ZodType {
  let current: ZodType = schema;
  for (let depth = 0; depth < 8; depth++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as ZodType;
    } else return current;
  }
  return current;
}

/** Optimal string alignment distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/** The known field an unknown one most likely meant: same letters ignoring case and `_`/`-`, or one or two typos away. */
export function meantField(unknown: string, known: readonly string[]): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const folded = fold(unknown);
  if (folded.length < 4) return undefined;
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const target = fold(key);
    // Short names tolerate one typo only: `state` is two edits from `status`, and both are real words.
    const limit = target.length >= 8 ? 2 : 1;
    const distance = folded === target ? 0 : editDistance(folded, target, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** Unknown fields of `value` (and of nested objects the schema describes) that are near misses of known ones. */
export function findMisspelledFields(schema: ZodType | undefined, value: unknown): MisspelledField[] {
  const found: MisspelledField[] = [];
  const visit = (s: ZodType, v: unknown, path: string, depth: number) => {
    if (depth > 6 || found.length >= MAX_REPORTED || typeof v !== 'object' || v === null) return;
    const inner = unwrapped(s);
    if (Array.isArray(v)) {
      if (inner instanceof z.ZodArray) v.slice(0, MAX_ARRAY_ITEMS).forEach((item, i) => visit(inner.element as ZodType, item, path ? `${path}.${i}` : String(i), depth + 1));
      return;
    }
    if (!(inner instanceof z.ZodObject)) return;
    const shape = inner.shape as Record<string, ZodType>;
    const known = Object.keys(shape);
    for (const [key, fieldValue] of Object.entries(v)) {
      if (found.length >= MAX_REPORTED) return;
      const fieldPath = path ? `${path}.${key}` : key;
      const fieldSchema = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (fieldSchema) {
        visit(fieldSchema, fieldValue, fieldPath, depth + 1);
        continue;
      }
      const meant = meantField(key, known);
      if (meant && !Object.hasOwn(v, meant)) {
        found.push({ path: fieldPath, message: `Unknown field "${key.slice(0, 100)}": did you mean "${meant}"?`, issue: 'unrecognized_keys' });
      }
    }
  };
  if (schema) visit(schema, value, '', 0);
  return found;
}
