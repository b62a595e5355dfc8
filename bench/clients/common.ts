/** Helpers shared by the client roles: clocks, content digests, and the bench's own map. */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { getActivities, getBody } from '../../shared/planModel.js';

/** A handler the generator can run: takes plain (structured-clone) args, returns plain data. */
export type Handler = (args: never) => Promise<unknown>;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Sleeps for `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The root map the bench writes its timestamps into (beside the plan's body and activities). */
export function benchMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('bench');
}

/** JSON with object keys sorted, so equal content gives equal text whatever the map insertion order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A digest of the visible content of a plan: body, activities and bench map. */
export function contentDigest(doc: Y.Doc): string {
  const content = stableJson({
    body: getBody(doc).toJSON(),
    activities: getActivities(doc).toJSON(),
    bench: benchMap(doc).toJSON(),
  });
  return createHash('sha1').update(content).digest('hex');
}

/** True when `doc` holds everything `sv` (a decoded state vector) describes. */
export function covers(doc: Y.Doc, sv: Map<number, number>): boolean {
  const mine = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of sv) if ((mine.get(client) ?? 0) < clock) return false;
  return true;
}

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passes; returns whether it became true. */
export async function waitUntil(check: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/** Gives the event loop a turn (lets sockets drain and messages in). */
export function yieldLoop(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
