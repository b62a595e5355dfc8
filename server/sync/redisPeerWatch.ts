/**
 * Which nodes are alive, seen from Redis. Each node subscribes to the control channel and to a liveness channel of
 * its own, and Redis drops both when the node's connection dies (a kill -9 included), so counting the one and
 * listing the others tells, once a second, that a node vanished and which nodes remain.
 */
import type { RedisClient, RedisLog } from './redisClients.js';

export interface PeerWatchOptions {
  prefix: string;
  nodeId: string;
  /** The control channel, which every node subscribes to once. */
  controlChannel: string;
  log: RedisLog;
  isReady(): boolean;
  /** A node left the cluster: it may have stored updates it never published. */
  onNodeLeft(): void;
}

/** Watches the cluster's nodes come and go through their Redis subscriptions. */
export class RedisPeerWatch {
  private timer: NodeJS.Timeout | undefined;
  private subscribersSeen: number | undefined;
  /** The nodes alive at the last look (undefined: none yet, or forgotten). */
  private nodesSeen: ReadonlySet<string> | undefined;
  private readonly nodesAliveHandlers: Array<(nodeIds: ReadonlySet<string>, seenAt: number) => void> = [];

  constructor(
    private readonly cmd: RedisClient,
    private readonly opts: PeerWatchOptions,
  ) {}

  /**
   * Subscribes this node's liveness channel on `sub`. Nothing is ever published there: the channel lives exactly as
   * long as this node's Redis connection, so other nodes see it vanish the moment a kill -9 drops that connection.
   */
  announce(sub: RedisClient): Promise<unknown> {
    return sub.subscribe(this.livenessChannel(this.opts.nodeId), () => undefined);
  }

  /** Adds a handler told, after every look, which nodes are alive and when that was seen. */
  onNodesAlive(handler: (nodeIds: ReadonlySet<string>, seenAt: number) => void): void {
    this.nodesAliveHandlers.push(handler);
  }

  /** Looks once a second from now on; resolves after the first look. */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.watchPeers(), 1000);
    this.timer.unref();
    return this.watchPeers();
  }

  /** Forgets the last count, so the next look starts afresh (on Redis coming back). */
  forget(): void {
    this.subscribersSeen = undefined;
    this.nodesSeen = undefined;
  }

  /** Stops looking. */
  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * A node that dies between storing updates and publishing them leaves other nodes' copies behind. Each node
   * holds one subscription to the control channel, and Redis drops it when the node's connection dies, so a
   * falling count, or a node's liveness channel gone since the last look, means a node vanished: re-read every
   * loaded document (what it stored is in PostgreSQL).
   */
  private async watchPeers(): Promise<void> {
    if (!this.opts.isReady()) return;
    try {
      const reply = (await this.cmd.sendCommand(['PUBSUB', 'NUMSUB', this.opts.controlChannel])) as [string, number];
      const count = Number(reply[1]);
      const countFell = this.subscribersSeen !== undefined && count < this.subscribersSeen;
      if (countFell) {
        this.opts.log.warn({ before: this.subscribersSeen, now: count }, 'a node left the cluster; re-reading loaded documents');
        this.opts.onNodeLeft();
      }
      this.subscribersSeen = count;
      const before = this.nodesSeen;
      const alive = await this.watchNodes();
      this.nodesSeen = alive;
      // A node killed and another started (or the same one restarted) between two looks leaves the count unchanged:
      // a node seen at the last look and gone now tells it as well.
      const gone = before ? [...before].filter((id) => !alive.has(id)) : [];
      if (gone.length && !countFell) {
        this.opts.log.warn({ gone }, 'a node left the cluster; re-reading loaded documents');
        this.opts.onNodeLeft();
      }
    } catch (err) {
      this.subscribersSeen = undefined;
      this.nodesSeen = undefined;
      this.opts.log.warn({ err }, 'could not count cluster nodes');
    }
  }

  private livenessChannel(nodeId: string): string {
    return `${this.opts.prefix}node:${nodeId}`;
  }

  /** Which nodes are alive, from their liveness channels, for the handlers; returns them. */
  private async watchNodes(): Promise<Set<string>> {
    const pattern = `${this.opts.prefix.replace(/[*?[\]\\]/g, '\\$&')}node:*`;
    const seenAt = Date.now();
    const channels = (await this.cmd.sendCommand(['PUBSUB', 'CHANNELS', pattern])) as string[];
    // This node counts as alive even if its own subscription is still on its way.
    const alive = new Set([this.opts.nodeId, ...channels.map((c) => c.slice(this.livenessChannel('').length))]);
    for (const h of this.nodesAliveHandlers) {
      try {
        h(alive, seenAt);
      } catch (err) {
        this.opts.log.error({ err }, 'nodes-alive handler failed');
      }
    }
    return alive;
  }
}
