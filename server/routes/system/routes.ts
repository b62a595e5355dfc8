/** Health, metrics and the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteDoc } from '../../http/pipeline.js';
import type { AppServices } from '../../services.js';

/** A database that does not answer a ping within this long counts as unreachable (it may hang, not refuse). */
export const HEALTH_PING_TIMEOUT_MS = 1500;

/** Resolves false if the ping fails or has not answered in time. */
function pingWithin(ping: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([ping(), late]).finally(() => clearTimeout(timer));
}

/** Registers /api/health, /metrics and /api/openapi.json. */
export function registerSystemRoutes(app: FastifyInstance, services: AppServices, docs: RouteDoc[]): void {
  app.get('/api/health', async (_req, reply) => {
    const dbOk = (await pingWithin(() => services.database.ping(), HEALTH_PING_TIMEOUT_MS)) && !services.hub.updateLog.failing;
    const redis = services.bus.state;
    const ok = dbOk && redis !== 'degraded';
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database: services.database.kind, redis, ...(dbOk ? {} : { databaseReachable: false }) });
  });

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return services.metrics.render();
  });

  let cached: unknown;
  app.get('/api/openapi.json', async () => (cached ??= buildOpenApi(docs)));
}

function jsonSchema(schema: z.ZodType | undefined): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return { type: 'object' };
  }
}

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] } },
};

/** OpenAPI 3 from the routes' zod schemas. */
export function buildOpenApi(docs: RouteDoc[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of docs) {
    const path = d.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = jsonSchema(d.params) as { properties?: Record<string, unknown> } | undefined;
    const query = jsonSchema(d.query) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    const parameters = [
      ...Object.entries(params?.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema })),
    ];
    const body = jsonSchema(d.body);
    (paths[path] ??= {})[d.method.toLowerCase()] = {
      summary: d.summary,
      tags: d.tags,
      ...(d.auth ? { security: [{ bearer: [] }, { cookie: [] }] } : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      responses: {
        [String(d.status)]: { description: 'Success' },
        default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Enlace API', version: '1.0.0', description: 'Real-time coordination workspace for inter-agency working groups.' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'enlace_session' },
      },
    },
    paths: { ...paths, ...SYSTEM_PATHS },
  };
}

const healthSchema = {
  type: 'object',
  properties: { status: { enum: ['ok', 'degraded'] }, database: { enum: ['pglite', 'postgres'] }, redis: { enum: ['disabled', 'ready', 'degraded'] } },
  required: ['status', 'database', 'redis'],
};

/** The routes registered outside the pipeline (no sign-in), described by hand. */
const SYSTEM_PATHS: Record<string, Record<string, unknown>> = {
  '/api/health': {
    get: {
      summary: 'Whether this node can serve: 200 when the database (and a configured Redis) answer, else 503 with status "degraded"',
      tags: ['system'],
      security: [],
      responses: {
        '200': { description: 'Serving', content: { 'application/json': { schema: healthSchema } } },
        '503': { description: 'Degraded', content: { 'application/json': { schema: healthSchema } } },
      },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics: connections, loaded documents, updates applied, durable-save lag, event-loop delay',
      tags: ['system'],
      security: [],
      responses: { '200': { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  },
  '/api/openapi.json': {
    get: {
      summary: 'This document',
      tags: ['system'],
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  },
};
