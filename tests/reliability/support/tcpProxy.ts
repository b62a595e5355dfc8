/**
 * A TCP proxy in front of a database that can make it hang: while frozen, bytes stop flowing both ways and
 * new connections are held unanswered (as a stalled server or a dead network path would), until thawed.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FreezableProxy {
  port: number;
  /** Stops all traffic (nothing is dropped: it flows again on thaw). */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

/** Listens on a free loopback port and forwards to `target`. */
export async function startProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  const pairs = new Set<[Socket, Socket]>();
  const held: Array<() => void> = [];

  const pipe = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  };

  const server: Server = createServer((client) => {
    client.on('error', () => client.destroy());
    if (frozen) held.push(() => !client.destroyed && pipe(client));
    else pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    port,
    freeze() {
      frozen = true;
      // Unpipe as well as pause: a pipe resumes its source by itself when the destination drains.
      for (const [a, b] of pairs) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
    thaw() {
      frozen = false;
      for (const [a, b] of pairs) {
        a.pipe(b);
        b.pipe(a);
      }
      for (const go of held.splice(0)) go();
    },
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
