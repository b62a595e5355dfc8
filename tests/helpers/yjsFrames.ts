/** y-websocket frames built by hand, for clients that send what a stock provider never would. */
import * as encoding from 'lib0/encoding';

/** A y-websocket sync-update frame carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}
