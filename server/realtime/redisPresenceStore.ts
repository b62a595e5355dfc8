/**
 * Presence shared by every node: one Redis hash per workspace, one field per socket, each value carrying
 * its own expiry and the node that wrote it. Nodes refresh their sockets' fields on a heartbeat; a crashed
 * node's users vanish as soon as the bus sees the node gone (about a second), and within the TTL at the
 * latest. While Redis is unreachable the store answers from this node's own sockets (degraded).
 */
import type { RedisClient, RedisLog } from '../sync/redisClients.js';
import { mergeByUser } from '../../shared/presenceMerge.js';
import type { PresenceEntry, PresenceStore } from './presenceStore.js';

export interface RedisPresenceOptions {
  prefix: string;
  /** This node's id on the bus: each field names the node that keeps it fresh. */
  nodeId: string;
  ttlMs: number;
  heartbeatMs: number;
  isReady(): boolean;
  log: RedisLog;
}

interface StoredPresence {
  e: PresenceEntry;
  x: number;
  /** The node whose socket this is (absent in fields written before nodes were named). */
  n?: string;
}

function parseStored(raw: string): StoredPresence | undefined {
  try {
    const v = JSON.parse(raw) as Partial<StoredPresence>;
    return v && typeof v.x === 'number' && v.e && typeof v.e.userId === 'string' ? (v as StoredPresence) : undefined;
  } catch {
    return undefined; // a foreign or corrupt field is ignored, and expires with the hash
  }
}

export class RedisPresenceStore implements PresenceStore {
  /** This node's sockets, the source of heartbeats and of the degraded view. */
  private readonly local = new Map<string, Map<string, PresenceEntry>>();
  /** Removals that could not reach Redis, replayed on recovery. */
  private readonly unsentRemovals = new Map<string, Set<string>>();
  private readonly lastSent = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  /** The nodes alive on the bus, as last seen (undefined until first seen). */
  private aliveNodes: ReadonlySet<string> | undefined;
  /**
   * When they were seen (this node's start until then). A field of a node not among them counts only if written
   * since: that node started after the look. Older ones are a dead node's, even one that died before this node
   * started (a node restarted right after a crash showed the crashed node's people as present, still in Redis).
   */
  private aliveAt = Date.now();
  /** Nodes counted only by that rule: if the next look does not see them alive, the lists they were in are stale. */
  private readonly unconfirmed = new Set<string>();
  /** Whether a socket is still connected here and in the workspace's room (a revocation elsewhere may remove it). */
  isLive: (workspaceId: string, socketId: string) => boolean = () => true;
  announce: ((workspaceId: string) => Promise<void>) | undefined;
  readonly shared = true;
  errors = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly opts: RedisPresenceOptions,
  ) {}

  get degraded(): boolean {
    return !this.opts.isReady();
  }

  private keyOf(workspaceId: string): string {
    return `${this.opts.prefix}presence:${workspaceId}`;
  }

  private failed(err: unknown, what: string): void {
    this.errors++;
    if (this.opts.isReady()) this.opts.log.warn({ err }, `presence ${what} failed`);
  }

  async set(workspaceId: string, socketId: string, entry: PresenceEntry): Promise<void> {
    let room = this.local.get(workspaceId);
    if (!room) this.local.set(workspaceId, (room = new Map()));
    room.set(socketId, entry);
    this.unsentRemovals.get(workspaceId)?.delete(socketId);
    if (!this.opts.isReady()) return;
    try {
      await this.write(workspaceId, new Map([[socketId, entry]]));
    } catch (err) {
      this.failed(err, 'write');
    }
  }

  async remove(workspaceId: string, socketId: string): Promise<void> {
    const room = this.local.get(workspaceId);
    room?.delete(socketId);
    if (room && !room.size) this.local.delete(workspaceId);
    try {
      if (!this.opts.isReady()) throw new Error('Redis unreachable');
      await this.redis.sendCommand(['HDEL', this.keyOf(workspaceId), socketId]);
    } catch (err) {
      let pending = this.unsentRemovals.get(workspaceId);
      if (!pending) this.unsentRemovals.set(workspaceId, (pending = new Set()));
      pending.add(socketId);
      if (this.opts.isReady()) this.failed(err, 'remove');
    }
  }

  async list(workspaceId: string): Promise<PresenceEntry[]> {
    if (this.opts.isReady()) {
      try {
        return await this.readShared(workspaceId);
      } catch (err) {
        this.failed(err, 'read');
      }
    }
    return mergeByUser([...(this.local.get(workspaceId)?.values() ?? [])]);
  }

  private async readShared(workspaceId: string): Promise<PresenceEntry[]> {
    const key = this.keyOf(workspaceId);
    const flat = (await this.redis.sendCommand(['HGETALL', key])) as string[];
    const now = Date.now();
    const live: PresenceEntry[] = [];
    const expired: string[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const stored = parseStored(flat[i + 1]);
      if (!stored || stored.x <= now) expired.push(flat[i]);
      // A node killed without a goodbye leaves its fields until they expire: leave them out as soon as it is gone.
      else if (!stored.n || stored.n === this.opts.nodeId || this.aliveNodes?.has(stored.n)) live.push(stored.e);
      else if (stored.x - this.opts.ttlMs > this.aliveAt) {
        live.push(stored.e);
        this.unconfirmed.add(stored.n);
      }
    }
    if (expired.length) this.redis.sendCommand(['HDEL', key, ...expired]).catch((err: unknown) => this.failed(err, 'cleanup'));
    return mergeByUser(live);
  }

  private async write(workspaceId: string, entries: Map<string, PresenceEntry>): Promise<void> {
    const key = this.keyOf(workspaceId);
    const x = Date.now() + this.opts.ttlMs;
    const n = this.opts.nodeId;
    const args = [...entries].flatMap(([socketId, e]) => [socketId, JSON.stringify({ e, x, n } satisfies StoredPresence)]);
    // The whole hash outlives its fields a little, so a workspace nobody refreshes disappears on its own.
    await Promise.all([this.redis.sendCommand(['HSET', key, ...args]), this.redis.sendCommand(['PEXPIRE', key, String(this.opts.ttlMs * 2)])]);
  }

  /** Takes the bus's view of which nodes are alive; when it changes, this node's sockets hear the new lists. */
  setAliveNodes(nodes: ReadonlySet<string>, seenAt = Date.now()): void {
    const before = this.aliveNodes;
    this.aliveNodes = nodes;
    this.aliveAt = seenAt;
    // A node that wrote, was counted as just started, and died before any look saw it: its people must leave too.
    const unconfirmedGone = [...this.unconfirmed].some((n) => !nodes.has(n));
    this.unconfirmed.clear();
    if (!unconfirmedGone && before && before.size === nodes.size && [...nodes].every((n) => before.has(n))) return;
    void this.announceChanges().catch((err: unknown) => this.failed(err, 'announce'));
  }

  /** Starts the heartbeat that refreshes this node's fields and tells local sockets when the list changed. */
  start(): void {
    this.timer ??= setInterval(() => void this.heartbeat(), this.opts.heartbeatMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Refreshes every local socket's field, replays lost removals, and re-announces to this node's sockets the
   * lists that changed (`force`: every list, changed or not).
   */
  async heartbeat(force = false): Promise<void> {
    if (force) this.lastSent.clear();
    for (const [workspaceId, room] of [...this.local]) {
      for (const socketId of [...room.keys()]) if (!this.isLive(workspaceId, socketId)) room.delete(socketId);
      if (!room.size) this.local.delete(workspaceId);
    }
    if (this.opts.isReady()) {
      try {
        for (const [workspaceId, ids] of [...this.unsentRemovals]) {
          if (ids.size) await this.redis.sendCommand(['HDEL', this.keyOf(workspaceId), ...ids]);
          this.unsentRemovals.delete(workspaceId);
        }
        await Promise.all([...this.local].map(([workspaceId, room]) => this.write(workspaceId, room)));
      } catch (err) {
        this.failed(err, 'heartbeat');
      }
    }
    await this.announceChanges();
  }

  /**
   * After an outage: rewrite this node's entries (a restarted Redis is empty) and re-announce now, then once
   * more when the other nodes, reconnecting on their own backoff, have rewritten theirs.
   */
  async recover(settleMs = 3000): Promise<void> {
    await this.heartbeat(true);
    setTimeout(() => void this.heartbeat(true), settleMs).unref();
  }

  /** What the socket server last sent a group's sockets here (see announceChanges). */
  sent(workspaceId: string, online: PresenceEntry[]): void {
    this.lastSent.set(workspaceId, this.fingerprint(online));
  }

  private fingerprint(online: PresenceEntry[]): string {
    return JSON.stringify([this.degraded, online.map((e) => [e.userId, e.documentId, e.section, e.state]).sort()]);
  }

  // Joins, leaves and updates are announced by the socket servers as they happen (on every node, each reading the
  // list itself); what only the heartbeat sees is expiry (a crashed node) and outages, so each node re-announces to
  // its own sockets what changed since it last sent them a list.
  private async announceChanges(): Promise<void> {
    if (!this.announce) return;
    for (const workspaceId of [...this.local.keys()]) {
      const online = await this.list(workspaceId);
      if (this.lastSent.get(workspaceId) !== this.fingerprint(online)) await this.announce(workspaceId);
    }
    for (const workspaceId of this.lastSent.keys()) if (!this.local.has(workspaceId)) this.lastSent.delete(workspaceId);
  }
}
