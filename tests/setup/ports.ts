/** Free loopback ports and waiting for a port to answer. */
import { createServer, Socket } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Sends `payload` to 127.0.0.1:port and resolves with whatever first comes back ('' on any failure). */
export function probe(port: number, payload: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const sock = new Socket();
    const done = (answer: string): void => {
      sock.destroy();
      resolve(answer);
    };
    sock.setTimeout(timeoutMs, () => done(''));
    sock.once('error', () => done(''));
    sock.once('data', (d: Buffer) => done(d.toString()));
    sock.connect(port, '127.0.0.1', () => sock.write(payload));
  });
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
