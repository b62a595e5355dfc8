import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, MESSAGE_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from './protocol.js';

/** What lib0's encoder (as y-protocols writes it) makes of the same message. */
function viaEncoder(kind: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

describe('sync messages', () => {
  it('are byte for byte what the y-websocket encoder writes, at every length-prefix size', () => {
    for (const length of [0, 1, 127, 128, 300, 16_383, 16_384, 70_000, 2_097_151, 2_097_152]) {
      const payload = new Uint8Array(length).map((_, i) => (i * 31) & 0xff);
      for (const [encode, kind] of [
        [encodeSyncStep1, SYNC_STEP1],
        [encodeSyncStep2, SYNC_STEP2],
        [encodeSyncUpdate, SYNC_UPDATE],
      ] as const) {
        const message = encode(payload);
        const expected = viaEncoder(kind, payload);
        // Buffer comparison: a deep equality of megabyte arrays takes seconds.
        expect(message.length).toBe(expected.length);
        expect(Buffer.compare(message, expected)).toBe(0);
        const d = decoding.createDecoder(message);
        expect([decoding.readVarUint(d), decoding.readVarUint(d), decoding.readVarUint8Array(d).length]).toEqual([MESSAGE_SYNC, kind, length]);
      }
    }
  });
});
