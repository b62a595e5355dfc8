/**
 * The cluster's control channel on Redis pub/sub: revocations, role changes and resync requests. Messages sent
 * while Redis is away are kept (a bounded number) and replayed, marked late, once it is back; a node that stored
 * updates it could not publish owes the others a resync request.
 */
import type { ControlMessage } from './clusterBus.js';
import type { RedisClient, RedisLog } from './redisClients.js';

/** `late`: sent after an outage, so the Socket.IO adapter never carried it to other nodes. */
type Wire = { from: string; message?: ControlMessage; resync?: true; late?: true };

// Pending control messages while Redis is away are replayed on recovery; beyond this many, the oldest go.
const MAX_UNSENT_CONTROL = 1000;

function parseWire(raw: string): Wire | undefined {
  try {
    const v = JSON.parse(raw) as Partial<Wire>;
    return v && typeof v.from === 'string' ? (v as Wire) : undefined;
  } catch {
    return undefined; // not ours: ignored
  }
}

export interface ControlChannelOptions {
  /** The channel's name (the deployment's prefix + `control`). */
  channel: string;
  nodeId: string;
  log: RedisLog;
  isReady(): boolean;
  /** Failures counted instead of thrown; the bus's counters, shared. */
  errors: { control: number };
  /** Another node stored updates it could not publish: re-read every loaded document. */
  onResync(): void;
  /** A revocation replayed after an outage arrived (the Socket.IO adapter never carried it here). */
  onLateRevocation(message: Extract<ControlMessage, { type: 'revoke' }>): void;
}

/** Sends and receives control messages between nodes, keeping what could not be sent for when Redis is back. */
export class RedisControlChannel {
  private readonly handlers: Array<(m: ControlMessage) => void> = [];
  private unsent: Wire[] = [];
  /** Set when this node stored updates it could not publish: the next flush asks every node to re-read. */
  resyncOwed = false;
  resyncsReceived = 0;
  replayed = 0;

  constructor(
    private readonly cmd: RedisClient,
    private readonly opts: ControlChannelOptions,
  ) {}

  /** Subscribes on `sub` (queued by the client until connected, and replayed after every reconnect). */
  subscribe(sub: RedisClient): Promise<unknown> {
    return sub.subscribe(this.opts.channel, (raw: string) => this.receive(raw));
  }

  /** Delivers `message` on this node at once and sends it to the others (or keeps it until Redis is back). */
  publish(message: ControlMessage): void {
    this.deliverLocally(message);
    this.sendWire({ from: this.opts.nodeId, message });
  }

  /** Adds a handler for every control message, this node's own included. */
  onMessage(handler: (message: ControlMessage) => void): void {
    this.handlers.push(handler);
  }

  /** Replays what could not be sent (marked late) and, when owed, asks the other nodes to re-read. */
  flush(): void {
    if (!this.opts.isReady()) return;
    const pending = this.unsent;
    this.unsent = [];
    this.replayed += pending.length;
    for (const wire of pending) this.sendWire({ ...wire, late: true });
    if (this.resyncOwed) {
      this.resyncOwed = false;
      this.cmd.sendCommand(['PUBLISH', this.opts.channel, JSON.stringify({ from: this.opts.nodeId, resync: true } satisfies Wire)]).catch(() => (this.resyncOwed = true));
    }
  }

  private deliverLocally(message: ControlMessage): void {
    for (const h of this.handlers) {
      try {
        h(message);
      } catch (err) {
        this.opts.log.error({ err }, 'control handler failed');
      }
    }
  }

  private sendWire(wire: Wire): void {
    if (!this.opts.isReady()) {
      this.opts.errors.control++;
      this.queue(wire);
      return;
    }
    this.cmd.sendCommand(['PUBLISH', this.opts.channel, JSON.stringify(wire)]).catch(() => {
      this.opts.errors.control++;
      this.queue(wire);
    });
  }

  private queue(wire: Wire): void {
    if (wire.resync) return; // a resync is re-derived from resyncOwed
    this.unsent.push(wire);
    if (this.unsent.length > MAX_UNSENT_CONTROL) this.unsent.shift();
  }

  private receive(raw: string): void {
    const wire = parseWire(raw);
    if (!wire || wire.from === this.opts.nodeId) return;
    if (wire.resync) {
      this.resyncsReceived++;
      this.opts.onResync();
    }
    if (wire.message) this.deliverLocally(wire.message);
    if (wire.late && wire.message?.type === 'revoke') this.opts.onLateRevocation(wire.message);
  }
}
