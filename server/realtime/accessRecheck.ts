/**
 * The access re-check: PostgreSQL is the record of who may see what, so every node periodically compares its own
 * live sockets (plan WebSockets and Socket.IO workspace rooms) with it and revokes locally whatever is no longer
 * allowed. Revocations normally travel between nodes at once (control channel, Socket.IO adapter); one made while
 * Redis was away may never reach a node whose subscriber came back after the late replay, and this makes it certain.
 * Roles too: a plan socket whose write permission no longer matches its user's role is switched (planWriteAccess.ts).
 * It runs when the node's Redis connection comes back, every 0.75 s while it is away or a ping to it is overdue (a
 * removal made on another node must close sockets here within the contract's 1 s, and without Redis only this tells
 * them; a hung Redis is certain only after 2 s of silence), and every 30 s otherwise. The bus state is looked at
 * every 0.25 s (every second on a node without Redis, where it never changes).
 */
import { and, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Server as SocketServer, Socket } from 'socket.io';
import type { Database } from '../../db/client.js';
import { memberships, sessions } from '../../db/schema.js';
import type { WorkspaceRole } from '../../shared/constants.js';
import type { Principal } from '../auth/principal.js';
import { busCounters } from '../observability/busMetrics.js';
import { can } from '../policies/workspacePolicy.js';
import type { ClusterBus } from '../sync/clusterBus.js';
import type { DocumentHub } from '../sync/documentHub.js';
import { CLOSE } from '../sync/protocol.js';
import { SyncConnection } from '../sync/syncConnection.js';
import { PlanWriteAccess } from './planWriteAccess.js';
import type { PresenceStore } from './presenceStore.js';
import { tellSessionEnded, workspaceRoom } from './socketRooms.js';

export interface AccessRecheckOptions {
  db: Database;
  hub: Pick<DocumentHub, 'documents'>;
  io: SocketServer;
  presence: PresenceStore;
  /** Re-checks when this bus recovers from an outage, and more often while it is degraded. */
  bus: Pick<ClusterBus, 'state' | 'unanswered'>;
  log: { warn(obj: unknown, msg?: string): void };
  /** A socket left a workspace's room: tell the others who is still online. */
  onLeft?(workspaceId: string): void;
  /** Switches plan sockets whose role changed (the node's own, so role-change messages and re-checks take turns). */
  planAccess?: Pick<PlanWriteAccess, 'refresh'>;
  intervalMs?: number;
  degradedIntervalMs?: number;
  /** How often the bus state is looked at (a property read). */
  watchMs?: number;
}

/** What one run revoked. */
export interface RecheckResult {
  planSocketsClosed: number;
  eventSocketsRevoked: number;
}

// Bound parameters per query stay far below PostgreSQL's 65,535 whatever the number of sockets.
const CHUNK = 500;
const REMOVED = 'removed from the working group';
const ENDED = 'session ended';

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const pairKey = (workspaceId: string, userId: string) => `${workspaceId}\0${userId}`;

export class AccessRecheck {
  runs = 0;
  planSocketsClosed = 0;
  eventSocketsRevoked = 0;
  /** Plan sockets whose write permission the re-check switched to match their user's role. */
  planPermissionsChanged = 0;
  private readonly planAccess: Pick<PlanWriteAccess, 'refresh'>;
  private timer: NodeJS.Timeout | undefined;
  private lastRun = Date.now();
  private seenRecoveries: number;
  private inFlight: Promise<RecheckResult> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly opts: AccessRecheckOptions) {
    this.seenRecoveries = busCounters(opts.bus).recoveries;
    this.planAccess = opts.planAccess ?? new PlanWriteAccess({ db: opts.db, hub: opts.hub, log: opts.log });
  }

  /** Starts watching the bus and the clock. */
  start(): this {
    // Without Redis the bus never changes state: the 30 s interval is all there is to watch for (each wake costs CPU).
    const watchMs = this.opts.watchMs ?? (this.opts.bus.state === 'disabled' ? 1000 : 250);
    this.timer = setInterval(() => this.tick(), watchMs);
    this.timer.unref();
    return this;
  }

  /** Stops the timer; a run in flight finishes on its own. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    const recoveries = busCounters(this.opts.bus).recoveries;
    const recovered = recoveries !== this.seenRecoveries;
    this.seenRecoveries = recoveries;
    const unsure = this.opts.bus.state === 'degraded' || this.opts.bus.unanswered === true;
    const every = unsure ? (this.opts.degradedIntervalMs ?? 750) : (this.opts.intervalMs ?? 30_000);
    if (recovered || Date.now() - this.lastRun >= every) {
      this.run().catch((err: unknown) => this.opts.log.warn({ err }, 'access re-check failed; retrying at the next interval'));
    }
  }

  /** Re-checks every local socket now; a call during a run makes one more run after it (it may predate the change). */
  run(): Promise<RecheckResult> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.lastRun = Date.now();
    this.inFlight = this.check().finally(() => {
      this.inFlight = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.run().catch((err: unknown) => this.opts.log.warn({ err }, 'access re-check failed; retrying at the next interval'));
      }
    });
    return this.inFlight;
  }

  private async check(): Promise<RecheckResult> {
    this.runs++;
    // Snapshot first: only sockets that existed before the queries are judged by them.
    const plans: SyncConnection[] = [];
    for (const live of this.opts.hub.documents.values()) for (const peer of live.peers) if (peer instanceof SyncConnection) plans.push(peer);
    const rooms: Array<{ socket: Socket; principal: Principal; workspaceId: string }> = [];
    const eventSockets: Array<{ socket: Socket; principal: Principal }> = [];
    for (const socket of this.opts.io.of('/').sockets.values()) {
      const data = socket.data as { principal?: Principal; workspaces?: Set<string> };
      if (!data.principal) continue;
      eventSockets.push({ socket, principal: data.principal });
      for (const workspaceId of data.workspaces ?? []) if (socket.rooms.has(workspaceRoom(workspaceId))) rooms.push({ socket, principal: data.principal, workspaceId });
    }
    if (!plans.length && !eventSockets.length) return { planSocketsClosed: 0, eventSocketsRevoked: 0 };

    const sessionHashes = [...new Set([...plans.map((c) => c.identity.sessionHash), ...eventSockets.map((e) => e.principal.sessionHash)])];
    const pairs = new Map<string, [string, string]>();
    for (const c of plans) pairs.set(pairKey(c.workspaceId, c.identity.userId), [c.workspaceId, c.identity.userId]);
    for (const r of rooms) pairs.set(pairKey(r.workspaceId, r.principal.userId), [r.workspaceId, r.principal.userId]);
    const [liveSessions, members] = await Promise.all([this.validSessions(sessionHashes), this.memberPairs([...pairs.values()])]);
    if (this.stopped) return { planSocketsClosed: 0, eventSocketsRevoked: 0 };

    let planSocketsClosed = 0;
    const roleChanged = new Map<string, [string, string]>();
    for (const c of plans) {
      if (!c.live.peers.has(c)) continue; // closed meanwhile
      const key = pairKey(c.workspaceId, c.identity.userId);
      const role = members.get(key);
      if (!liveSessions.has(c.identity.sessionHash)) c.close(CLOSE.unauthenticated, ENDED);
      else if (!role) c.close(CLOSE.forbidden, REMOVED);
      else {
        if (c.canWrite !== can({ role }, 'edit')) roleChanged.set(key, [c.workspaceId, c.identity.userId]);
        continue;
      }
      planSocketsClosed++;
    }
    let eventSocketsRevoked = 0;
    const left = new Set<string>();
    for (const { socket, principal } of eventSockets) {
      if (liveSessions.has(principal.sessionHash) || !socket.connected) continue;
      tellSessionEnded(socket, ENDED);
      socket.disconnect(true); // its disconnect handler removes its presence
      eventSocketsRevoked++;
    }
    for (const { socket, principal, workspaceId } of rooms) {
      if (!liveSessions.has(principal.sessionHash) || members.has(pairKey(workspaceId, principal.userId))) continue;
      if (!socket.connected || !socket.rooms.has(workspaceRoom(workspaceId))) continue; // revoked meanwhile
      socket.emit('access:revoked', { workspaceId, reason: REMOVED });
      socket.leave(workspaceRoom(workspaceId));
      (socket.data as { workspaces?: Set<string> }).workspaces?.delete(workspaceId);
      await this.opts.presence.remove(workspaceId, socket.id).catch((err: unknown) => this.opts.log.warn({ err, workspaceId }, 'presence removal failed'));
      left.add(workspaceId);
      eventSocketsRevoked++;
    }
    for (const workspaceId of left) this.opts.onLeft?.(workspaceId);
    this.planSocketsClosed += planSocketsClosed;
    this.eventSocketsRevoked += eventSocketsRevoked;
    if (planSocketsClosed || eventSocketsRevoked) this.opts.log.warn({ planSocketsClosed, eventSocketsRevoked }, 'access re-check revoked sockets whose revocation never reached this node');
    await this.switchRoles([...roleChanged.values()]);
    return { planSocketsClosed, eventSocketsRevoked };
  }

  /** Re-reads each mismatched pair in turn with any role-change message for it, so a stale read never wins. */
  private async switchRoles(pairs: Array<[string, string]>): Promise<void> {
    let changed = 0;
    for (const [workspaceId, userId] of pairs) {
      if (this.stopped) break;
      try {
        changed += (await this.planAccess.refresh(userId, workspaceId)).changed;
      } catch (err) {
        this.opts.log.warn({ err, workspaceId }, 'access re-check could not switch a plan socket to its role; retrying at the next run');
      }
    }
    this.planPermissionsChanged += changed;
    if (changed) this.opts.log.warn({ planPermissionsChanged: changed }, 'access re-check switched plan sockets to a role change that never reached this node');
  }

  /** The hashes among `hashes` whose session is neither revoked nor expired. */
  private async validSessions(hashes: string[]): Promise<Set<string>> {
    const valid = new Set<string>();
    const now = new Date();
    for (const part of chunks(hashes)) {
      const rows = await this.opts.db
        .select({ hash: sessions.tokenHash })
        .from(sessions)
        .where(and(inArray(sessions.tokenHash, part), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
      for (const r of rows) valid.add(r.hash);
    }
    return valid;
  }

  /** The (workspace, user) pairs among `pairs` that are memberships, as pairKey → role. */
  private async memberPairs(pairs: Array<[string, string]>): Promise<Map<string, WorkspaceRole>> {
    const found = new Map<string, WorkspaceRole>();
    for (const part of chunks(pairs)) {
      const values = sql.join(part.map(([w, u]) => sql`(${w}, ${u})`), sql`, `);
      const rows = await this.opts.db
        .select({ workspaceId: memberships.workspaceId, userId: memberships.userId, role: memberships.role })
        .from(memberships)
        .where(sql`(${memberships.workspaceId}, ${memberships.userId}) in (${values})`);
      for (const r of rows) found.set(pairKey(r.workspaceId, r.userId), r.role as WorkspaceRole);
    }
    return found;
  }
}

/** Creates and starts the access re-check for this node. */
export function startAccessRecheck(opts: AccessRecheckOptions): AccessRecheck {
  return new AccessRecheck(opts).start();
}
