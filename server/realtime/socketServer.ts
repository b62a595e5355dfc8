/**
 * Socket.IO: workspace rooms for live events, presence, and revocation. Every join is authorized
 * with the same workspace policy as REST; every payload carries its workspaceId.
 */
import type { Server as HttpServer } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { documents } from '../../db/schema.js';
import { sessionIsLive } from '../auth/liveSession.js';
import { principalFromToken, type Principal } from '../auth/principal.js';
import { readCookie, SESSION_COOKIE } from '../auth/tokens.js';
import { isAllowedOrigin } from '../http/origin.js';
import { KeyedTokenBucket } from '../http/rateLimit.js';
import { findAccess } from '../policies/workspacePolicy.js';
import { PresenceAnnouncer } from './presenceAnnouncer.js';
import type { PresenceEntry, PresenceStore } from './presenceStore.js';

const WORKSPACE_ROOM = 'ws:';
export const workspaceRoom = (workspaceId: string) => `${WORKSPACE_ROOM}${workspaceId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionHash: string) => `session:${sessionHash}`;

/** The working groups whose rooms a socket is in (a local socket's rooms, or those of one fetched from any node). */
export function joinedWorkspaces(rooms: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const room of rooms) if (room.startsWith(WORKSPACE_ROOM)) ids.push(room.slice(WORKSPACE_ROOM.length));
  return ids;
}

/**
 * Tells a socket whose session ended (signed out, token revoked) so, before the caller disconnects it: one
 * `access:revoked` per working group it joined, each naming that group as every server event does, and
 * `sessionEnded: true` so a page tells "your session ended" from "you were removed from this group". A socket that
 * joined none is told nothing: there is no group to name, and the disconnect itself says the session is over.
 */
export function tellSessionEnded(
  socket: { rooms: Set<string>; emit(event: 'access:revoked', payload: { workspaceId: string; reason: string; sessionEnded: true }): boolean },
  reason: string,
): void {
  for (const workspaceId of joinedWorkspaces(socket.rooms)) socket.emit('access:revoked', { workspaceId, reason, sessionEnded: true });
}

const workspaceIdSchema = z.string().min(1).max(100);
/** `{workspaceId}`, or the id alone (`emit('workspace:join', id)`). */
const joinSchema = z.union([z.object({ workspaceId: workspaceIdSchema }), workspaceIdSchema.transform((workspaceId) => ({ workspaceId }))]);
const presenceSchema = z.object({
  workspaceId: z.string().min(1).max(100),
  documentId: z.string().max(100).nullish(),
  section: z.string().max(200).nullish(),
  state: z.enum(['active', 'idle']),
});

/**
 * Events of one connection waiting their turn (join, leave, presence); more are refused, not queued. Room enough
 * for a page that joins every group of a person in many (the matrix joins all of theirs at once).
 */
const MAX_QUEUED_EVENTS = 200;
/** Between nodes: a group's presence changed in the shared store; each node reads it and tells its own sockets. */
const PRESENCE_CHANGED = 'presence:changed';
/** The events a client may send. */
const CLIENT_EVENTS = new Set(['workspace:join', 'workspace:leave', 'presence:update']);

interface SocketData {
  principal: Principal;
  workspaces: Set<string>;
  /** Plans this socket named in presence and the group each belongs to: looked up once, not on every update. */
  planGroups: Map<string, string | null>;
  /** Revocations this node had heard of when the socket's session was looked up (see `revocationsHeard`). */
  heardAtAuth?: number;
}

/** Plans remembered per socket; one that names more is looked up again. */
const MAX_REMEMBERED_PLANS = 100;

/** Socket.IO's path; its engine claims every request and upgrade whose target starts with it and a slash. */
export const SOCKET_IO_PATH = '/socket.io';

/** Creates the Socket.IO server on the app's HTTP server. */
export function createSocketServer(
  httpServer: HttpServer,
  opts: {
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
  },
) {
  const io = new Server<Record<string, (...args: never[]) => void>, Record<string, (...args: unknown[]) => void>, Record<typeof PRESENCE_CHANGED, (workspaceId: unknown) => void>, SocketData>(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    destroyUpgrade: false, // /yjs upgrades are ours
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, cb) => cb(null, isAllowedOrigin(req, opts.publicOrigin, false)),
  });

  io.use(async (socket, next) => {
    try {
      const heardAtAuth = opts.revocationsHeard?.();
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const token = typeof auth?.token === 'string' ? auth.token : undefined;
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

  /** Disconnects a socket whose session ended while it was being authenticated, as the revocation would have. */
  const endIfSessionEnded = async (socket: Socket, sessionHash: string): Promise<void> => {
    const live = await sessionIsLive(opts.db, sessionHash).catch((err: unknown) => {
      // Unknown: kept, as a socket connected a moment earlier would be; the periodic access re-check decides.
      opts.log?.warn({ err }, 'session of a new Socket.IO connection not re-checked');
      return true;
    });
    if (live || !socket.connected) return;
    tellSessionEnded(socket, 'session ended');
    socket.disconnect(true);
  };

  const eventBudget = new KeyedTokenBucket(opts.events.perSecond, opts.events.burst);

  const planGroupOf = async (data: SocketData, documentId: string): Promise<string | null> => {
    const known = data.planGroups.get(documentId);
    if (known !== undefined) return known;
    const [row] = await opts.db.select({ workspaceId: documents.workspaceId }).from(documents).where(eq(documents.id, documentId)).limit(1);
    if (data.planGroups.size >= MAX_REMEMBERED_PLANS) data.planGroups.clear();
    data.planGroups.set(documentId, row?.workspaceId ?? null);
    return row?.workspaceId ?? null;
  };

  // Each node sends its own sockets the list it reads itself, one send at a time per group (PresenceAnnouncer): a
  // list read on another node before a change could otherwise reach a socket after the list read after it.
  const announcer = new PresenceAnnouncer(async (workspaceId) => {
    const online = await opts.presence.list(workspaceId);
    io.local.to(workspaceRoom(workspaceId)).emit('presence:updated', {
      workspaceId,
      online: online.map((e) => ({ userId: e.userId, name: e.name, organizationId: e.organizationId, documentId: e.documentId, section: e.section, state: e.state })),
      degraded: opts.presence.degraded,
    });
    opts.presence.sent?.(workspaceId, online);
  });
  opts.presence.announce = (workspaceId) => announcer.announce(workspaceId);
  io.on(PRESENCE_CHANGED, (workspaceId: unknown) => {
    if (typeof workspaceId === 'string') void announcer.announce(workspaceId).catch((err: unknown) => opts.log?.warn({ err }, 'presence announcement failed'));
  });
  /** After a change to a group's presence, written to the store: every node's sockets in the group hear the list. */
  const broadcastPresence = async (workspaceId: string) => {
    if (opts.presence.shared) io.serverSideEmit(PRESENCE_CHANGED, workspaceId);
    await announcer.announce(workspaceId);
  };

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    const ack = (cb: unknown, value: unknown) => typeof cb === 'function' && (cb as (v: unknown) => void)(value);
    // The acknowledgement is the last argument when it is a function (with no payload it is the only one, and with
    // extra arguments it is not the second); the payload is the first that is not it.
    const argsOf = (args: unknown[]): [unknown, unknown] => {
      const cb = typeof args.at(-1) === 'function' ? args.at(-1) : undefined;
      return [typeof args[0] === 'function' ? undefined : args[0], cb];
    };
    // One client's events take effect in the order it sent them: a leave sent right after a join must not be overtaken
    // by the join's database lookup (it would leave nothing, and the join would land after it). A client that piles up
    // more than MAX_QUEUED_EVENTS is refused rather than queued.
    let tail: Promise<void> = Promise.resolve();
    if (opts.revocationsHeard && opts.revocationsHeard() !== data.heardAtAuth) tail = endIfSessionEnded(socket, data.principal.sessionHash);
    let queued = 0;
    const inOrder = (handler: (payload: unknown, cb: unknown) => Promise<unknown>) => (...args: unknown[]) => {
      const [payload, cb] = argsOf(args);
      // Per person, not per socket: opening more sockets buys no more lookups.
      if (queued >= MAX_QUEUED_EVENTS || !eventBudget.take(data.principal.userId)) return ack(cb, { error: { code: 'rate_limited', message: 'Too many events at once; slow down' } });
      queued++;
      tail = tail
        .then(async () => {
          await handler(payload, cb);
        })
        .catch((err: unknown) => {
          opts.log?.warn({ err, event: 'socket event' }, 'Socket.IO event failed');
          ack(cb, { error: { code: 'unavailable', message: 'Could not complete that now; try again shortly' } });
        })
        .finally(() => queued--);
    };

    // An event nobody handles is answered when the client waits for an answer (it would time out otherwise).
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && CLIENT_EVENTS.has(event)) return;
      ack(argsOf(args)[1], { error: { code: 'not_found', message: `Unknown event; the server handles ${[...CLIENT_EVENTS].join(', ')}` } });
    });

    /**
     * Writes this socket's presence entry in a group, then takes it back if the socket disconnected or was removed from
     * the group while it was written (a slow shared store, a plan's lookup): their clean-ups ran before the entry
     * existed, and it would show the person online there, with nothing (not the re-check, which looks at rooms)
     * taking it out until they disconnect.
     */
    const placeInPresence = async (workspaceId: string, where: Pick<PresenceEntry, 'documentId' | 'section' | 'state'>): Promise<'placed' | 'disconnected' | 'left'> => {
      await opts.presence.set(workspaceId, socket.id, { userId: data.principal.userId, name: data.principal.name, organizationId: data.principal.organizationId, ...where });
      if (socket.connected && socket.rooms.has(workspaceRoom(workspaceId))) return 'placed';
      await opts.presence.remove(workspaceId, socket.id);
      if (!socket.connected) return 'disconnected';
      data.workspaces.delete(workspaceId);
      void broadcastPresence(workspaceId);
      return 'left';
    };

    socket.on('workspace:join', inOrder(async (payload, cb) => {
      const parsed = joinSchema.safeParse(payload);
      if (!parsed.success) return ack(cb, { error: { code: 'validation_failed', message: 'workspaceId is required' } });
      const { workspaceId } = parsed.data;
      const notFound = { error: { code: 'not_found', message: 'Working group not found' } };
      const isMember = async () => Boolean(await findAccess(opts.db, data.principal.userId, workspaceId).catch(() => undefined));
      if (!(await isMember())) return ack(cb, notFound);
      // A socket that closed meanwhile must not be written into presence: nothing would ever take it out again.
      if (!socket.connected) return;
      data.workspaces.add(workspaceId);
      await socket.join(workspaceRoom(workspaceId));
      // Asked again once in the room: a removal committed between the first look and the join had its revocation
      // find the socket outside the room, and the socket would keep the group's events until the periodic re-check.
      if (!(await isMember())) {
        data.workspaces.delete(workspaceId);
        await socket.leave(workspaceRoom(workspaceId));
        return ack(cb, notFound);
      }
      if (!socket.connected) return;
      const placed = await placeInPresence(workspaceId, { documentId: null, section: null, state: 'active' });
      if (placed === 'disconnected') return;
      // Their socket already heard access:revoked: "ok" would contradict it.
      if (placed === 'left') return ack(cb, notFound);
      ack(cb, { ok: true });
      opts.onJoined?.(socket, workspaceId, data.principal.userId);
      void broadcastPresence(workspaceId);
    }));

    // `workspace:leave` names one working group, or none: then the socket leaves every group it joined. A group it
    // never joined is left at once and silently (no presence broadcast to that group's room).
    socket.on('workspace:leave', inOrder(async (payload, cb) => {
      const parsed = payload === undefined || payload === null ? undefined : joinSchema.safeParse(payload);
      if (parsed && !parsed.success) return ack(cb, { error: { code: 'validation_failed', message: 'workspaceId must be a working group id' } });
      const leaving = (parsed ? [parsed.data.workspaceId] : [...data.workspaces]).filter((id) => data.workspaces.has(id));
      for (const workspaceId of leaving) {
        data.workspaces.delete(workspaceId);
        await socket.leave(workspaceRoom(workspaceId));
        await opts.presence.remove(workspaceId, socket.id);
      }
      ack(cb, { ok: true });
      for (const workspaceId of leaving) void broadcastPresence(workspaceId);
    }));

    socket.on('presence:update', inOrder(async (payload, cb) => {
      const parsed = presenceSchema.safeParse(payload);
      if (!parsed.success) return ack(cb, { error: { code: 'validation_failed', message: 'Invalid presence' } });
      const p = parsed.data;
      if (!data.workspaces.has(p.workspaceId) || !socket.rooms.has(workspaceRoom(p.workspaceId))) return ack(cb, { error: { code: 'not_found', message: 'Join the working group first' } });
      // Others in the group see which plan a person is in: only a plan of this group may be named there.
      if (p.documentId && (await planGroupOf(data, p.documentId)) !== p.workspaceId) return ack(cb, { error: { code: 'not_found', message: 'No such plan in this working group' } });
      const placed = await placeInPresence(p.workspaceId, { documentId: p.documentId ?? null, section: p.section ?? null, state: p.state });
      if (placed === 'disconnected') return;
      if (placed === 'left') return ack(cb, { error: { code: 'not_found', message: 'Join the working group first' } });
      ack(cb, { ok: true });
      void broadcastPresence(p.workspaceId);
    }));

    socket.on('disconnect', async () => {
      for (const workspaceId of data.workspaces) {
        await opts.presence.remove(workspaceId, socket.id).catch(() => undefined);
        void broadcastPresence(workspaceId);
      }
    });
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
