/** The Socket.IO connection: typed events, cookie auth, and workspace rooms joined by reference count. */
import { io, type Socket } from 'socket.io-client';
import type { Workspace } from '../api/types.js';

export interface PresenceEntry {
  userId: string;
  name: string;
  organizationId: string;
  documentId?: string | null;
  /** Which part of the group's pages, when not a plan (see PresenceSection). */
  section?: string | null;
  state: 'active' | 'idle';
}

/** Where in a working group a page is, for "who is here now": the summary page sends none. */
export type PresenceSection = 'decisions' | 'actions' | 'meeting';

interface WithWorkspace {
  workspaceId: string;
  [key: string]: unknown;
}

/** Events the server sends; every payload carries `workspaceId`. */
export interface ServerEvents {
  'document:saved': (p: { workspaceId: string; documentId: string; stateVector: string }) => void;
  /** A plan was created in the group, or renamed. */
  'document:created': (p: WithWorkspace) => void;
  'document:updated': (p: WithWorkspace) => void;
  'presence:updated': (p: { workspaceId: string; online: PresenceEntry[] }) => void;
  'access:revoked': (p: WithWorkspace) => void;
  'decision:created': (p: WithWorkspace) => void;
  'decision:updated': (p: WithWorkspace) => void;
  'stance:recorded': (p: WithWorkspace) => void;
  'action:updated': (p: WithWorkspace) => void;
  'meeting:updated': (p: WithWorkspace) => void;
  /** A comment was written on one of the group's plans (useComments listens to every comment event itself). */
  'comment:created': (p: WithWorkspace & { documentId?: string }) => void;
  /** A comment of one of the group's plans was edited, deleted or moved onto other words. */
  'comment:updated': (p: WithWorkspace & { documentId?: string }) => void;
  /** A facilitator changed the group's name, description, mandate areas or overlap sharing. */
  'workspace:updated': (p: WithWorkspace & { workspace: Workspace }) => void;
  'member:updated': (p: WithWorkspace & { member?: { userId?: unknown } }) => void;
  /** Someone left the group or was removed from it (the person removed gets `access:revoked` instead). */
  'member:removed': (p: WithWorkspace & { userId?: unknown }) => void;
  'overlap:flagged': (p: WithWorkspace) => void;
  /** A flag no longer holds (an edit, perhaps in another group, separated its activities). */
  'overlap:removed': (p: WithWorkspace & { overlapId: string }) => void;
  /** The matrix rows of a plan changed (the projection of its saved activities). */
  'matrix:updated': (p: WithWorkspace & { documentId: string; activityIds: string[] }) => void;
  /** Sent to the user's own room (no join needed). */
  'notification:created': (p: WithWorkspace) => void;
}
export type ServerEventName = keyof ServerEvents;

type Ack = { ok?: boolean; error?: unknown };
export interface ClientEvents {
  'workspace:join': (p: { workspaceId: string }, ack: (res: Ack) => void) => void;
  'workspace:leave': (p: { workspaceId: string }) => void;
  'presence:update': (p: { workspaceId: string; documentId?: string; section?: string; state: 'active' | 'idle' }) => void;
}

export type AppSocket = Socket<ServerEvents, ClientEvents>;

/** Creates the app's socket (call `connect()`); the session cookie authenticates it. */
export function createSocket(): AppSocket {
  // WebSocket only: behind several nodes without sticky sessions, polling would bounce between nodes.
  // Back off to at most 3 s (socket.io's default is 5 s), close to the plan socket's 2.5 s: after a cut, the page's
  // lists catch up about when its plan does, and the jitter still spreads a restarted node's reconnects.
  return io({ path: '/socket.io', withCredentials: true, transports: ['websocket'], autoConnect: false, reconnectionDelayMax: 3000 });
}

/**
 * How long a room no page holds any more stays joined. Going from one of a group's pages to another (its tabs) unmounts
 * the first before the second mounts: without the wait, the room was left and joined again, and the new page, told
 * of the join, fetched everything a second time.
 */
export const ROOM_LEAVE_GRACE_MS = 3000;

interface PendingLeave {
  timer: ReturnType<typeof setTimeout>;
  /** A page there said where the person is: only a page that says so again may keep the room (and replace it). */
  presence: boolean;
}

/** Keeps a socket in the working groups that pages ask for, re-joining after every reconnect. */
export class WorkspaceRooms {
  private readonly counts = new Map<string, number>();
  /** Rooms where a page holding it reports the person's presence (the server keeps it until the room is left). */
  private readonly presence = new Set<string>();
  /** Rooms no page holds, still joined until their timer leaves them. */
  private readonly leaving = new Map<string, PendingLeave>();
  private readonly joinedListeners = new Map<string, Set<() => void>>();
  private readonly socket: AppSocket;

  constructor(socket: AppSocket) {
    this.socket = socket;
    socket.on('connect', () => {
      // A new connection is in no room: those waiting to be left are not joined again, and a page asking for one
      // of them now joins it anew.
      for (const [id, pending] of this.leaving) {
        clearTimeout(pending.timer);
        this.presence.delete(id);
      }
      this.leaving.clear();
      for (const id of this.counts.keys()) this.emitJoin(id);
    });
  }

  /**
   * Joins a working group's room; call the returned function to leave it. `presence`: the caller reports where the
   * person is in the group (presence:update), which the server forgets only when the room is left.
   */
  join(workspaceId: string, { presence = false }: { presence?: boolean } = {}): () => void {
    const n = this.counts.get(workspaceId) ?? 0;
    this.counts.set(workspaceId, n + 1);
    const pending = this.leaving.get(workspaceId);
    if (pending && (presence || !pending.presence)) {
      // Still in the room since the last page let it go: events since reach this page, nothing to catch up on.
      clearTimeout(pending.timer);
      this.leaving.delete(workspaceId);
    } else {
      // A page that says nothing of presence after one that did: leave first, or the person stays "here" on the old page.
      if (pending) this.leaveNow(workspaceId);
      if (n === 0 && this.socket.connected) this.emitJoin(workspaceId);
    }
    if (presence) this.presence.add(workspaceId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(workspaceId) ?? 1) - 1;
      if (left > 0) {
        this.counts.set(workspaceId, left);
        return;
      }
      this.counts.delete(workspaceId);
      const timer = setTimeout(() => this.leaveNow(workspaceId), ROOM_LEAVE_GRACE_MS);
      this.leaving.set(workspaceId, { timer, presence: this.presence.has(workspaceId) });
    };
  }

  /** Leaves a room no page holds (its grace over, or cut short). */
  private leaveNow(workspaceId: string): void {
    const pending = this.leaving.get(workspaceId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.leaving.delete(workspaceId);
    this.presence.delete(workspaceId);
    if (this.socket.connected) this.socket.emit('workspace:leave', { workspaceId });
  }

  /**
   * Calls `listener` each time a join of this working group is acknowledged. Pages reload then:
   * events sent before the join (between their first fetch and the ack, or while disconnected) never reach them.
   */
  onJoined(workspaceId: string, listener: () => void): () => void {
    let set = this.joinedListeners.get(workspaceId);
    if (!set) this.joinedListeners.set(workspaceId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.joinedListeners.delete(workspaceId);
    };
  }

  private emitJoin(workspaceId: string): void {
    this.socket.timeout(10_000).emit('workspace:join', { workspaceId }, (err: Error | null, res?: Ack) => {
      // A refused join (no longer a member) is also announced by access:revoked; a timeout retries on reconnect.
      if (err || res?.error) {
        console.warn('workspace:join refused', workspaceId, err?.message ?? res?.error);
        return;
      }
      for (const listener of this.joinedListeners.get(workspaceId) ?? []) listener();
    });
  }
}
