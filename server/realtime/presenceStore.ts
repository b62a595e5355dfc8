/** Who is online in each workspace: in-process for one node; the Redis store replaces it for several. */
import { mergeByUser } from '../../shared/presenceMerge.js';

export interface PresenceEntry {
  userId: string;
  name: string;
  organizationId: string;
  documentId: string | null;
  section: string | null;
  state: 'active' | 'idle';
}

export interface PresenceStore {
  /** Records one socket's presence (a user may have several sockets). */
  set(workspaceId: string, socketId: string, entry: PresenceEntry): Promise<void>;
  remove(workspaceId: string, socketId: string): Promise<void>;
  /** Everyone online, one entry per user (their most active socket). */
  list(workspaceId: string): Promise<PresenceEntry[]>;
  readonly degraded: boolean;
  /** Whether other nodes share it: a change made here is then announced to them, and each reads the list itself. */
  readonly shared: boolean;
  /**
   * Installed by the socket server: sends a group's current list to this node's sockets. A shared store calls it
   * when the list changed without a socket event here (an entry expired, a node died, Redis came back).
   */
  announce?: (workspaceId: string) => Promise<void>;
  /** Told by the socket server which list it last sent a group's sockets here, so the store announces only changes. */
  sent?(workspaceId: string, online: PresenceEntry[]): void;
}

export class MemoryPresenceStore implements PresenceStore {
  readonly degraded = false;
  readonly shared = false;
  private rooms = new Map<string, Map<string, PresenceEntry>>();
  async set(workspaceId: string, socketId: string, entry: PresenceEntry): Promise<void> {
    let room = this.rooms.get(workspaceId);
    if (!room) this.rooms.set(workspaceId, (room = new Map()));
    room.set(socketId, entry);
  }
  async remove(workspaceId: string, socketId: string): Promise<void> {
    const room = this.rooms.get(workspaceId);
    room?.delete(socketId);
    if (room && !room.size) this.rooms.delete(workspaceId);
  }
  async list(workspaceId: string): Promise<PresenceEntry[]> {
    return mergeByUser([...(this.rooms.get(workspaceId)?.values() ?? [])]);
  }
}
