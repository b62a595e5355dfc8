/**
 * Who an awareness state says its person is. The web app labels carets and avatars from a state's `user`
 * (`userId`, `name`, `organizationId`, `acronym`), which the client writes: the server makes it the connection's.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';

/** The identity fields a state's `user` must carry. */
export interface AwarenessIdentity {
  userId: string;
  name: string;
  organizationId: string;
  acronym: string;
}

function userOf(state: unknown): Record<string, unknown> | undefined {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return undefined;
  const user = (state as Record<string, unknown>).user;
  return user !== null && typeof user === 'object' && !Array.isArray(user) ? (user as Record<string, unknown>) : undefined;
}

/** Whether a parsed state names no one but `identity` (states without `user`, as stock clients send, name no one). */
export function speaksAs(state: unknown, identity: AwarenessIdentity): boolean {
  const user = userOf(state);
  if (!user) return true;
  return user.userId === identity.userId && user.name === identity.name && user.organizationId === identity.organizationId && user.acronym === identity.acronym;
}

const utf8Decoder = new TextDecoder();

/** The awareness update with every state's `user` set to `identity` (its other fields, such as the colour, kept). */
export function withIdentity(update: Uint8Array, identity: AwarenessIdentity): Uint8Array {
  const d = decoding.createDecoder(update);
  const e = encoding.createEncoder();
  const n = decoding.readVarUint(d);
  encoding.writeVarUint(e, n);
  for (let i = 0; i < n; i++) {
    encoding.writeVarUint(e, decoding.readVarUint(d));
    encoding.writeVarUint(e, decoding.readVarUint(d));
    const raw = decoding.readVarUint8Array(d);
    const state = JSON.parse(utf8Decoder.decode(raw)) as unknown;
    const user = userOf(state);
    if (!user) {
      encoding.writeVarUint8Array(e, raw);
      continue;
    }
    const fixed = { ...(state as Record<string, unknown>), user: { ...user, userId: identity.userId, name: identity.name, organizationId: identity.organizationId, acronym: identity.acronym } };
    encoding.writeVarString(e, JSON.stringify(fixed));
  }
  return encoding.toUint8Array(e);
}

/**
 * An awareness update that relabels the states `ids` whose `user` no longer matches `identity` (null when none
 * needs it). Each clock goes one past the current one, so every peer takes it; the owner's client too, which then
 * counts on from there.
 */
export function relabelled(awareness: Awareness, ids: Iterable<number>, identity: AwarenessIdentity): Uint8Array | null {
  const changed: Array<[number, number, string]> = [];
  for (const id of ids) {
    const state = awareness.states.get(id);
    const user = userOf(state);
    if (!user || speaksAs(state, identity)) continue;
    const fixed = { ...state, user: { ...user, userId: identity.userId, name: identity.name, organizationId: identity.organizationId, acronym: identity.acronym } };
    changed.push([id, (awareness.meta.get(id)?.clock ?? 0) + 1, JSON.stringify(fixed)]);
  }
  if (!changed.length) return null;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, changed.length);
  for (const [id, clock, json] of changed) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}
