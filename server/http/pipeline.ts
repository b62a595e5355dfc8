/**
 * The one request pipeline every REST route goes through:
 * authenticate → validate → transaction → authorize + command (the handler) → present, then events after commit.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Executor } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';
import { claimIdempotencyKey, idempotencyKeyOf, REPLAYED_HEADER, requestFingerprint, storeIdempotentAnswer, type StoredAnswer } from './idempotency.js';
import type { Principal } from '../auth/principal.js';
import { principalFromToken } from '../auth/principal.js';
import { bearerToken, readCookie, SESSION_COOKIE } from '../auth/tokens.js';
import type { AppServices } from '../services.js';
import { AppError, notFound, SEND_JSON, zodDetails } from './errors.js';
import { isAllowedOrigin } from './origin.js';
import { findMisspelledFields } from './misspelledFields.js';
import { findUnstorableInput } from './unstorableInput.js';
import { withoutEmptyValues } from './queryValues.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Refusals a handler answers itself, beyond those the pipeline implies for every route of its kind. */
export type RefusalStatus = 401 | 403 | 404 | 409 | 429 | 503;

export interface AuditEntry {
  action: string;
  target: { type: string; id: string };
  workspaceId?: string | null;
  changes?: Record<string, unknown>;
  /** Who acted, when the request is not signed in yet (sign-in: the person whose session starts). */
  actor?: { userId: string; organizationId: string };
}

export interface RouteContext<B, P, Q, A extends boolean> {
  principal: A extends true ? Principal : Principal | undefined;
  body: B;
  params: P;
  query: Q;
  /** The request's transaction for writes; the database for reads. */
  tx: Executor;
  services: AppServices;
  req: FastifyRequest;
  reply: FastifyReply;
  /** Appends an audit event in the same transaction as the change. */
  audit(entry: AuditEntry): Promise<void>;
  /** Queues a Socket.IO event for the workspace's room, sent only after commit. */
  emit(workspaceId: string, event: string, payload: Record<string, unknown>): void;
  /** Runs after a successful commit (notifications, sockets, projections). */
  afterCommit(fn: () => void | Promise<void>): void;
}

export interface RouteSpec<B extends ZodType, P extends ZodType, Q extends ZodType, A extends boolean> {
  method: Method;
  url: string;
  summary: string;
  tags?: string[];
  /** Default true: the caller must be signed in. */
  auth?: A;
  body?: B;
  params?: P;
  query?: Q;
  /** Success status; default 200 (201 for POST that creates, set explicitly). */
  status?: number;
  /** Body limit override in bytes. */
  bodyLimit?: number;
  /**
   * The handler sets the reply's status and headers and returns the file itself (Buffer, string or stream). The
   * pipeline sends it only after the transaction commits, so an audited export never leaves before its audit event
   * is stored, and a failed commit answers 500 instead of an unaudited copy.
   */
  raw?: boolean;
  /** Run in a transaction even if GET, or outside one for a write (default: writes only). */
  transaction?: boolean;
  /**
   * Default true: a POST's `Idempotency-Key` stores its answer for replay. False where the answer holds a secret shown
   * once that must not be stored (a calendar feed's link): a retry then makes a new one.
   */
  idempotent?: boolean;
  /** The success body's shape, for the OpenAPI document only: never given to Fastify, whose serializer would drop unlisted fields. */
  response?: ZodType;
  /** A raw route's media types and what each carries (files). */
  produces?: Record<string, string>;
  /** Refusals the handler answers itself (403 by role, 404 for an id in the query, 409…); the pipeline's own are implied. */
  refusals?: RefusalStatus[];
  /** Answers before the body is read, when the route's state refuses any input (setup's 409 once set up). */
  gate?(services: AppServices): Promise<void>;
  handler(ctx: RouteContext<z.infer<B>, z.infer<P>, z.infer<Q>, A>): Promise<unknown>;
}

export interface RouteDoc {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  auth: boolean;
  status: number;
  body?: ZodType;
  params?: ZodType;
  query?: ZodType;
  response?: ZodType;
  produces?: Record<string, string>;
  refusals: RefusalStatus[];
}

/** Resolves the caller from `Authorization: Bearer` or the session cookie. */
export async function authenticateRequest(db: Executor, req: FastifyRequest): Promise<Principal | undefined> {
  const token = bearerToken(req.headers.authorization);
  if (token !== undefined) return principalFromToken(db, token, 'bearer');
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (cookie) return principalFromToken(db, cookie, 'cookie');
  return undefined;
}

function parse<T extends ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  // Before the schema, for every route at once: a NUL or an unpaired surrogate in any string (even one only copied
  // into the audit trail's jsonb) would reach PostgreSQL and fail there with a 500.
  const unstorable = findUnstorableInput(value);
  if (unstorable.length) throw new AppError('validation_failed', `The request ${where} is not valid`, unstorable);
  // A JSON `null` body stands for no body where none is required; where one is, the error names the null that came.
  let result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success && value === null && where === 'body') result = schema.safeParse(null);
  const misspelled = where === 'body' ? findMisspelledFields(schema, value) : [];
  if (!result.success) throw new AppError('validation_failed', `The request ${where} is not valid`, [...misspelled, ...zodDetails(result.error)]);
  if (misspelled.length) throw new AppError('validation_failed', `The request ${where} is not valid`, misspelled);
  return result.data;
}

/**
 * Path parameters are ids, and ids are opaque: one that could never have been issued names nothing, so it is a
 * 404 like any other unknown id (a 400 would tell a caller more than "not found" does, and break the convention).
 */
function parseParams<T extends ZodType>(schema: T | undefined, value: unknown): z.infer<T> {
  try {
    return parse(schema, value, 'parameters');
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') throw notFound();
    throw err;
  }
}

/** Creates the `route()` function that registers routes through the pipeline. */
export function createRouter(app: FastifyInstance, services: AppServices) {
  const docs: RouteDoc[] = [];
  function route<B extends ZodType = ZodType<undefined>, P extends ZodType = ZodType<undefined>, Q extends ZodType = ZodType<undefined>, A extends boolean = true>(
    spec: RouteSpec<B, P, Q, A>,
  ): void {
    const needsAuth = spec.auth !== false;
    const status = spec.status ?? 200;
    const useTx = spec.transaction ?? spec.method !== 'GET';
    docs.push({
      method: spec.method,
      url: spec.url,
      summary: spec.summary,
      tags: spec.tags ?? [],
      auth: needsAuth,
      status,
      body: spec.body,
      params: spec.params,
      query: spec.query,
      response: spec.response,
      produces: spec.produces,
      refusals: spec.refusals ?? [],
    });
    // Who calls, and whether they may, is settled before the body is read: a stranger's megabyte of JSON to a route
    // that needs a session is refused unparsed, and setup's 409 answers whatever body follows.
    const principals = new WeakMap<FastifyRequest, Principal | undefined>();
    const admit = async (req: FastifyRequest): Promise<void> => {
      const principal = await authenticateRequest(services.database.db, req);
      if (needsAuth && !principal) throw new AppError('unauthenticated', 'Sign in first');
      if (principal?.via === 'cookie' && spec.method !== 'GET' && !isAllowedOrigin(req, services.config.publicOrigin)) {
        // A deployment reached under another name than PUBLIC_ORIGIN lands here for every write: say what to set.
        throw new AppError('forbidden', `Cross-site request refused: the Origin ${String(req.headers.origin ?? '(none)').slice(0, 200)} is not this server's public origin (${services.config.publicOrigin}); if it should be, set PUBLIC_ORIGIN to it`);
      }
      if (spec.gate) await spec.gate(services);
      principals.set(req, principal);
    };
    app.route({
      method: spec.method,
      url: spec.url,
      // A route anyone may call unsigned takes small bodies: a stranger's megabyte costs every user a pause.
      bodyLimit: spec.bodyLimit ?? (needsAuth ? undefined : services.config.limits.maxAnonymousBodyBytes),
      onRequest: admit,
      handler: async (req, reply) => {
        const { db } = services.database;
        const principal = principals.get(req);
        const params = parseParams(spec.params, req.params);
        const query = parse(spec.query, withoutEmptyValues(req.query), 'query');
        // A text/plain body reaches here as a string: the schema's "expected object" would not say what to change.
        if (spec.body && typeof req.body === 'string' && !/json/i.test(req.headers['content-type'] ?? '')) throw new AppError('validation_failed', SEND_JSON, [{ path: 'content-type', message: 'not JSON' }]);
        const body = spec.body ? parse(spec.body, req.body === undefined ? {} : req.body, 'body') : (undefined as z.infer<B>);
        // Creating requests may carry an Idempotency-Key: a retry after a lost reply then gets the first answer.
        const idempotencyKey = spec.method === 'POST' && useTx && !spec.raw && spec.idempotent !== false && principal ? idempotencyKeyOf(req) : undefined;
        let replay: StoredAnswer | undefined;
        const events: Array<[string, string, Record<string, unknown>]> = [];
        const after: Array<() => void | Promise<void>> = [];
        const run = async (tx: Executor) => {
          const ctx: RouteContext<z.infer<B>, z.infer<P>, z.infer<Q>, A> = {
            principal: principal as RouteContext<z.infer<B>, z.infer<P>, z.infer<Q>, A>['principal'],
            body,
            params,
            query,
            tx,
            services,
            req,
            reply,
            audit: async (entry) => {
              // HEAD sends no body out (Fastify answers it with the GET handler): only the GET that takes a copy is a trace.
              if (req.method === 'HEAD') return;
              await tx.insert(auditEvents).values({
                actorId: principal?.userId ?? entry.actor?.userId ?? null,
                organizationId: principal?.organizationId ?? entry.actor?.organizationId ?? null,
                workspaceId: entry.workspaceId ?? null,
                ip: req.ip,
                action: entry.action,
                target: entry.target,
                changes: entry.changes ?? {},
              });
            },
            emit: (workspaceId, event, payload) => events.push([workspaceId, event, payload]),
            afterCommit: (fn) => after.push(fn),
          };
          if (!idempotencyKey || !principal) return spec.handler(ctx);
          replay = await claimIdempotencyKey(tx, principal.userId, idempotencyKey, requestFingerprint(req));
          if (replay) return undefined;
          const answer = await spec.handler(ctx);
          const answered = answer === undefined ? { status: status === 200 ? 204 : status, body: '' } : { status, body: JSON.stringify(answer) };
          await storeIdempotentAnswer(tx, principal.userId, idempotencyKey, answered);
          return answer;
        };
        const result = useTx ? await db.transaction((tx) => run(tx as Executor)) : await run(db);
        if (replay) {
          // Nothing ran: no events, no after-commit work; the answer is the first request's, byte for byte.
          reply.header(REPLAYED_HEADER, 'true');
          if (replay.status === 204) return reply.status(204).send();
          return reply.status(replay.status).type('application/json; charset=utf-8').send(replay.body);
        }
        for (const [workspaceId, event, payload] of events) services.events.toWorkspace(workspaceId, event, payload);
        for (const fn of after) {
          Promise.resolve()
            .then(fn)
            .catch((err: unknown) => req.log.error({ err }, 'after-commit task failed'));
        }
        if (spec.raw) {
          // Fastify answers HEAD with this handler and drains a stream to its end: a whole audit trail read for nothing.
          if (req.method === 'HEAD' && result instanceof Readable) {
            result.destroy();
            return reply.send();
          }
          return reply.send(result);
        }
        if (status === 204 || result === undefined) return reply.status(status === 200 ? 204 : status).send();
        return reply.status(status).send(result);
      },
    });
  }
  return { route, docs };
}

export type Router = ReturnType<typeof createRouter>;
export type RouteFn = Router['route'];
