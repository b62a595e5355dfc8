/**
 * Pre-framed broadcasts. A message that goes to many sockets is framed once (one unmasked binary
 * WebSocket frame: header + payload in one buffer) and each recipient gets a single socket write.
 * `ws.send` per recipient would re-frame it, allocate a header and options, and write two chunks.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** One binary WebSocket frame ready to write to any server-side socket (server frames are not masked). */
export function frameBinary(payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const headerBytes = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + n);
  frame[0] = 0x82; // FIN + binary opcode
  if (n < 126) {
    frame[1] = n;
  } else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  frame.set(payload, headerBytes);
  return frame;
}

/**
 * The socket under a `ws` connection, when pre-framed writes to it are equivalent to `ws.send`:
 * no extension negotiated (permessage-deflate would need RSV bits and compression). `ws` writes its own
 * frames to the same socket synchronously and in call order, so both kinds of write interleave safely.
 * Undefined when unavailable; callers then use `ws.send`.
 */
export function rawSocketOf(ws: WebSocket): Duplex | undefined {
  if (ws.extensions !== '') return undefined;
  const socket = (ws as unknown as { _socket?: unknown })._socket;
  return socket && typeof (socket as Duplex).write === 'function' ? (socket as Duplex) : undefined;
}
