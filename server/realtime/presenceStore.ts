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
}

export class MemoryPresenceStore implements PresenceStore {
  readonly degraded = false;
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
