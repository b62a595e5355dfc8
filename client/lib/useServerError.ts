/**
 * The server's refusal of a form's last submit, shown beside its fields. It describes what was sent, not what the
 * form holds now, so it goes as soon as a field it is about is edited, and on every new submit attempt before the
 * client-side checks run (when they stop the submit, the old refusal would otherwise stay beside their own errors).
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/http.js';

/** The top-level fields a 400's `details` name (`path` as a string or as zod's array). */
export function validationFields(err: unknown): string[] {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed' || !Array.isArray(err.details)) return [];
  return err.details.flatMap((d: unknown) => {
    const path = d && typeof d === 'object' ? (d as { path?: unknown }).path : undefined;
    const head: unknown = Array.isArray(path) ? path[0] : typeof path === 'string' ? path.split('.')[0] : undefined;
    return typeof head === 'string' && head ? [head] : [];
  });
}

export interface ServerError<F extends string> {
  error: unknown;
  /** Shows a refusal (from the submit's catch). */
  fail: (err: unknown) => void;
  /** Call first thing in the submit handler. */
  clear: () => void;
  /** Call from a field's onChange: drops the refusal if it is about that field. */
  edited: (field: F) => void;
  /** A field's onChange that sets its value and then calls `edited` for it. */
  change: <V>(field: F, set: (value: V) => void) => (value: V) => void;
}

/**
 * `fieldsOf` names the fields (the API's names) a refusal is about; a 400's `details` paths count without it.
 * A refusal about no field in particular (network, 500, rate limit) stays until the next submit.
 */
export function useServerError<F extends string>(fieldsOf?: (err: unknown) => readonly F[]): ServerError<F> {
  const [error, setError] = useState<unknown>(null);
  // Read at edit time, so a form may pass an inline function without re-creating the callbacks.
  const fieldsOfRef = useRef(fieldsOf);
  fieldsOfRef.current = fieldsOf;
  // Through an updater, so a thrown function could never be taken for one.
  const fail = useCallback((err: unknown) => setError(() => err), []);
  const clear = useCallback(() => setError(null), []);
  const edited = useCallback((field: F) => {
    setError((err: unknown) => {
      if (!err) return err;
      const about: readonly string[] = [...validationFields(err), ...(fieldsOfRef.current?.(err) ?? [])];
      return about.includes(field) ? null : err;
    });
  }, []);
  const change = useCallback(
    <V,>(field: F, set: (value: V) => void) =>
      (value: V) => {
        set(value);
        edited(field);
      },
    [edited],
  );
  return { error, fail, clear, edited, change };
}
