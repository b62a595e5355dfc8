/** Who a Socket.IO connection is: its session looked up when it connects, and again when a revocation raced it. */
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { Database } from '../../db/client.js';
import { sessionIsLive } from '../auth/liveSession.js';
import { principalFromToken } from '../auth/principal.js';
import { bearerToken, readCookie, SESSION_COOKIE } from '../auth/tokens.js';
import { sessionRoom, tellSessionEnded, userRoom } from './socketRooms.js';
import type { RealtimeServer } from './socketTypes.js';

/** Admits only sockets with a live session (bearer token or cookie), each put in its person's and its session's rooms. */
export function authenticateSockets(io: RealtimeServer, opts: { db: Database; revocationsHeard?: () => number }): void {
  io.use(async (socket, next) => {
    try {
      const heardAtAuth = opts.revocationsHeard?.();
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      // `auth: {token}` as the contract says, else an Authorization header (a Node client's extraHeaders).
      const token = typeof auth?.token === 'string' ? auth.token : bearerToken(socket.handshake.headers.authorization);
      const cookie = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const principal = token ? await principalFromToken(opts.db, token, 'bearer') : cookie ? await principalFromToken(opts.db, cookie, 'cookie') : undefined;
      if (!principal) return next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated' } }));
      socket.data.principal = principal;
      socket.data.workspaces = new Set();
      socket.data.planGroups = new Map();
      socket.data.heardAtAuth = heardAtAuth;
      await socket.join([userRoom(principal.userId), sessionRoom(principal.sessionHash)]);
      next();
    } catch (err) {
      next(err instanceof Error ? err : new Error('authentication failed'));
    }
  });
}

/** Disconnects a socket whose session ended while it was being authenticated, as the revocation would have. */
export async function endIfSessionEnded(db: Database, log: Pick<FastifyBaseLogger, 'warn'> | undefined, socket: Socket, sessionHash: string): Promise<void> {
  const live = await sessionIsLive(db, sessionHash).catch((err: unknown) => {
    // Unknown: kept, as a socket connected a moment earlier would be; the periodic access re-check decides.
    log?.warn({ err }, 'session of a new Socket.IO connection not re-checked');
    return true;
  });
  if (live || !socket.connected) return;
  tellSessionEnded(socket, 'session ended');
  socket.disconnect(true);
}
