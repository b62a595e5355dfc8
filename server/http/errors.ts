/** Errors in the contract's shape: {"error":{"code","message","details?"}}. */
import type { ConflictReason, ErrorReason, FORBIDDEN_REASONS } from '../../shared/constants.js';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { isDatabaseUnavailable, isTransactionCollision, violatedUniqueIndex } from './databaseErrors.js';

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** An error the API reports to its caller as-is. */
export class AppError extends Error {
  readonly status: number;
  /** Which conflict (or which refusal, see FORBIDDEN_REASONS) it is (`error.reason`), so a client can say what to do in its own language. */
  reason?: ErrorReason;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
/** A 403, with a reason when a client must tell it apart from other refusals. */
export function forbidden(message = 'You may not do this', reason?: (typeof FORBIDDEN_REASONS)[number]): AppError {
  const err = new AppError('forbidden', message);
  err.reason = reason;
  return err;
}
/** A 409 with its reason (and details a client may act on). */
export function conflict(message: string, reason: ConflictReason, details?: Record<string, unknown>): AppError {
  const err = new AppError('conflict', message, details);
  err.reason = reason;
  return err;
}

/** One invalid field: where, the message, and (for zod's issues) what kind of problem and its bound, so a client can word it in its own language. */
export interface ValidationDetail {
  path: string;
  message: string;
  issue?: string;
  /** The bound a too_big/too_small value crossed, and what was measured: a string's characters, an array's items, a number. */
  limit?: number;
  of?: string;
}

const MAX_DETAILS = 50;
const MAX_DETAIL_MESSAGE = 300;

/** Formats zod issues as details: [{path, message, issue, limit?, of?}]; a refine's `params.issue` names its kind. */
export function zodDetails(err: ZodError): ValidationDetail[] {
  // A value of the wrong type is that, and nothing else: zod still runs the field's length checks on it, so a string
  // where a list of at most 8 goes was also "too big: expected string to have <=8 characters".
  const wrongType = new Set(err.issues.filter((i) => i.code === 'invalid_type').map((i) => i.path.join('.')));
  const issues = err.issues.filter((i) => i.code === 'invalid_type' || !wrongType.has(i.path.join('.')));
  // Capped: a body with 60,000 unknown keys answered 700 KB of error naming each of them.
  return issues.slice(0, MAX_DETAILS).map((i) => {
    // A schema's own rule (a refine) names its kind in `params.issue`, so a client can word it as it words zod's.
    const named = i.code === 'custom' && typeof i.params?.issue === 'string' ? i.params.issue : undefined;
    const message = i.message.length > MAX_DETAIL_MESSAGE ? `${i.message.slice(0, MAX_DETAIL_MESSAGE)}…` : i.message;
    const detail: ValidationDetail = { path: i.path.join('.').slice(0, MAX_DETAIL_MESSAGE), message, issue: named ?? i.code };
    if (i.code === 'too_big' || i.code === 'too_small') {
      const bound = i.code === 'too_big' ? i.maximum : i.minimum;
      if (typeof bound === 'number' || typeof bound === 'bigint') detail.limit = Number(bound);
      detail.of = i.origin;
    }
    return detail;
  });
}

/** Paths that only programs call (API, sockets, metrics, built assets): never answered with the web app's page. */
function isMachinePath(path: string): boolean {
  return ['/api', '/socket.io', '/yjs', '/metrics', '/assets'].some((p) => path === p || path.startsWith(p + '/'));
}

/** The router's own refusals (a malformed escape, an over-long path parameter) in the contract's shape, not Fastify's. */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  // Answered before any route's hooks run, so without the security headers those add: these bodies are data only.
  reply.header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  // Path parameters are ids, and no id is that long: it names nothing, like any unknown id.
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } });
    return;
  }
  const message = 'The address is not a valid URL';
  reply.status(400).send({ error: { code: 'validation_failed', message, details: [{ path: 'url', message }] } });
}

/** What Node's HTTP parser refused, by its error code: the status kept, the contract's code, and why. */
function clientErrorAnswer(code: string): { status: number; code: string; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'payload_too_large', message: 'The request headers are too large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'payload_too_large', message: 'The request body’s chunk extensions are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      // The contract has no code for it; the status says it all.
      return { status: 408, code: 'request_timeout', message: 'The request did not arrive in time' };
    default:
      return { status: 400, code: 'validation_failed', message: 'The request is not valid HTTP' };
  }
}

/** Why a malformed request was refused, for the details of a 400 (parser codes that hostile clients try). */
const PARSE_REASONS: Record<string, string> = {
  HPE_INVALID_METHOD: 'Unknown HTTP method',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length together with Transfer-Encoding',
  HPE_INVALID_TRANSFER_ENCODING: 'Unsupported Transfer-Encoding, or one together with Content-Length',
  HPE_INVALID_CHUNK_SIZE: 'Malformed chunked encoding',
  HPE_INVALID_CONTENT_LENGTH: 'Malformed Content-Length',
  HPE_INVALID_HEADER_TOKEN: 'Malformed header',
  HPE_INVALID_VERSION: 'Unsupported HTTP version',
};

/**
 * Requests Node's HTTP parser refuses before any route (bad chunked encoding, Content-Length with Transfer-Encoding,
 * an unknown method, headers over 16 kB) answered in the contract's shape instead of Fastify's, then the socket closed.
 */
export function clientErrors(err: ConnectionError, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = clientErrorAnswer(err.code);
  const details = answer.status === 400 ? [{ path: 'request', message: PARSE_REASONS[err.code] ?? answer.message }] : undefined;
  const body = JSON.stringify({ error: { code: answer.code, message: answer.message, ...(details ? { details } : {}) } });
  // Like Node's own handler: never write into a response already under way on this keep-alive socket.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** An address as echoed in an error message: without its query, cut short so a huge URL is not sent back whole. */
function echoPath(url: string): string {
  const path = url.split('?')[0];
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** What a caller that sent a body in another form than JSON is told to do. */
export const SEND_JSON = 'Send the body as JSON, with Content-Type: application/json';

/** Seconds a caller is told to wait when the database cannot be reached. */
const DATABASE_RETRY_AFTER_S = 5;

/** What a caller is told when a write collided with another on a unique index (see violatedUniqueIndex). */
function uniqueConflict(index: string): { message: string; reason: ConflictReason } {
  if (index === 'users_email_idx') return { message: 'A user with this email already exists', reason: 'email_taken' };
  return { message: 'Someone made the same change at the same moment; reload and check before trying again.', reason: 'concurrent_change' };
}

/** Installs the error and not-found handlers that map everything to the contract's shape. */
export function installErrorHandlers(app: FastifyInstance, opts: { spaIndex?: string[] } = {}): void {
  app.setErrorHandler((err: FastifyError | AppError | ZodError, req, reply) => {
    if (err instanceof AppError) {
      // The contract promises `details` with every validation_failed, so a caller can always iterate it.
      const details = err.details ?? (err.code === 'validation_failed' ? [] : undefined);
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.reason ? { reason: err.reason } : {}), ...(details ? { details } : {}) } });
    }
    if (err instanceof ZodError) {
      return reply.status(400).send({ error: { code: 'validation_failed', message: 'The request is not valid', details: zodDetails(err) } });
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: 'The request body is too large' } });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(400).send({ error: { code: 'validation_failed', message: SEND_JSON, details: [{ path: 'content-type', message: fe.message }] } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type, …): a clear validation error.
      if (fe.statusCode === 404) return reply.status(404).send({ error: { code: 'not_found', message: fe.message } });
      return reply.status(400).send({ error: { code: 'validation_failed', message: fe.message, details: [{ path: '', message: fe.message }] } });
    }
    if (isDatabaseUnavailable(err)) {
      // Not a bug: the database is down or restarting. Say so, and when to try again, rather than "something went wrong".
      req.log.warn({ err }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_S))
        .send({ error: { code: 'unavailable', message: 'The database is not answering right now; try again in a few seconds.' } });
    }
    const index = violatedUniqueIndex(err);
    if (index !== undefined) {
      // Two requests made the same thing at once and both passed the route's check: the database kept one.
      req.log.warn({ index }, 'a concurrent write met a unique index');
      return reply.status(409).send({ error: { code: 'conflict', ...uniqueConflict(index) } });
    }
    if (isTransactionCollision(err)) {
      // The database rolled this request back to let a concurrent one through (a deadlock): nothing was stored, and
      // the caller can look again and retry, as after any conflict; not a 500 that reads as a bug.
      req.log.warn({ err }, 'a transaction collided with a concurrent one');
      return reply.status(409).send({ error: { code: 'conflict', message: 'Someone else changed the same thing at this moment and nothing of this request was saved; reload and try again.', reason: 'concurrent_change' } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side; try again.' } });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    // Deep links into the web app load its index page; the client router takes over.
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (opts.spaIndex && read && (path === '/' || opts.spaIndex.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : p + '/') || path === p))) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    // A mistyped page address in a browser gets the app's own "not found" page (still a 404), not raw JSON.
    if (opts.spaIndex && read && !isMachinePath(path) && (req.headers.accept ?? '').includes('text/html')) {
      return reply.status(404).header('cache-control', 'no-cache').sendFile('index.html');
    }
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${echoPath(req.url)}` } });
  });
}
