/**
 * The multi-node bus on Redis: durable document updates on a stream per document, awareness on a pub/sub
 * channel per document, a control channel (revocations, role changes, resync requests), shared presence, and the Socket.IO
 * Redis adapter. Redis going away never stops editing: updates still reach PostgreSQL, publishing errors
 * are counted, and on recovery every node re-reads what it may have missed.
 */
import { randomBytes } from 'node:crypto';
import type { Server as SocketServer } from 'socket.io';
import type { BusCounters } from '../observability/busMetrics.js';
import { RedisPresenceStore } from '../realtime/redisPresenceStore.js';
import { revokeLocally, wireSocketServer } from '../realtime/redisSocketWiring.js';
import type { ControlMessage, DocumentHandlers } from './clusterBus.js';
import type { NodeBus } from './createClusterBus.js';
import { DEFAULT_STALL_LIMITS, RedisConnections, type RedisClient, type RedisLog, type StallLimits } from './redisClients.js';
import { RedisFailureStore } from './redisFailureStore.js';
import { StreamFanout } from './redisStreams.js';

/** Tunables; the defaults are what production runs with. */
export interface RedisBusOptions {
  nodeId: string;
  log: RedisLog;
  /** Key and channel prefix; one deployment per prefix (tests use a unique one on a shared Redis). */
  prefix?: string;
  streamMaxLen?: number;
  presenceTtlMs?: number;
  presenceHeartbeatMs?: number;
  /** How patiently Redis is pinged and answered (DEFAULT_STALL_LIMITS for what is not given). */
  stallLimits?: Partial<StallLimits>;
}

/** `late`: sent after an outage, so the Socket.IO adapter never carried it to other nodes. */
type Wire = { from: string; message?: ControlMessage; resync?: true; late?: true };

// Pending control messages while Redis is away are replayed on recovery; beyond this many, the oldest go.
const MAX_UNSENT_CONTROL = 1000;
/** The user part of an awareness frame that asks for states instead of carrying one: never a user id ([A-Za-z0-9_:-]). */
const AWARENESS_QUERY = '?';

function parseWire(raw: string): Wire | undefined {
  try {
    const v = JSON.parse(raw) as Partial<Wire>;
    return v && typeof v.from === 'string' ? (v as Wire) : undefined;
  } catch {
    return undefined; // not ours: ignored
  }
}

class RedisBusImpl implements NodeBus {
  private readonly nodeId: string;
  private readonly prefix: string;
  private readonly connections: RedisConnections;
  private readonly cmd: RedisClient;
  private readonly sub: RedisClient;
  private readonly adapterSub: RedisClient;
  private readonly streams: StreamFanout;
  private readonly presence: RedisPresenceStore;
  private failures: RedisFailureStore | undefined;
  private readonly controlHandlers: Array<(m: ControlMessage) => void> = [];
  private unsentControl: Wire[] = [];
  private resyncOwed = false;
  private starting = true;
  private closed = false;
  private peerWatch: NodeJS.Timeout | undefined;
  private io: SocketServer | undefined;
  private subscribersSeen: number | undefined;
  private readonly nodesAliveHandlers: Array<(nodeIds: ReadonlySet<string>, seenAt: number) => void> = [];
  /** Failures counted instead of thrown (Redis away or refusing). */
  readonly errors = { awareness: 0, socketIo: 0, control: 0 };
  private recoveries = 0;
  private resyncsReceived = 0;
  private controlReplayed = 0;
  private lateRevocations = 0;

  constructor(url: string, private readonly opts: RedisBusOptions) {
    // Containers often share a pid: a random suffix keeps node ids unique, which skipping own entries relies on.
    this.nodeId = `${opts.nodeId}:${randomBytes(4).toString('hex')}`;
    this.prefix = opts.prefix ?? 'enlace:';
    this.connections = new RedisConnections(url, opts.log, (ready) => this.onHealth(ready), { ...DEFAULT_STALL_LIMITS, ...opts.stallLimits });
    this.cmd = this.connections.open('commands', { subscriber: false });
    this.sub = this.connections.open('subscriber', { subscriber: true });
    const block = this.connections.open('stream-reader', { subscriber: false, blocking: true });
    this.adapterSub = this.connections.open('socket.io-subscriber', { subscriber: true });
    this.connections.watchStalls('commands');
    const maxLen = opts.streamMaxLen ?? 1000;
    this.streams = new StreamFanout(this.cmd, block, { nodeId: this.nodeId, prefix: this.prefix, maxLen, count: Math.min(500, maxLen), blockMs: 5000, idleTtlMs: 24 * 3600_000, log: opts.log });
    this.presence = new RedisPresenceStore(this.cmd, { prefix: this.prefix, nodeId: this.nodeId, ttlMs: opts.presenceTtlMs ?? 30_000, heartbeatMs: opts.presenceHeartbeatMs ?? 10_000, isReady: () => this.connections.ready, log: opts.log });
  }

  get state(): 'ready' | 'degraded' {
    return this.connections.ready ? 'ready' : 'degraded';
  }

  get unanswered(): boolean {
    return this.connections.answerOverdue;
  }

  /** Read at scrape time by /metrics, and by the access re-check (a recovery triggers one). */
  get counters(): BusCounters {
    const s = this.streams;
    return {
      updatesPublished: s.published,
      updatesReceived: s.received,
      publishErrors: s.publishErrors + this.errors.awareness + this.errors.socketIo + this.errors.control,
      readErrors: s.readErrors,
      gaps: s.gaps,
      recoveries: this.recoveries,
      resyncsReceived: this.resyncsReceived,
      controlReplayed: this.controlReplayed,
      lateRevocations: this.lateRevocations,
    };
  }

  /** Opens the connections (waiting a few seconds at most: a node may start while Redis is still coming up). */
  async start(): Promise<void> {
    const ready = await this.connections.connectAll(5000);
    this.starting = false;
    if (!ready) this.opts.log.warn('Redis is not reachable yet; running degraded until it is');
    // Queued by the client until connected (and replayed after every reconnect), so not awaited when degraded.
    const subscribed = this.sub.subscribe(`${this.prefix}control`, (raw: string) => this.onControlWire(raw));
    // Nothing is ever published here: the channel lives exactly as long as this node's Redis connection, so other
    // nodes see it vanish the moment a kill -9 drops that connection (see watchPeers).
    const announced = this.sub.subscribe(this.livenessChannel(this.nodeId), () => undefined);
    announced.catch((err: unknown) => this.opts.log.error({ err }, 'liveness channel subscribe failed'));
    subscribed.catch((err: unknown) => this.opts.log.error({ err }, 'control channel subscribe failed'));
    // Serving only once other nodes can see this one alive: they count its people from their next look.
    if (ready) await Promise.all([subscribed, announced]).catch(() => undefined);
    this.streams.start(() => this.connections.ready);
    this.presence.start();
    this.onNodesAlive((nodes, seenAt) => this.presence.setAliveNodes(nodes, seenAt));
    this.peerWatch = setInterval(() => void this.watchPeers(), 1000);
    this.peerWatch.unref();
    // Presence counts only this node's people until it knows which nodes are alive: learn that before serving.
    await this.watchPeers();
  }

  /**
   * A node that dies between storing updates and publishing them leaves other nodes' copies behind. Each node
   * holds one subscription to the control channel, and Redis drops it when the node's connection dies, so a
   * falling count means a node vanished: re-read every loaded document (what it stored is in PostgreSQL).
   */
  private async watchPeers(): Promise<void> {
    if (!this.connections.ready) return;
    try {
      const reply = (await this.cmd.sendCommand(['PUBSUB', 'NUMSUB', `${this.prefix}control`])) as [string, number];
      const count = Number(reply[1]);
      if (this.subscribersSeen !== undefined && count < this.subscribersSeen) {
        this.opts.log.warn({ before: this.subscribersSeen, now: count }, 'a node left the cluster; re-reading loaded documents');
        this.streams.gapAll();
      }
      this.subscribersSeen = count;
      await this.watchNodes();
    } catch (err) {
      this.subscribersSeen = undefined;
      this.opts.log.warn({ err }, 'could not count cluster nodes');
    }
  }

  private livenessChannel(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }

  /** Which nodes are alive, from their liveness channels, for the handlers. */
  private async watchNodes(): Promise<void> {
    const pattern = `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}node:*`;
    const seenAt = Date.now();
    const channels = (await this.cmd.sendCommand(['PUBSUB', 'CHANNELS', pattern])) as string[];
    // This node counts as alive even if its own subscription is still on its way.
    const alive = new Set([this.nodeId, ...channels.map((c) => c.slice(this.livenessChannel('').length))]);
    for (const h of this.nodesAliveHandlers) {
      try {
        h(alive, seenAt);
      } catch (err) {
        this.opts.log.error({ err }, 'nodes-alive handler failed');
      }
    }
  }

  onNodesAlive(handler: (nodeIds: ReadonlySet<string>, seenAt: number) => void): void {
    this.nodesAliveHandlers.push(handler);
  }

  private onHealth(ready: boolean): void {
    if (this.closed || this.starting) return;
    if (!ready) {
      this.opts.log.warn({ node: this.nodeId }, 'Redis unreachable: cross-node fan-out paused, editing continues on this node');
      void this.presence.heartbeat();
      return;
    }
    this.opts.log.warn({ node: this.nodeId }, 'Redis is back: reconciling documents and presence');
    this.recoveries++;
    this.subscribersSeen = undefined;
    // Everything published meanwhile is in PostgreSQL; re-position the streams and re-read what is loaded.
    this.streams.repositionAll();
    // Other nodes re-read too only if this node stored updates it could not publish (resyncOwed).
    this.flushControl();
    void this.presence.recover();
  }

  publishUpdates(documentId: string, updates: Uint8Array[]): void {
    if (!updates.length) return;
    if (!this.connections.ready) {
      this.streams.publishErrors++;
      this.resyncOwed = true;
      return;
    }
    this.streams.publish(documentId, updates).catch((err: unknown) => {
      this.streams.publishErrors++;
      this.resyncOwed = true;
      this.opts.log.warn({ err, documentId }, 'cross-node publish failed; other nodes will re-read on resync');
      setTimeout(() => this.flushControl(), 1000).unref();
    });
  }

  publishAwareness(documentId: string, update: Uint8Array, userId: string): void {
    if (!this.connections.ready) return; // awareness is ephemeral: clients renew it every few seconds
    // node \0 user \0 update: ids are [A-Za-z0-9_:-], never a NUL.
    const frame = Buffer.concat([Buffer.from(`${this.nodeId}\0${userId}\0`), update]);
    this.cmd.sendCommand(['PUBLISH', `${this.prefix}doc:${documentId}:awareness`, frame]).catch(() => this.errors.awareness++);
  }

  queryAwareness(documentId: string): void {
    if (!this.connections.ready) return;
    const frame = Buffer.from(`${this.nodeId}\0${AWARENESS_QUERY}\0`);
    this.cmd.sendCommand(['PUBLISH', `${this.prefix}doc:${documentId}:awareness`, frame]).catch(() => this.errors.awareness++);
  }

  async subscribeDocument(documentId: string, handlers: DocumentHandlers): Promise<() => void> {
    const channel = `${this.prefix}doc:${documentId}:awareness`;
    const own = Buffer.from(`${this.nodeId}\0`);
    const listener = (frame: Buffer): void => {
      if (frame.subarray(0, own.length).equals(own)) return;
      const nodeEnd = frame.indexOf(0);
      const userEnd = nodeEnd < 0 ? -1 : frame.indexOf(0, nodeEnd + 1);
      if (userEnd < 0) return;
      const from = { node: frame.toString('latin1', 0, nodeEnd), userId: frame.toString('latin1', nodeEnd + 1, userEnd) };
      if (from.userId === AWARENESS_QUERY) return handlers.onAwarenessQuery();
      try {
        handlers.onAwareness(new Uint8Array(frame.buffer, frame.byteOffset + userEnd + 1, frame.length - userEnd - 1), from);
      } catch (err) {
        this.opts.log.warn({ err, documentId }, 'bad cross-node awareness frame ignored');
      }
    };
    // The subscription is queued while Redis is away and replayed by the client on reconnect; never wait on it long.
    const subscribed = this.sub.subscribe(channel, listener, true).catch((err: unknown) => this.opts.log.warn({ err, documentId }, 'awareness subscribe failed'));
    if (this.connections.ready) await Promise.race([subscribed, new Promise((r) => setTimeout(r, 2000))]);
    const stopStream = await this.streams.subscribe(documentId, handlers);
    return () => {
      stopStream();
      this.sub.unsubscribe(channel, listener, true).catch((err: unknown) => this.opts.log.warn({ err, documentId }, 'awareness unsubscribe failed'));
    };
  }

  publishControl(message: ControlMessage): void {
    this.deliverLocally(message);
    this.sendWire({ from: this.nodeId, message });
  }

  onControl(handler: (message: ControlMessage) => void): void {
    this.controlHandlers.push(handler);
  }

  private deliverLocally(message: ControlMessage): void {
    for (const h of this.controlHandlers) {
      try {
        h(message);
      } catch (err) {
        this.opts.log.error({ err }, 'control handler failed');
      }
    }
  }

  private sendWire(wire: Wire): void {
    if (!this.connections.ready) {
      this.errors.control++;
      this.queueControl(wire);
      return;
    }
    this.cmd.sendCommand(['PUBLISH', `${this.prefix}control`, JSON.stringify(wire)]).catch(() => {
      this.errors.control++;
      this.queueControl(wire);
    });
  }

  private queueControl(wire: Wire): void {
    if (wire.resync) return; // a resync is re-derived from resyncOwed
    this.unsentControl.push(wire);
    if (this.unsentControl.length > MAX_UNSENT_CONTROL) this.unsentControl.shift();
  }

  private flushControl(): void {
    if (!this.connections.ready) return;
    const pending = this.unsentControl;
    this.unsentControl = [];
    this.controlReplayed += pending.length;
    for (const wire of pending) this.sendWire({ ...wire, late: true });
    if (this.resyncOwed) {
      this.resyncOwed = false;
      this.cmd.sendCommand(['PUBLISH', `${this.prefix}control`, JSON.stringify({ from: this.nodeId, resync: true } satisfies Wire)]).catch(() => (this.resyncOwed = true));
    }
  }

  private onControlWire(raw: string): void {
    const wire = parseWire(raw);
    if (!wire || wire.from === this.nodeId) return;
    if (wire.resync) {
      this.resyncsReceived++;
      this.streams.gapAll();
    }
    if (wire.message) this.deliverLocally(wire.message);
    if (wire.late && wire.message?.type === 'revoke' && this.io) {
      this.lateRevocations++;
      revokeLocally(this.io, this.presence, wire.message).catch((err: unknown) => this.opts.log.error({ err }, 'late revocation failed'));
    }
  }

  presenceStore(): RedisPresenceStore {
    return this.presence;
  }

  /** Sign-in failure counts every node shares (on the command connection, which fails fast while Redis is away). */
  failureStore(): RedisFailureStore {
    return (this.failures ??= new RedisFailureStore(this.cmd, this.prefix, () => this.connections.ready));
  }

  /** Installs the Redis adapter (rooms, broadcasts, socketsLeave, fetchSockets across nodes) and presence upkeep. */
  async attachSocketServer(io: SocketServer): Promise<void> {
    this.io = io;
    wireSocketServer(io, { pub: this.cmd, sub: this.adapterSub, prefix: this.prefix, presence: this.presence, onPublishError: () => this.errors.socketIo++ });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.peerWatch);
    this.presence.stop();
    await this.streams.stop();
    await this.connections.closeAll();
  }
}

export const RedisBus = {
  /** Connects a node to the cluster bus at `url`. */
  async connect(url: string, opts: RedisBusOptions): Promise<NodeBus> {
    const bus = new RedisBusImpl(url, opts);
    await bus.start();
    return bus;
  },
};
