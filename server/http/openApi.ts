/** The OpenAPI 3.1 document, built from the route specs: inputs, the success body or file types, and the refusals. */
import { z, type ZodType } from 'zod';
import type { RefusalStatus, RouteDoc } from './pipeline.js';
import { namedComponents } from './responses/common.js';

type JsonSchema = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';
const ERROR_REF = { $ref: `${COMPONENT_REF}Error` };

/** A stable, unique name for an operation: the method and the path's words, `:id` as `ById` (`getWorkspacesById`). */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split(/[/.-]+/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `By${w.slice(1, 2).toUpperCase()}${w.slice(2)}` : w.charAt(0).toUpperCase() + w.slice(1)));
  return method.toLowerCase() + words.join('');
}

function inputSchema(schema: ZodType | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  try {
    return embedded(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
  } catch {
    return { type: 'object' };
  }
}

/** Drops what a schema needs standing alone but not inside the document (its own dialect and id). */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/**
 * Every response schema in one pass: the named shared schemas become components, referred to by `$ref`; each
 * route's own envelope comes back by route (or as a `$ref` when the route answers a named schema as it is).
 */
function responseSchemas(docs: readonly RouteDoc[]): { components: Record<string, JsonSchema>; byRoute: Map<RouteDoc, JsonSchema> } {
  const registry = z.registry<{ id: string }>();
  const named = namedComponents();
  for (const [schema, name] of named) registry.add(schema, { id: name });
  const envelopes = new Map<ZodType, string>();
  for (const d of docs) {
    if (d.response && !named.has(d.response) && !envelopes.has(d.response)) {
      const id = `${operationIdOf(d.method, d.url)}Response`;
      envelopes.set(d.response, id);
      registry.add(d.response, { id });
    }
  }
  const { schemas } = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => COMPONENT_REF + id }) as { schemas: Record<string, JsonSchema> };
  const components: Record<string, JsonSchema> = {};
  for (const name of named.values()) components[name] = embedded(schemas[name]);
  const byRoute = new Map<RouteDoc, JsonSchema>();
  for (const d of docs) {
    if (!d.response) continue;
    const name = named.get(d.response);
    byRoute.set(d, name ? { $ref: COMPONENT_REF + name } : embedded(schemas[envelopes.get(d.response)!]));
  }
  return { components, byRoute };
}

const REFUSALS: Record<RefusalStatus | 400 | 413, string> = {
  400: 'validation_failed: the body or query is not valid; `details` says where',
  401: 'unauthenticated: sign in first',
  403: 'forbidden: the caller’s role may not do this (or a cookie write came from another origin)',
  404: 'not_found: no such record, or one the caller may not see',
  409: 'conflict: the record’s state refuses the change',
  413: 'payload_too_large: the body is too large',
  429: 'rate_limited: too many requests; wait and retry',
  503: 'unavailable: the database cannot be reached right now (Retry-After says when to try again)',
};

/** The refusals a route may answer: the pipeline's own for its kind, plus those its handler declares. */
function refusalsOf(d: RouteDoc): Array<keyof typeof REFUSALS> {
  const implied: Array<keyof typeof REFUSALS> = [];
  if (d.body || d.query) implied.push(400);
  if (d.auth) implied.push(401);
  // A write with the session cookie needs an allowed Origin.
  if (d.auth && d.method !== 'GET') implied.push(403);
  // Path parameters are ids: an unknown or malformed one is a 404.
  if (d.params) implied.push(404);
  if (d.body) implied.push(413);
  return [...new Set([...implied, ...d.refusals])].sort((a, b) => a - b);
}

function errorResponses(d: RouteDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const status of refusalsOf(d)) {
    // Sign-in answers 401 for bad credentials, not for a missing session.
    const description = status === 401 && !d.auth ? 'invalid_credentials: email or password is not correct' : REFUSALS[status];
    out[String(status)] = { description, content: { 'application/json': { schema: ERROR_REF } } };
  }
  return out;
}

function fileSchema(mediaType: string): JsonSchema {
  return mediaType.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' };
}

function successResponse(d: RouteDoc, schema: JsonSchema | undefined): Record<string, unknown> {
  if (d.produces) {
    const content = Object.fromEntries(
      Object.entries(d.produces).map(([type, description]) => [type, { schema: type === 'application/json' && schema ? schema : fileSchema(type), description }]),
    );
    return { description: 'The file', headers: { 'Content-Disposition': { description: 'attachment; filename=…', schema: { type: 'string' } } }, content };
  }
  if (d.status === 204 || !schema) return { description: 'Done; no content' };
  return { description: 'Success', content: { 'application/json': { schema } } };
}

/** OpenAPI 3.1 from the routes' specs; `extraPaths` are routes registered outside the pipeline, described by hand. */
export function buildOpenApi(docs: readonly RouteDoc[], extraPaths: Record<string, Record<string, unknown>> = {}) {
  const { components, byRoute } = responseSchemas(docs);
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const d of docs) {
    const operationId = operationIdOf(d.method, d.url);
    if (operationIds.has(operationId)) throw new Error(`Two routes would share the operationId ${operationId}`);
    operationIds.add(operationId);
    const params = inputSchema(d.params) as { properties?: Record<string, unknown> } | undefined;
    const query = inputSchema(d.query) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    const parameters = [
      ...Object.entries(params?.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema })),
    ];
    const body = inputSchema(d.body);
    (paths[d.url.replace(/:([A-Za-z]+)/g, '{$1}')] ??= {})[d.method.toLowerCase()] = {
      operationId,
      summary: d.summary,
      tags: d.tags,
      ...(d.auth ? { security: [{ bearer: [] }, { cookie: [] }] } : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      responses: {
        [String(d.status)]: successResponse(d, byRoute.get(d)),
        ...errorResponses(d),
        default: { description: 'Any other error (429 rate_limited, 500 internal…), in the same shape', content: { 'application/json': { schema: ERROR_REF } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Enlace API', version: '1.0.0', description: 'Real-time coordination workspace for inter-agency working groups.' },
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'enlace_session' },
      },
    },
    paths: { ...paths, ...extraPaths },
  };
}
