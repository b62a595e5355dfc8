/** Health, metrics and the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { buildOpenApi } from '../../http/openApi.js';
import type { RouteDoc } from '../../http/pipeline.js';
import type { AppServices } from '../../services.js';

/** Names what makes a 503 health answer degraded: `database`, `redis`, or both. */
export const DEGRADED_HEADER = 'x-health-degraded';

/** A database that does not answer a ping within this long counts as unreachable (it may hang, not refuse). */
export const HEALTH_PING_TIMEOUT_MS = 1500;

/** Resolves false if the ping fails or has not answered in time. */
function pingWithin(ping: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([ping(), late]).finally(() => clearTimeout(timer));
}

/** Registers /api/health, /metrics and /api/openapi.json. */
export function registerSystemRoutes(app: FastifyInstance, services: AppServices, docs: readonly RouteDoc[]): void {
  app.get('/api/health', async (_req, reply) => {
    const dbOk = (await pingWithin(() => services.database.ping(), HEALTH_PING_TIMEOUT_MS)) && !services.hub.updateLog.failing;
    // Read once: the body and the status must agree even if the bus changes state meanwhile.
    const bus = services.bus.state;
    const redisDown = bus === 'degraded';
    // The body keeps the contract's shape and values: a configured Redis that does not answer is not "ready", and the
    // node has its Redis features off until it answers again ("disabled"). Which part failed is told in a header.
    const failing = [...(dbOk ? [] : ['database']), ...(redisDown ? ['redis'] : [])];
    if (failing.length) reply.header(DEGRADED_HEADER, failing.join(', '));
    return reply.status(failing.length ? 503 : 200).send({ status: failing.length ? 'degraded' : 'ok', database: services.database.kind, redis: bus === 'ready' ? 'ready' : 'disabled' });
  });

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return services.metrics.render();
  });

  let cached: unknown;
  app.get('/api/openapi.json', async () => (cached ??= buildOpenApi(docs, SYSTEM_PATHS)));
}

const healthSchema = {
  type: 'object',
  properties: {
    status: { enum: ['ok', 'degraded'] },
    database: { enum: ['pglite', 'postgres'] },
    redis: { enum: ['disabled', 'ready'], description: '"ready" while a configured Redis answers; "disabled" without one, or while it does not answer (then the 503 names it)' },
  },
  additionalProperties: false,
  required: ['status', 'database', 'redis'],
};

/** The routes registered outside the pipeline (no sign-in), described by hand. */
const SYSTEM_PATHS: Record<string, Record<string, unknown>> = {
  '/api/health': {
    get: {
      operationId: 'getHealth',
      summary: 'Whether this node can serve: 200 when the database (and a configured Redis) answer, else 503 with status "degraded"',
      tags: ['system'],
      security: [],
      responses: {
        '200': { description: 'Serving', content: { 'application/json': { schema: healthSchema } } },
        '503': {
          description: 'Degraded',
          headers: { [DEGRADED_HEADER]: { description: 'What does not answer: "database", "redis" or "database, redis"', schema: { type: 'string' } } },
          content: { 'application/json': { schema: healthSchema } },
        },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics: connections, loaded documents, updates applied, durable-save lag, event-loop delay',
      tags: ['system'],
      security: [],
      responses: { '200': { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  },
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenapiJson',
      summary: 'This document',
      tags: ['system'],
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  },
};
