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
import { RedisAwarenessChannel } from './redisAwarenessChannel.js';
import { DEFAULT_STALL_LIMITS, RedisConnections, type RedisClient, type RedisLog, type StallLimits } from './redisClients.js';
import { RedisControlChannel } from './redisControlChannel.js';
import { RedisFailureStore } from './redisFailureStore.js';
import { RedisPeerWatch } from './redisPeerWatch.js';
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

class RedisBusImpl implements NodeBus {
  readonly nodeId: string;
  private readonly prefix: string;
  private readonly connections: RedisConnections;
  private readonly cmd: RedisClient;
  private readonly sub: RedisClient;
  private readonly adapterSub: RedisClient;
  private readonly streams: StreamFanout;
  private readonly presence: RedisPresenceStore;
  private readonly control: RedisControlChannel;
  private readonly awareness: RedisAwarenessChannel;
  private readonly peers: RedisPeerWatch;
  private failures: RedisFailureStore | undefined;
  private starting = true;
  private closed = false;
  private io: SocketServer | undefined;
  /** Failures counted instead of thrown (Redis away or refusing); the channels count theirs here too. */
  readonly errors = { awareness: 0, socketIo: 0, control: 0 };
  private recoveries = 0;
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
    const isReady = () => this.connections.ready;
    this.streams = new StreamFanout(this.cmd, block, { nodeId: this.nodeId, prefix: this.prefix, maxLen, count: Math.min(500, maxLen), blockMs: 5000, idleTtlMs: 24 * 3600_000, log: opts.log });
    this.presence = new RedisPresenceStore(this.cmd, { prefix: this.prefix, nodeId: this.nodeId, ttlMs: opts.presenceTtlMs ?? 30_000, heartbeatMs: opts.presenceHeartbeatMs ?? 10_000, isReady, log: opts.log });
    const controlChannel = `${this.prefix}control`;
    this.control = new RedisControlChannel(this.cmd, {
      channel: controlChannel,
      nodeId: this.nodeId,
      log: opts.log,
      isReady,
      errors: this.errors,
      onResync: () => this.streams.gapAll(),
      onLateRevocation: (message) => this.revokeLate(message),
    });
    this.awareness = new RedisAwarenessChannel(this.cmd, this.sub, { prefix: this.prefix, nodeId: this.nodeId, log: opts.log, isReady, errors: this.errors });
    this.peers = new RedisPeerWatch(this.cmd, { prefix: this.prefix, nodeId: this.nodeId, controlChannel, log: opts.log, isReady, onNodeLeft: () => this.streams.gapAll() });
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
      resyncsReceived: this.control.resyncsReceived,
      controlReplayed: this.control.replayed,
      lateRevocations: this.lateRevocations,
    };
  }

  /** Opens the connections (waiting a few seconds at most: a node may start while Redis is still coming up). */
  async start(): Promise<void> {
    const ready = await this.connections.connectAll(5000);
    this.starting = false;
    if (!ready) this.opts.log.warn('Redis is not reachable yet; running degraded until it is');
    // Queued by the client until connected (and replayed after every reconnect), so not awaited when degraded.
    const subscribed = this.control.subscribe(this.sub);
    // Other nodes see this one alive for as long as this subscription lives (see RedisPeerWatch).
    const announced = this.peers.announce(this.sub);
    announced.catch((err: unknown) => this.opts.log.error({ err }, 'liveness channel subscribe failed'));
    subscribed.catch((err: unknown) => this.opts.log.error({ err }, 'control channel subscribe failed'));
    // Serving only once other nodes can see this one alive: they count its people from their next look.
    if (ready) await Promise.all([subscribed, announced]).catch(() => undefined);
    this.streams.start(() => this.connections.ready);
    this.presence.start();
    this.onNodesAlive((nodes, seenAt) => this.presence.setAliveNodes(nodes, seenAt));
    // Presence counts only this node's people until it knows which nodes are alive: learn that before serving.
    await this.peers.start();
  }

  onNodesAlive(handler: (nodeIds: ReadonlySet<string>, seenAt: number) => void): void {
    this.peers.onNodesAlive(handler);
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
    this.peers.forget();
    // Everything published meanwhile is in PostgreSQL; re-position the streams and re-read what is loaded.
    this.streams.repositionAll();
    // Other nodes re-read too only if this node stored updates it could not publish (resyncOwed).
    this.control.flush();
    void this.presence.recover();
  }

  publishUpdates(documentId: string, updates: Uint8Array[]): void {
    if (!updates.length) return;
    if (!this.connections.ready) {
      this.streams.publishErrors++;
      this.control.resyncOwed = true;
      return;
    }
    this.streams.publish(documentId, updates).catch((err: unknown) => {
      this.streams.publishErrors++;
      this.control.resyncOwed = true;
      this.opts.log.warn({ err, documentId }, 'cross-node publish failed; other nodes will re-read on resync');
      setTimeout(() => this.control.flush(), 1000).unref();
    });
  }

  publishAwareness(documentId: string, update: Uint8Array, userId: string): void {
    this.awareness.publish(documentId, update, userId);
  }

  queryAwareness(documentId: string): void {
    this.awareness.query(documentId);
  }

  async subscribeDocument(documentId: string, handlers: DocumentHandlers): Promise<() => void> {
    const stopAwareness = await this.awareness.subscribe(documentId, handlers);
    const stopStream = await this.streams.subscribe(documentId, handlers);
    return () => {
      stopStream();
      stopAwareness();
    };
  }

  publishControl(message: ControlMessage): void {
    this.control.publish(message);
  }

  onControl(handler: (message: ControlMessage) => void): void {
    this.control.onMessage(handler);
  }

  /** A revocation replayed after an outage: this node's sockets are cut here, as the adapter would have done. */
  private revokeLate(message: Extract<ControlMessage, { type: 'revoke' }>): void {
    if (!this.io) return;
    this.lateRevocations++;
    revokeLocally(this.io, this.presence, message).catch((err: unknown) => this.opts.log.error({ err }, 'late revocation failed'));
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
    this.peers.stop();
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
