/** Telling a working group's sockets, on every node, who is online after its presence changed. */
import type { FastifyBaseLogger } from 'fastify';
import { PresenceAnnouncer } from './presenceAnnouncer.js';
import type { PresenceStore } from './presenceStore.js';
import { workspaceRoom } from './socketRooms.js';
import { PRESENCE_CHANGED, type RealtimeServer } from './socketTypes.js';

/** Wires presence announcements on `io` and returns what to call after a group's presence was written to the store. */
export function presenceBroadcaster(io: RealtimeServer, presence: PresenceStore, log: Pick<FastifyBaseLogger, 'warn'> | undefined): (workspaceId: string) => Promise<void> {
  // Each node sends its own sockets the list it reads itself, one send at a time per group (PresenceAnnouncer): a
  // list read on another node before a change could otherwise reach a socket after the list read after it.
  const announcer = new PresenceAnnouncer(async (workspaceId) => {
    const online = await presence.list(workspaceId);
    io.local.to(workspaceRoom(workspaceId)).emit('presence:updated', {
      workspaceId,
      online: online.map((e) => ({ userId: e.userId, name: e.name, organizationId: e.organizationId, documentId: e.documentId, section: e.section, state: e.state })),
      degraded: presence.degraded,
    });
    presence.sent?.(workspaceId, online);
  });
  presence.announce = (workspaceId) => announcer.announce(workspaceId);
  io.on(PRESENCE_CHANGED, (workspaceId: unknown) => {
    if (typeof workspaceId === 'string') void announcer.announce(workspaceId).catch((err: unknown) => log?.warn({ err }, 'presence announcement failed'));
  });
  /** After a change to a group's presence, written to the store: every node's sockets in the group hear the list. */
  return async (workspaceId: string) => {
    if (presence.shared) io.serverSideEmit(PRESENCE_CHANGED, workspaceId);
    await announcer.announce(workspaceId);
  };
}
