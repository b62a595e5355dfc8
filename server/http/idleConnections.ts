/**
 * Drops connections that open and never send a request. Node's headersTimeout only starts once a request
 * has begun, so a socket that stays silent would otherwise be held forever (an easy way to exhaust a node).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const guarded = new WeakMap<Socket, () => void>();

function release(socket: Socket): void {
  const onTimeout = guarded.get(socket);
  if (!onTimeout) return;
  guarded.delete(socket);
  socket.off('timeout', onTimeout);
  socket.setTimeout(0);
}

/** Destroys any connection that has not sent a complete request head (or upgrade) within `ms` of silence. */
export function dropSilentConnections(server: Server, ms: number): void {
  server.on('connection', (socket: Socket) => {
    const onTimeout = () => {
      if (guarded.has(socket)) socket.destroy();
    };
    guarded.set(socket, onTimeout);
    socket.setTimeout(ms);
    socket.on('timeout', onTimeout);
  });
  // Once a request or upgrade has arrived, Node's own timeouts (request, keep-alive) and ws take over.
  server.on('request', (req: { socket: Socket }) => release(req.socket));
  server.on('upgrade', (_req: unknown, socket: Socket) => release(socket));
}
