/** Who is online in each workspace: in-process for one node; the Redis store replaces it for several. */

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

/** Merges several sockets of one user into one entry, preferring active ones. */
export function mergeByUser(entries: PresenceEntry[]): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>();
  for (const e of entries) {
    const prev = byUser.get(e.userId);
    if (!prev || (prev.state === 'idle' && e.state === 'active') || (!prev.documentId && e.documentId)) byUser.set(e.userId, e);
  }
  return [...byUser.values()];
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
