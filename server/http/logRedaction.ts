/**
 * Secrets some addresses carry, kept out of the log: a calendar feed's token (a path segment, since calendar apps can
 * send nothing else) and a `token=` query value (the plan socket's). Request lines are not logged (fastifyInstance.ts),
 * but an address still reaches the log inside warnings and errors: every logged request, error and message passes
 * through here, so turning request logging on later cannot start writing them either.
 */
import type { FastifyRequest } from 'fastify';
import { serializeError, type LoggedError } from './errorSerializer.js';

const REDACTED = '[redacted]';
const FEED_TOKEN = /(\/api\/calendar\/feeds\/)[^/?#\s"'\\]+/g;
const TOKEN_QUERY = /([?&]token=)[^&#\s"'\\]+/g;

/** `text` with every URL secret replaced by `[redacted]`. */
export function withoutUrlSecrets(text: string): string {
  return text.replace(FEED_TOKEN, `$1${REDACTED}`).replace(TOKEN_QUERY, `$1${REDACTED}`);
}

/** Fastify's own request fields for the log, the address without its secrets. */
function requestForLog(req: FastifyRequest): LoggedRequest {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? withoutUrlSecrets(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** An error as serializeError writes it, its texts without URL secrets (Fastify's own errors quote the address). */
function errorForLog(err: Error): LoggedError {
  const out = serializeError(err);
  if (!out || typeof out !== 'object') return out;
  for (const [key, value] of Object.entries(out)) if (typeof value === 'string') out[key] = withoutUrlSecrets(value);
  return out;
}

/** A request as logged. */
interface LoggedRequest {
  [key: string]: unknown;
  method?: string;
  url?: string;
  host?: string;
  remoteAddress?: string;
  remotePort?: number;
}

/** Pino's `serializers` and `hooks` options, as far as they are used here. */
interface RedactedLogging {
  serializers: { req(req: FastifyRequest): LoggedRequest; err(err: Error): LoggedError };
  hooks: { logMethod(this: unknown, args: unknown[], method: { apply(thisArg: unknown, args: unknown[]): void }): void };
}

/** The logger's serializers and message hook that leave URL secrets out. */
export const redactedLogging: RedactedLogging = {
  serializers: { req: requestForLog, err: errorForLog },
  hooks: {
    logMethod(args, method) {
      method.apply(
        this,
        args.map((arg) => (typeof arg === 'string' ? withoutUrlSecrets(arg) : arg)),
      );
    },
  },
};
