/**
 * Socket.IO on several nodes: the Redis adapter (rooms, broadcasts, socketsLeave, fetchSockets across nodes),
 * websocket-only transport, the presence store's view of live sockets, and revocations that arrive late after a Redis outage.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server as SocketServer } from 'socket.io';
import type { ControlMessage } from '../sync/clusterBus.js';
import type { RedisClient } from '../sync/redisClients.js';
import type { RedisPresenceStore } from './redisPresenceStore.js';
import { sessionRoom, tellSessionEnded, userRoom, workspaceRoom } from './socketRooms.js';

/** Installs the Redis adapter and presence hooks on `io`. */
export function wireSocketServer(io: SocketServer, opts: { pub: RedisClient; sub: RedisClient; prefix: string; presence: RedisPresenceStore; onPublishError(): void }): void {
  // Long-polling needs every request of a session on the node that holds it; behind a plain balancer
  // (no sticky sessions) only the websocket transport works, so refuse polling cleanly instead of flapping.
  io.engine.opts.transports = ['websocket'];
  io.adapter(createAdapter(failSoftPublisher(opts.pub, opts.onPublishError), opts.sub, { key: `${opts.prefix}sio`, requestsTimeout: 3000 }));
  opts.presence.isLive = (workspaceId, socketId) => io.of('/').sockets.get(socketId)?.rooms.has(workspaceRoom(workspaceId)) ?? false;
}

/**
 * Applies a revocation to this node's own Socket.IO sockets. Normally the adapter does this on every node at once;
 * a revocation issued while Redis was away only reaches other nodes later, through the control channel, and the
 * adapter's messages from that time are gone, so each node applies it itself.
 */
export async function revokeLocally(io: SocketServer, presence: RedisPresenceStore, m: Extract<ControlMessage, { type: 'revoke' }>): Promise<void> {
  const target = m.sessionHash ? sessionRoom(m.sessionHash) : userRoom(m.userId);
  if (!m.workspaceId) {
    for (const s of await io.local.in(target).fetchSockets()) tellSessionEnded(s, m.reason);
    io.local.in(target).disconnectSockets(true);
    return;
  }
  io.local.to(target).emit('access:revoked', { workspaceId: m.workspaceId, reason: m.reason });
  const room = workspaceRoom(m.workspaceId);
  for (const s of await io.local.in(target).fetchSockets()) {
    s.leave(room);
    await presence.remove(m.workspaceId, s.id);
  }
}

/**
 * The adapter publishes without handling rejections; a publish while Redis is away would otherwise become an
 * unhandled rejection. Publishing through this view counts the failure and drops the message instead.
 */
function failSoftPublisher(client: RedisClient, onError: () => void): RedisClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'publish') return (channel: string, message: string | Buffer) => target.publish(channel, message).catch(() => (onError(), 0));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
