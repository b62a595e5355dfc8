/**
 * Awareness (carets, selections) between nodes: one Redis pub/sub channel per document. A frame is
 * `node \0 user \0 update`, naming the node and the person whose connection set the state; a frame whose user is
 * AWARENESS_QUERY asks the other nodes for the states their connections hold. Awareness is ephemeral (clients
 * renew it every few seconds), so nothing is kept while Redis is away.
 */
import type { DocumentHandlers } from './clusterBus.js';
import type { RedisClient, RedisLog } from './redisClients.js';

/** The user part of an awareness frame that asks for states instead of carrying one: never a user id ([A-Za-z0-9_:-]). */
const AWARENESS_QUERY = '?';

export interface AwarenessChannelOptions {
  prefix: string;
  nodeId: string;
  log: RedisLog;
  isReady(): boolean;
  /** Failures counted instead of thrown; the bus's counters, shared. */
  errors: { awareness: number };
}

/** Publishes this node's awareness updates and hands other nodes' to a document's handlers. */
export class RedisAwarenessChannel {
  constructor(
    private readonly cmd: RedisClient,
    private readonly sub: RedisClient,
    private readonly opts: AwarenessChannelOptions,
  ) {}

  /** Sends an awareness update one of this node's connections (of `userId`) made. */
  publish(documentId: string, update: Uint8Array, userId: string): void {
    if (!this.opts.isReady()) return; // awareness is ephemeral: clients renew it every few seconds
    // node \0 user \0 update: ids are [A-Za-z0-9_:-], never a NUL.
    const frame = Buffer.concat([Buffer.from(`${this.opts.nodeId}\0${userId}\0`), update]);
    this.cmd.sendCommand(['PUBLISH', `${this.opts.prefix}doc:${documentId}:awareness`, frame]).catch(() => this.opts.errors.awareness++);
  }

  /** Asks the other nodes for the awareness states their connections hold on a document. */
  query(documentId: string): void {
    if (!this.opts.isReady()) return;
    const frame = Buffer.from(`${this.opts.nodeId}\0${AWARENESS_QUERY}\0`);
    this.cmd.sendCommand(['PUBLISH', `${this.opts.prefix}doc:${documentId}:awareness`, frame]).catch(() => this.opts.errors.awareness++);
  }

  /** Listens to a document's channel (waiting 2 s at most for Redis to confirm); resolves to the unsubscribe. */
  async subscribe(documentId: string, handlers: Pick<DocumentHandlers, 'onAwareness' | 'onAwarenessQuery'>): Promise<() => void> {
    const channel = `${this.opts.prefix}doc:${documentId}:awareness`;
    const own = Buffer.from(`${this.opts.nodeId}\0`);
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
    if (this.opts.isReady()) await Promise.race([subscribed, new Promise((r) => setTimeout(r, 2000))]);
    return () => {
      this.sub.unsubscribe(channel, listener, true).catch((err: unknown) => this.opts.log.warn({ err, documentId }, 'awareness unsubscribe failed'));
    };
  }
}
