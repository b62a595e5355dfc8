/**
 * Keeps each live plan socket's write permission equal to its user's role in the database, and its caret's name and
 * organization equal to theirs (a person moved to another agency), without a reconnect.
 * A role change goes out on the cluster bus as `access {userId, workspaceId}`; every node (this one included) re-reads
 * that membership, never trusting a role in a message, and switches its own plan sockets for the pair: an observer's
 * writes are dropped (connection and awareness kept), a member's or facilitator's applied again. The access re-check
 * uses the same path for a change whose message never reached the node (Redis outage).
 */
import { and, eq } from 'drizzle-orm';
import type { Server as SocketServer } from 'socket.io';
import type { Database } from '../../db/client.js';
import { memberships, organizations, users } from '../../db/schema.js';
import type { WorkspaceRole } from '../../shared/constants.js';
import { sessionIsLive } from '../auth/liveSession.js';
import { can } from '../policies/workspacePolicy.js';
import type { ClusterBus } from '../sync/clusterBus.js';
import type { DocumentHub } from '../sync/documentHub.js';
import { CLOSE } from '../sync/protocol.js';
import { SyncConnection } from '../sync/syncConnection.js';
import { userRoom } from './socketRooms.js';

export interface PlanWriteAccessOptions {
  db: Database;
  hub: Pick<DocumentHub, 'documents'>;
  log: { warn(obj: unknown, msg?: string): void };
  /**
   * When a user's plan sockets on this node change, their own Socket.IO sockets on this node get `member:updated`,
   * so the page refreshes its permissions even when the route's event was lost in a Redis outage.
   */
  io?: SocketServer;
}

/** What one refresh did to a user's plan sockets of one workspace on this node. */
export interface RefreshResult {
  changed: number;
  closed: number;
}

export class PlanWriteAccess {
  /** Plan sockets whose write permission was switched here (role changes, re-checks). */
  changed = 0;
  private heard = 0;
  private readonly chains = new Map<string, Promise<RefreshResult>>();

  constructor(private readonly opts: PlanWriteAccessOptions) {}

  /** Applies the `access` control messages of every node to this node's plan sockets. */
  listen(bus: Pick<ClusterBus, 'onControl'>): this {
    bus.onControl((m) => {
      if (m.type !== 'access' && m.type !== 'revoke') return;
      this.heard++;
      if (m.type === 'access') this.refresh(m.userId, m.workspaceId).catch((err: unknown) => this.failed(err, m.workspaceId));
    });
    return this;
  }

  /** Role changes and revocations heard so far: an upgrade authorized while one arrived is re-checked once attached. */
  epoch(): number {
    return this.heard;
  }

  /**
   * Re-reads a user's access for their plan sockets here (one was authorized before a change this node heard of),
   * and whether the socket's session still holds: a sign-out heard meanwhile found the socket not yet attached.
   */
  recheck(userId: string, workspaceId: string, sessionHash?: string): void {
    this.refresh(userId, workspaceId).catch((err: unknown) => this.failed(err, workspaceId));
    if (sessionHash) {
      this.endIfSessionEnded(userId, sessionHash).catch((err: unknown) =>
        this.opts.log.warn({ err, workspaceId }, 'session of a new plan socket not re-checked; the access re-check will'),
      );
    }
  }

  /** Closes this node's plan sockets of a session that has ended (4401, as a sign-out's revocation would). */
  private async endIfSessionEnded(userId: string, sessionHash: string): Promise<void> {
    if (await sessionIsLive(this.opts.db, sessionHash)) return;
    for (const live of this.opts.hub.documents.values()) {
      for (const peer of [...live.peers]) {
        if (peer instanceof SyncConnection && peer.identity.userId === userId && peer.identity.sessionHash === sessionHash) peer.close(CLOSE.unauthenticated, 'session ended');
      }
    }
  }

  /**
   * Re-reads a user's membership of a workspace and applies it to their plan sockets on this node. Refreshes of one
   * pair run one after another, so an older read can never land after a newer one and hand write access back.
   */
  refresh(userId: string, workspaceId: string): Promise<RefreshResult> {
    const key = `${workspaceId}\0${userId}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.apply(userId, workspaceId));
    this.chains.set(key, next);
    const forget = () => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  private async apply(userId: string, workspaceId: string): Promise<RefreshResult> {
    const [row] = await this.opts.db
      .select({ role: memberships.role, focalPoint: memberships.focalPoint, organizationId: memberships.organizationId, name: users.name, acronym: organizations.acronym })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1);
    const canWrite = row ? can({ role: row.role as WorkspaceRole }, 'edit') : false;
    const result: RefreshResult = { changed: 0, closed: 0 };
    for (const live of this.opts.hub.documents.values()) {
      if (live.workspaceId !== workspaceId) continue;
      for (const peer of [...live.peers]) {
        if (!(peer instanceof SyncConnection) || peer.identity.userId !== userId) continue;
        if (!row) {
          // Removed meanwhile (an upgrade that raced the removal): as the revocation would.
          peer.close(CLOSE.forbidden, 'removed from the working group');
          result.closed++;
        } else {
          if (peer.canWrite !== canWrite) {
            peer.setCanWrite(canWrite);
            result.changed++;
          }
          peer.reidentify({ name: row.name, organizationId: row.organizationId, acronym: row.acronym });
        }
      }
    }
    this.changed += result.changed;
    if (row && result.changed) {
      const member = { userId, name: row.name, organizationId: row.organizationId, role: row.role, focalPoint: row.focalPoint };
      this.opts.io?.local.to(userRoom(userId)).emit('member:updated', { workspaceId, member });
    }
    return result;
  }

  private failed(err: unknown, workspaceId: string): void {
    this.opts.log.warn({ err, workspaceId }, 'role change not applied to live plan sockets; the access re-check will');
  }
}
