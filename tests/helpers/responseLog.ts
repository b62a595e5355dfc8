/**
 * Records every answer the API gives during a test (by wrapping `fetch`), and checks each one against what the
 * route's spec documents: the status, the media type, and the body against the route's response schema.
 */
import type { RouteDoc } from '../../server/http/pipeline.js';
import { errorBody } from '../../server/http/responses/common.js';

export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  mediaType: string;
  /** Parsed JSON, or undefined for files and empty bodies. */
  json: unknown;
}

/** Starts recording the answers of the server at `baseUrl`; call `stop()` to put `fetch` back. */
export function recordAnswers(baseUrl: string): { answers: RecordedAnswer[]; stop(): void } {
  const original = globalThis.fetch;
  const answers: RecordedAnswer[] = [];
  globalThis.fetch = async (input, init) => {
    const res = await original(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin === new URL(baseUrl).origin && url.pathname.startsWith('/api/')) {
      const mediaType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
      const text = mediaType === 'application/json' ? await res.clone().text() : '';
      answers.push({ method: init?.method ?? 'GET', path: url.pathname, status: res.status, mediaType, json: text ? JSON.parse(text) : undefined });
    }
    return res;
  };
  return { answers, stop: () => (globalThis.fetch = original) };
}

/** The route a concrete path was answered by; static segments win over parameters. */
export function routeFor(docs: readonly RouteDoc[], method: string, path: string): RouteDoc | undefined {
  const candidates = docs.filter((d) => d.method === method && new RegExp(`^${d.url.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path));
  return candidates.sort((a, b) => (a.url.match(/:/g)?.length ?? 0) - (b.url.match(/:/g)?.length ?? 0))[0];
}

/** Where an answer departs from its route's documentation; empty when it is as documented. */
export function undocumented(doc: RouteDoc, answer: RecordedAnswer): string[] {
  const where = `${answer.method} ${answer.path} → ${answer.status}`;
  if (answer.status >= 400) {
    const parsed = errorBody.safeParse(answer.json);
    return parsed.success ? [] : [`${where}: not the error shape: ${parsed.error.message}`];
  }
  if (answer.status !== doc.status) return [`${where}: documented as ${doc.status}`];
  if (doc.status === 204) return answer.json === undefined ? [] : [`${where}: a body on a 204`];
  if (doc.produces && !(answer.mediaType in doc.produces)) return [`${where}: ${answer.mediaType} is not among ${Object.keys(doc.produces).join(', ')}`];
  if (answer.mediaType !== 'application/json') return [];
  if (!doc.response) return [`${where}: JSON answered, but the route documents no response schema`];
  const parsed = doc.response.safeParse(answer.json);
  if (!parsed.success) return parsed.error.issues.map((i) => `${where}: ${i.path.join('.') || '(body)'}: ${i.message}`);
  // The top level must be closed too: a field the schema does not name fails (nested objects are strict by construction).
  if (answer.json && typeof answer.json === 'object' && !Array.isArray(answer.json) && doc.response.safeParse({ ...answer.json, unexpectedField: 1 }).success) {
    return [`${where}: the response schema accepts fields it does not name`];
  }
  return [];
}
