/** Origin checks for cookie writes and WebSocket upgrades. */
import type { IncomingMessage } from 'node:http';

/** The parts of a request the check reads: a Fastify request or a raw IncomingMessage both fit. */
export interface OriginRequest {
  headers: IncomingMessage['headers'];
  socket?: { localPort?: number };
}

/**
 * Allowed: no Origin when `requireHeader` is false (non-browser clients authenticate with bearer tokens), the
 * configured public origin, or — for local use, as when PUBLIC_ORIGIN says localhost and the browser opened
 * 127.0.0.1 — a loopback origin that is the request's own origin on this server's port. Any other host named by
 * the Host header is not trusted: a request may carry whatever Host it likes.
 */
export function isAllowedOrigin(req: OriginRequest, publicOrigin: string, requireHeader = true): boolean {
  const origin = req.headers.origin;
  if (!origin) return !requireHeader;
  if (origin === publicOrigin) return true;
  const url = parseUrl(origin);
  const host = req.headers.host;
  // A browser's Origin is exactly scheme://host[:port]; anything else (a path, credentials) is not one.
  if (!url || url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:') || !host || !isLoopback(url.hostname)) return false;
  // Same origin as the request: the Host header, read with the Origin's scheme, names the same scheme, host and port.
  if (parseUrl(`${url.protocol}//${host}`)?.origin !== url.origin) return false;
  // The port the connection arrived on, not PUBLIC_ORIGIN's: every caller has it, and it is right even where the
  // configured origin is a proxy's; a loopback origin on another port is another local program's page.
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return req.socket?.localPort !== undefined && port === req.socket.localPort;
}

/** localhost, 127.0.0.0/8 or [::1] (as URL normalizes them). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** `value` as a URL, or null when it is not one. */
function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
