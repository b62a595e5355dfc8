/**
 * How errors are written to the log. Drizzle's "Failed query" error carries the statement's parameters, in its
 * message (and so its stack) and as a property: a failed INSERT of an account would log its password hash, a failed
 * sign-in lookup an email. The log keeps the statement, the codes and the cause, never the values.
 */

/** Properties never logged: a statement's values, and PostgreSQL's `detail`, which repeats the offending key's value. */
const WITHHELD = new Set(['params', 'parameters', 'args', 'detail']);

/** Drizzle puts the values after the statement, on a line of their own: "Failed query: …\nparams: …". */
function withoutParams(text: string): string {
  const at = text.indexOf('\nparams: ');
  if (at < 0) return text;
  const framesAt = text.indexOf('\n    at ', at);
  return text.slice(0, at) + (framesAt < 0 ? '' : text.slice(framesAt));
}

/** What the logger writes for an error. */
export interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** An error as a plain object for the log (the logger's `err` serializer), with its cause chain, without any statement's values. */
export function serializeError(err: Error, depth = 0): LoggedError {
  // Whatever else is logged under `err` (a string, a plain object) is written as given.
  if (!(err instanceof Error)) return err;
  const out: LoggedError = {
    type: err.constructor?.name ?? err.name,
    message: withoutParams(err.message),
    stack: withoutParams(err.stack ?? ''),
  };
  for (const [key, value] of Object.entries(err)) {
    if (WITHHELD.has(key) || key === 'cause' || key in out) continue;
    out[key] = value;
  }
  if (err.cause instanceof Error) out.cause = depth < 4 ? serializeError(err.cause, depth + 1) : withoutParams(String(err.cause));
  else if (err.cause !== undefined) out.cause = err.cause;
  return out;
}
