/** The Fastify instance itself: its timeouts, body limits, logger, and the contract's error answers. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import { redactedLogging } from './http/logRedaction.js';
import { clientErrors, frameworkErrors, installErrorHandlers } from './http/errors.js';
import { acceptEmptyJsonBodies } from './http/jsonBodies.js';

/** Paths of the web app's pages: an unknown one is answered with its index.html (when the client is built). */
const PAGE_PREFIXES = ['/login', '/setup', '/w/', '/matrix', '/actions', '/inbox', '/search', '/admin', '/invite/'];

/** Creates the Fastify instance for `config`, with the error handlers and body parsing every route relies on. */
export function createFastify(config: ServerConfig): FastifyInstance {
  const app = Fastify({
    // Serializers and a message hook that keep the secrets some addresses carry (a calendar feed's token) out of the log.
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, ...redactedLogging, ...(config.logDestination ? { stream: config.logDestination } : {}) },
    bodyLimit: config.limits.maxBodyBytes,
    trustProxy: config.trustProxy,
    // One log line per request costs more than the request on the hot paths; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Idle or slow-header connections are dropped instead of holding memory.
    requestTimeout: 30000,
    connectionTimeout: 0,
    keepAliveTimeout: 10000,
    // Boot awaits the database (migrations, a PGlite template copy) between registrations; on a busy small
    // machine that outlasts Fastify's 10 s default, which would abort a healthy start.
    pluginTimeout: 120_000,
    frameworkErrors,
    // Requests refused by Node's HTTP parser, before any route, also answer in the contract's error shape.
    clientErrorHandler: clientErrors,
  });
  app.server.headersTimeout = 10000;
  acceptEmptyJsonBodies(app, config.limits.maxJsonDepth);
  installErrorHandlers(app, { spaIndex: config.clientDir && existsSync(join(config.clientDir, 'index.html')) ? PAGE_PREFIXES : undefined });
  return app;
}
