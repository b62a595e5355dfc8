/** Origin checks for cookie writes and WebSocket upgrades. */
import type { IncomingMessage } from 'node:http';

/**
 * Allowed: no Origin (non-browser clients authenticate with bearer tokens), the configured public origin,
 * or the request's own origin (same-origin, whatever host name the browser used).
 */
export function isAllowedOrigin(req: { headers: IncomingMessage['headers'] }, publicOrigin: string, requireHeader = true): boolean {
  const origin = req.headers.origin;
  if (!origin) return !requireHeader;
  if (origin === publicOrigin) return true;
  const host = req.headers.host;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}
