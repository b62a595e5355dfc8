/** What the Socket.IO modules share: the data a socket carries, and the server typed with it. */
import type { Server } from 'socket.io';
import type { Principal } from '../auth/principal.js';

/** A socket's own state, set when it is authenticated. */
export interface SocketData {
  principal: Principal;
  workspaces: Set<string>;
  /** Plans this socket named in presence and the group each belongs to: looked up once, not on every update. */
  planGroups: Map<string, string | null>;
  /** Revocations this node had heard of when the socket's session was looked up (see `revocationsHeard`). */
  heardAtAuth?: number;
}

/** Between nodes: a group's presence changed in the shared store; each node reads it and tells its own sockets. */
export const PRESENCE_CHANGED = 'presence:changed';

/** The Socket.IO server: any client events, and one server-side event between nodes. */
export type RealtimeServer = Server<Record<string, (...args: never[]) => void>, Record<string, (...args: unknown[]) => void>, Record<typeof PRESENCE_CHANGED, (workspaceId: unknown) => void>, SocketData>;
