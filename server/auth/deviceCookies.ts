/**
 * Device cookies: a browser where a person has signed in before carries proof of it, so a sign-in lockout that others
 * can cause (guesses at the person's email from many addresses, or a colleague's failures behind the same office
 * address) does not lock that person out. The proof is an HMAC keyed by the person's stored password hash: nothing
 * new to keep or share between nodes, it cannot be made without the database, and a password change voids it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { readCookie } from './tokens.js';

export const DEVICE_COOKIE = 'enlace_device';
const DEVICE_TTL_MS = 180 * 24 * 3600 * 1000;

interface Account {
  id: string;
  passwordHash: string;
}

const macOf = (account: Account, issuedAt: number): string =>
  createHmac('sha256', account.passwordHash).update(`enlace-device|${account.id}|${issuedAt}`).digest('base64url');

/** The device proof a request carries for this account (its MAC, to count failures under), or undefined. */
export function knownDevice(cookieHeader: string | undefined, account: Account | undefined, now = Date.now()): string | undefined {
  const value = readCookie(cookieHeader, DEVICE_COOKIE);
  if (!value || !account) return undefined;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return undefined;
  const issuedAt = Number(match[1]);
  if (issuedAt > now + 60_000 || now - issuedAt > DEVICE_TTL_MS) return undefined;
  const expected = Buffer.from(macOf(account, issuedAt));
  const given = Buffer.from(match[2]);
  return given.length === expected.length && timingSafeEqual(given, expected) ? match[2] : undefined;
}

/** Sets (or renews) the device cookie for this account; sent back only to the sign-in routes. */
export function setDeviceCookie(reply: FastifyReply, account: Account, secure: boolean, now = Date.now()): void {
  const parts = [`${DEVICE_COOKIE}=${now}.${macOf(account, now)}`, 'Path=/api/auth', 'HttpOnly', 'SameSite=Strict', `Max-Age=${DEVICE_TTL_MS / 1000}`];
  if (secure) parts.push('Secure');
  reply.header('set-cookie', parts.join('; '));
}
