/** The Socket.IO rooms: one per working group, person and session; and telling a socket its session ended. */

const WORKSPACE_ROOM = 'ws:';
/** The room of a working group's sockets (its live events and presence). */
export const workspaceRoom = (workspaceId: string) => `${WORKSPACE_ROOM}${workspaceId}`;
/** The room of every socket of one person. */
export const userRoom = (userId: string) => `user:${userId}`;
/** The room of every socket signed in with one session. */
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
