/** Opaque session tokens: random, shown once, stored only as a hash. */
import { createHash, randomBytes } from 'node:crypto';

/** A new random token (base64url, 256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export const SESSION_COOKIE = 'enlace_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive, RFC 9110), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return header && /^bearer(\s|$)/i.test(header) ? header.slice(6).trim() : undefined;
}

/** Reads one cookie from a raw Cookie header; a value with a malformed escape counts as absent (no token, 401). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodedCookie(part.slice(i + 1).trim());
  }
  return undefined;
}

function decodedCookie(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
