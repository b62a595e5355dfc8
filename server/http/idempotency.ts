/**
 * `Idempotency-Key` for POST requests that create things. A reply can be lost after the server committed (a dropped
 * connection, a proxy timeout): the form then invites a retry, which created the decision, action or comment twice.
 * A request carrying a key claims it in its own transaction; the answer is stored with the change, so it exists
 * exactly when the change does. A retry with the same key and the same request gets that answer again (with
 * `Idempotent-Replayed: true`) and changes nothing; a failed request stores nothing, so its retry runs anew.
 * Concurrent requests with one key serialize on the key's row: the later one waits, then replays.
 */
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.js';
import { idempotentRequests } from '../../db/schema.js';
import { AppError, conflict } from './errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key's answer is kept. */
const KEEP_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** A stored answer to replay. */
export interface StoredAnswer {
  status: number;
  body: string;
}

/** The request's key, if it sent one; a malformed key is a 400 naming the header. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(',') : raw;
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID, for example)', [
      { path: 'headers.idempotency-key', message: 'Invalid key' },
    ]);
  }
  return key;
}

/** What identifies a request beyond its key: method, path with query, and body. */
export function requestFingerprint(req: FastifyRequest): string {
  return createHash('sha256').update(req.method).update('\u0000').update(req.url).update('\u0000').update(JSON.stringify(req.body ?? null)).digest('base64');
}

/**
 * Claims `key` for this request in `tx`. Returns the stored answer when the key was used before for the same request;
 * refuses (409) a key used for another one; otherwise the key is this transaction's until it commits or rolls back.
 */
export async function claimIdempotencyKey(tx: Executor, userId: string, key: string, fingerprint: string): Promise<StoredAnswer | undefined> {
  await tx.delete(idempotentRequests).where(and(eq(idempotentRequests.userId, userId), lt(idempotentRequests.createdAt, sql`now() - make_interval(hours => ${KEEP_HOURS})`)));
  const claimed = await tx
    .insert(idempotentRequests)
    .values({ userId, key, fingerprint, status: 0, response: '' })
    .onConflictDoNothing()
    .returning({ key: idempotentRequests.key });
  if (claimed.length) return undefined;
  const [stored] = await tx.select().from(idempotentRequests).where(and(eq(idempotentRequests.userId, userId), eq(idempotentRequests.key, key)));
  if (!stored) throw new AppError('unavailable', 'The same Idempotency-Key is in use by a request that just failed; send the request again');
  if (stored.fingerprint !== fingerprint) throw conflict('This Idempotency-Key was already used for another request; use a new key for each new request', 'idempotency_key_reused');
  return { status: stored.status, body: stored.response };
}

/** Stores the answer of the request that claimed `key`, in its transaction. */
export async function storeIdempotentAnswer(tx: Executor, userId: string, key: string, answer: StoredAnswer): Promise<void> {
  await tx.update(idempotentRequests).set({ status: answer.status, response: answer.body }).where(and(eq(idempotentRequests.userId, userId), eq(idempotentRequests.key, key)));
}
