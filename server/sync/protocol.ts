/** y-websocket wire messages, encoded once and shared by every recipient. */
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Close codes of the contract. */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
  restart: 1012,
  tryAgain: 1013,
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
} as const;

/**
 * [sync, kind, varUint length, payload] in one allocation and one copy. lib0's encoder copies a large payload twice
 * (into a grown buffer, then into the result): ~15 ms for the 2 MB stored plan a fresh client is sent.
 */
function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
  let lengthBytes = 1;
  for (let n = payload.length; n > 0x7f; n = Math.floor(n / 128)) lengthBytes++;
  const message = new Uint8Array(2 + lengthBytes + payload.length);
  message[0] = MESSAGE_SYNC;
  message[1] = kind;
  let at = 2;
  let n = payload.length;
  for (; n > 0x7f; n = Math.floor(n / 128)) message[at++] = 0x80 | (n & 0x7f);
  message[at++] = n;
  message.set(payload, at);
  return message;
}

/** [sync, step1, stateVector] */
export const encodeSyncStep1 = (stateVector: Uint8Array) => syncMessage(SYNC_STEP1, stateVector);
/** [sync, step2, update] */
export const encodeSyncStep2 = (update: Uint8Array) => syncMessage(SYNC_STEP2, update);
/** [sync, update, update] */
export const encodeSyncUpdate = (update: Uint8Array) => syncMessage(SYNC_UPDATE, update);

/** [awareness, update] */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}
