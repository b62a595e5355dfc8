/**
 * Why a configured PostgreSQL could not be used at start, said as what to change: the driver's own error is a stack
 * trace through its internals, and its URL may hold a password.
 */

/** Socket errors (and the driver's own timeout) meaning nothing answered at that address. */
const NOT_ANSWERING = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'CONNECT_TIMEOUT']);
/** PostgreSQL's answers refusing the URL's user, password or database. */
const REFUSED: Record<string, string> = {
  '28P01': 'the password was refused',
  '28000': 'the user is not allowed to connect',
  '3D000': 'that database does not exist',
};

/** The URL's host, port and database, without its user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** A one-line reason to print instead of `err`, when `err` says the database at `url` cannot be used; else undefined. */
export function databaseUnreachable(err: unknown, url: string): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const where = describeDatabaseUrl(url);
  if (NOT_ANSWERING.has(code)) return `the database at ${where} does not answer (${code}): check DATABASE_URL and that PostgreSQL is running and reachable from here`;
  if (code in REFUSED) return `the database at ${where} refused the connection (${code}: ${REFUSED[code]}): check the user, password and database name in DATABASE_URL`;
  return undefined;
}
