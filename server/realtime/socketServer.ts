/**
 * Socket.IO: workspace rooms for live events, presence, and revocation. Every join is authorized
 * with the same workspace policy as REST; every payload carries its workspaceId.
 */
import type { Server as HttpServer } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { Server, type Socket } from 'socket.io';
import type { Database } from '../../db/client.js';
import { isAllowedOrigin } from '../http/origin.js';
import { KeyedTokenBucket } from '../http/rateLimit.js';
import { presenceBroadcaster } from './presenceBroadcast.js';
import type { PresenceStore } from './presenceStore.js';
import { authenticateSockets, endIfSessionEnded } from './socketAuth.js';
import { handleClientEvents } from './socketClientEvents.js';
import { sessionRoom, tellSessionEnded, userRoom, workspaceRoom } from './socketRooms.js';
import type { RealtimeServer, SocketData } from './socketTypes.js';

/** Socket.IO's path; its engine claims every request and upgrade whose target starts with it and a slash. */
export const SOCKET_IO_PATH = '/socket.io';

export interface SocketServerOptions {
  db: Database;
  presence: PresenceStore;
  publicOrigin: string;
  log?: Pick<FastifyBaseLogger, 'warn'>;
  /** Client events one person may send at once across their sockets, and per second after that (DEFAULT_LIMITS). */
  events: { burst: number; perSecond: number };
  /**
   * Revocations this node has heard of so far (a counter). A socket whose session was revoked while it was being
   * authenticated is not yet among the sockets the revocation disconnects, so one that connects after the count
   * moved has its session looked up again before any of its events is taken.
   */
  revocationsHeard?: () => number;
  /** Called once a socket has joined a working group's room (after its acknowledgement). */
  onJoined?: (socket: { emit(event: string, payload: unknown): boolean }, workspaceId: string, userId: string) => void;
}

/** Creates the Socket.IO server on the app's HTTP server. */
export function createSocketServer(httpServer: HttpServer, opts: SocketServerOptions) {
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    destroyUpgrade: false, // /yjs upgrades are ours
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, cb) => cb(null, isAllowedOrigin(req, opts.publicOrigin, false)),
  });

  authenticateSockets(io, { db: opts.db, revocationsHeard: opts.revocationsHeard });

  const budget = new KeyedTokenBucket(opts.events.perSecond, opts.events.burst);
  const broadcastPresence = presenceBroadcaster(io, opts.presence, opts.log);
  const events = { db: opts.db, presence: opts.presence, log: opts.log, budget, broadcastPresence, onJoined: opts.onJoined };

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    // A session revoked while this socket was being authenticated: looked up again before any of its events is taken.
    const first = opts.revocationsHeard && opts.revocationsHeard() !== data.heardAtAuth ? endIfSessionEnded(opts.db, opts.log, socket, data.principal.sessionHash) : Promise.resolve();
    handleClientEvents(socket, first, events);
  });

  /** Removes a user's sockets from a workspace (or everything) and tells them, on every node. */
  async function revoke(input: { userId: string; workspaceId?: string; sessionHash?: string; reason: string }): Promise<void> {
    const target = input.sessionHash ? sessionRoom(input.sessionHash) : userRoom(input.userId);
    if (input.workspaceId) {
      io.to(target).emit('access:revoked', { workspaceId: input.workspaceId, reason: input.reason });
      io.in(target).socketsLeave(workspaceRoom(input.workspaceId));
      // While Redis is away the cross-node fetch fails: clean up this node's presence; the others catch up
      // through the late control message and the access re-check (accessRecheck.ts).
      const sockets = await io.in(target).fetchSockets().catch(() => io.local.in(target).fetchSockets());
      for (const s of sockets) {
        await opts.presence.remove(input.workspaceId, s.id).catch(() => undefined);
      }
      void broadcastPresence(input.workspaceId).catch(() => undefined);
    } else {
      // Which groups each socket joined is known where it lives: fetched from every node (this node's alone while
      // Redis is away; the others then hear through the late control message and the access re-check).
      const sockets = await io.in(target).fetchSockets().catch(() => io.local.in(target).fetchSockets());
      for (const s of sockets) tellSessionEnded(s, input.reason);
      io.in(target).disconnectSockets(true);
    }
  }

  return { io, revoke, broadcastPresence };
}
