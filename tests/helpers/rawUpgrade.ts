/** A WebSocket upgrade sent as raw bytes, for request lines no WebSocket client would send. */
import { connect } from 'node:net';

/** Sends a bare WebSocket upgrade for `target` and returns what the server answered and whether it closed the socket. */
export function upgradeAttempt(port: number, target: string, timeoutMs: number): Promise<{ response: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ response, closed: false });
    }, timeoutMs);
    socket.on('data', (d: Buffer) => (response += d.toString('latin1')));
    socket.on('error', () => undefined); // a reset after the answer is still an answer; `closed` reports it
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, closed: true });
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
}
