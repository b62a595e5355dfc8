/**
 * The events a client may send on its socket: joining and leaving working groups' rooms, and its presence in them.
 * Every join is authorized with the same workspace policy as REST; every answer names what was refused.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { documents } from '../../db/schema.js';
import type { KeyedTokenBucket } from '../http/rateLimit.js';
import { findAccess } from '../policies/workspacePolicy.js';
import type { PresenceEntry, PresenceStore } from './presenceStore.js';
import { ack, argsOf, eventQueue } from './socketEventQueue.js';
import { workspaceRoom } from './socketRooms.js';
import type { SocketData } from './socketTypes.js';

const workspaceIdSchema = z.string().min(1).max(100);
/** `{workspaceId}`, or the id alone (`emit('workspace:join', id)`). */
const joinSchema = z.union([z.object({ workspaceId: workspaceIdSchema }), workspaceIdSchema.transform((workspaceId) => ({ workspaceId }))]);
const presenceSchema = z.object({
  workspaceId: z.string().min(1).max(100),
  documentId: z.string().max(100).nullish(),
  section: z.string().max(200).nullish(),
  state: z.enum(['active', 'idle']),
});

/** The events a client may send. */
const CLIENT_EVENTS = new Set(['workspace:join', 'workspace:leave', 'presence:update']);

/** Plans remembered per socket; one that names more is looked up again. */
const MAX_REMEMBERED_PLANS = 100;

/** What the event handlers of every socket share. */
export interface ClientEventsContext {
  db: Database;
  presence: PresenceStore;
  log: Pick<FastifyBaseLogger, 'warn'> | undefined;
  /** Client events per person, across their sockets. */
  budget: KeyedTokenBucket;
  /** After a change to a group's presence, written to the store: every node's sockets in the group hear the list. */
  broadcastPresence(workspaceId: string): Promise<void>;
  /** Called once a socket has joined a working group's room (after its acknowledgement). */
  onJoined?: (socket: { emit(event: string, payload: unknown): boolean }, workspaceId: string, userId: string) => void;
}

/** The working group a plan belongs to (null: no such plan), remembered on the socket. */
async function planGroupOf(db: Database, data: SocketData, documentId: string): Promise<string | null> {
  const known = data.planGroups.get(documentId);
  if (known !== undefined) return known;
  const [row] = await db.select({ workspaceId: documents.workspaceId }).from(documents).where(eq(documents.id, documentId)).limit(1);
  if (data.planGroups.size >= MAX_REMEMBERED_PLANS) data.planGroups.clear();
  data.planGroups.set(documentId, row?.workspaceId ?? null);
  return row?.workspaceId ?? null;
}

/** Handles a connected socket's client events, each after `first` (a check run as it connects) and the ones it sent before. */
export function handleClientEvents(socket: Socket, first: Promise<void>, ctx: ClientEventsContext): void {
  const data = socket.data as SocketData;
  const inOrder = eventQueue({ first, budget: ctx.budget, userId: data.principal.userId, log: ctx.log });

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
    await ctx.presence.set(workspaceId, socket.id, { userId: data.principal.userId, name: data.principal.name, organizationId: data.principal.organizationId, ...where });
    if (socket.connected && socket.rooms.has(workspaceRoom(workspaceId))) return 'placed';
    await ctx.presence.remove(workspaceId, socket.id);
    if (!socket.connected) return 'disconnected';
    data.workspaces.delete(workspaceId);
    void ctx.broadcastPresence(workspaceId);
    return 'left';
  };

  socket.on('workspace:join', inOrder(async (payload, cb) => {
    const parsed = joinSchema.safeParse(payload);
    if (!parsed.success) return ack(cb, { error: { code: 'validation_failed', message: 'workspaceId is required' } });
    const { workspaceId } = parsed.data;
    const notFound = { error: { code: 'not_found', message: 'Working group not found' } };
    const isMember = async () => Boolean(await findAccess(ctx.db, data.principal.userId, workspaceId).catch(() => undefined));
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
    ctx.onJoined?.(socket, workspaceId, data.principal.userId);
    void ctx.broadcastPresence(workspaceId);
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
      await ctx.presence.remove(workspaceId, socket.id);
    }
    ack(cb, { ok: true });
    for (const workspaceId of leaving) void ctx.broadcastPresence(workspaceId);
  }));

  socket.on('presence:update', inOrder(async (payload, cb) => {
    const parsed = presenceSchema.safeParse(payload);
    if (!parsed.success) return ack(cb, { error: { code: 'validation_failed', message: 'Invalid presence' } });
    const p = parsed.data;
    if (!data.workspaces.has(p.workspaceId) || !socket.rooms.has(workspaceRoom(p.workspaceId))) return ack(cb, { error: { code: 'not_found', message: 'Join the working group first' } });
    // Others in the group see which plan a person is in: only a plan of this group may be named there.
    if (p.documentId && (await planGroupOf(ctx.db, data, p.documentId)) !== p.workspaceId) return ack(cb, { error: { code: 'not_found', message: 'No such plan in this working group' } });
    const placed = await placeInPresence(p.workspaceId, { documentId: p.documentId ?? null, section: p.section ?? null, state: p.state });
    if (placed === 'disconnected') return;
    if (placed === 'left') return ack(cb, { error: { code: 'not_found', message: 'Join the working group first' } });
    ack(cb, { ok: true });
    void ctx.broadcastPresence(p.workspaceId);
  }));

  socket.on('disconnect', async () => {
    for (const workspaceId of data.workspaces) {
      await ctx.presence.remove(workspaceId, socket.id).catch(() => undefined);
      void ctx.broadcastPresence(workspaceId);
    }
  });
}
