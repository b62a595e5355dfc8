/** Tells a database that cannot be reached (down, restarting, refusing connections) from a bug, by the error's code. */

/** Codes of the PostgreSQL driver and of Node's sockets for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
]);

/** SQLSTATEs of a server that is going away or not yet taking work: admin or crash shutdown, starting up, full. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error (or one it wraps, as Drizzle's "Failed query" does) says the database is unreachable for now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = codeOf(current);
    if (code && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The unique index a write collided with (SQLSTATE 23505), if that is what the error says: two requests made the same
 * thing at the same moment, both passing the check before the insert. The driver's error may sit under Drizzle's.
 */
export function violatedUniqueIndex(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (codeOf(current) === '23505') {
      // postgres.js names it `constraint_name`, PGlite `constraint`.
      const { constraint_name: pgName, constraint } = current as { constraint_name?: unknown; constraint?: unknown };
      const name = typeof pgName === 'string' ? pgName : typeof constraint === 'string' ? constraint : '';
      return name;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * SQLSTATEs of a transaction the database gave up on because it met another at the same moment: a deadlock (40P01)
 * or a serialization failure (40001). Nothing of it was stored.
 */
const COLLISION_STATES = new Set(['40P01', '40001']);

/** Whether an error (or one it wraps) says the transaction collided with a concurrent one and was rolled back. */
export function isTransactionCollision(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = codeOf(current);
    if (code && COLLISION_STATES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
