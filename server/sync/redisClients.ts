/**
 * Redis connections of one node: reconnect forever with capped backoff, never crash on an error,
 * and report when the set of connections goes from healthy to broken and back. A Redis that stops answering while its
 * connections stay open (paused, or behind a network that drops packets) raises no error at all: a ping watch counts
 * it as broken, and commands give up after a while instead of waiting for it.
 */
import { createClient, RESP_TYPES } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** Replies with binary strings as Buffers (stream entries and pub/sub payloads are Yjs bytes). */
export const AS_BUFFERS = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } } as const;

export interface RedisLog {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** node-redis's subscription commands (both spellings). */
const SUBSCRIPTION_COMMANDS = new Set(
  ['subscribe', 'unsubscribe', 'pSubscribe', 'pUnsubscribe', 'sSubscribe', 'sUnsubscribe'].flatMap((name) => [name, name.toUpperCase()]),
);

/**
 * `client` with its subscription commands held until `firstReady`. node-redis (5.12) queues commands while a client
 * has never connected, but subscriptions queued then break its reply decoding once it does ("reading 'value'" on every
 * reply): a node started while Redis was down never received another node's Socket.IO broadcasts (a revoked member
 * kept getting events). After the first connection the client re-subscribes by itself on every reconnect, correctly.
 */
function subscribingOnceConnected(client: RedisClient, firstReady: Promise<void>): RedisClient {
  let connected = false;
  void firstReady.then(() => (connected = true));
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      // Held calls run in the order they were made (subscribe, then unsubscribe), right after the first connection.
      if (typeof prop === 'string' && SUBSCRIPTION_COMMANDS.has(prop)) {
        return (...args: unknown[]) => (connected ? method.apply(target, args) : firstReady.then(() => method.apply(target, args)));
      }
      return method.bind(target);
    },
  });
}

/** `promise`, or a rejection once `ms` pass without its settling. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Connecting and closing wait as long as they take (connectAll and closeAll bound them). */
const LIFECYCLE = new Set(['connect', 'close', 'quit', 'disconnect', 'destroy']);

/**
 * `client` with every reply awaited at most `ms`. node-redis's own command timeout only covers waiting to be written:
 * once a command is on the wire it waits for the reply forever, so a Redis that hangs held sign-ins and group joins up
 * for as long as it hung. A reply that comes later is dropped; callers treat the failure as they treat Redis being down.
 */
function answeringWithin(client: RedisClient, ms: number): RedisClient {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && LIFECYCLE.has(prop)) return (value as (...args: unknown[]) => unknown).bind(target);
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const result = method.apply(target, args);
        return result instanceof Promise ? within(result, ms, String(prop)) : result;
      };
    },
  });
}

/** Backoff between reconnection attempts: 100 ms doubling to 2 s, with jitter so nodes do not stampede. */
export function reconnectDelay(retries: number): number {
  return Math.min(100 * 2 ** Math.min(retries, 5), 2000) + Math.floor(Math.random() * 100);
}

/** How long a command waits for its reply, and how often and how patiently Redis is pinged. */
export interface StallLimits {
  /** Replies to non-blocking, non-subscriber clients are awaited this long (their callers then fall back, as when Redis is down). */
  commandTimeoutMs: number;
  pingIntervalMs: number;
  /** A ping unanswered this long counts Redis as unreachable until one is answered. */
  pingTimeoutMs: number;
  /**
   * A ping unanswered this long (Redis answers one in well under a millisecond) makes the node look sooner at what
   * only Redis would tell it, such as removals made on other nodes, before the outage is certain.
   */
  overdueMs: number;
}

export const DEFAULT_STALL_LIMITS: StallLimits = { commandTimeoutMs: 3000, pingIntervalMs: 250, pingTimeoutMs: 2000, overdueMs: 250 };

/**
 * A group of clients that is 'ready' only while every member is and Redis answers pings. `onChange` fires on each
 * transition; errors are logged at most once per outage per client (a down Redis emits one per retry).
 */
export class RedisConnections {
  private readonly clients: Array<{ name: string; client: RedisClient }> = [];
  private healthy = false;
  private closed = false;
  /** Whether the last ping went unanswered in time while the connection looked open. */
  private stalled = false;
  private pingTimer: NodeJS.Timeout | undefined;
  /** When the ping in flight was sent. */
  private pingSentAt: number | undefined;

  constructor(
    private readonly url: string,
    private readonly log: RedisLog,
    private readonly onChange: (ready: boolean) => void,
    private readonly limits: StallLimits = DEFAULT_STALL_LIMITS,
  ) {}

  /**
   * Creates a client. A subscriber keeps its subscriptions across outages (the client replays them) and takes new
   * ones while Redis is away; any other client fails fast while disconnected instead of piling commands up, and
   * (unless it makes blocking reads) gives up on a command Redis does not answer in time.
   */
  open(name: string, opts: { subscriber: boolean; blocking?: boolean }): RedisClient {
    const client = createClient({
      url: this.url,
      disableOfflineQueue: !opts.subscriber,
      socket: { reconnectStrategy: reconnectDelay, connectTimeout: 5000 },
    });
    let reported = false;
    client.on('error', (err: unknown) => {
      if (reported || this.closed) return;
      reported = true;
      this.log.warn({ err, connection: name }, 'Redis connection lost; retrying');
    });
    let firstReady: () => void = () => undefined;
    const connected = new Promise<void>((resolve) => (firstReady = resolve));
    client.on('ready', () => {
      reported = false;
      firstReady();
      this.recompute();
    });
    client.on('reconnecting', () => this.recompute());
    client.on('end', () => this.recompute());
    this.clients.push({ name, client });
    if (opts.subscriber) return subscribingOnceConnected(client, connected);
    return opts.blocking ? client : answeringWithin(client, this.limits.commandTimeoutMs);
  }

  get ready(): boolean {
    return this.healthy;
  }

  /** Whether the ping in flight has waited longer than `overdueMs`: a hang may have begun. */
  get answerOverdue(): boolean {
    return this.pingSentAt !== undefined && Date.now() - this.pingSentAt > this.limits.overdueMs;
  }

  /**
   * Pings Redis through the client opened as `name` every interval, one ping at a time, and counts a late answer as an
   * outage. The client itself, not its time-limited proxy: the ping has its own patience.
   */
  watchStalls(name: string): void {
    const client = this.clients.find((c) => c.name === name)?.client;
    if (!client) throw new Error(`No Redis client named ${name}`);
    let inFlight = false;
    this.pingTimer = setInterval(() => {
      if (inFlight || this.closed || !client.isReady) return;
      inFlight = true;
      this.pingSentAt = Date.now();
      within(client.sendCommand(['PING']), this.limits.pingTimeoutMs, 'PING')
        .then(
          () => this.setStalled(false),
          (err: unknown) => {
            // A closed connection is the reconnect logic's to report; only silence on an open one is a stall.
            if (client.isReady) {
              if (!this.stalled) this.log.warn({ err }, 'Redis stopped answering; running degraded until it does');
              this.setStalled(true);
            }
          },
        )
        .finally(() => {
          inFlight = false;
          this.pingSentAt = undefined;
        });
    }, this.limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  private setStalled(stalled: boolean): void {
    if (stalled === this.stalled) return;
    this.stalled = stalled;
    this.recompute();
  }

  /** Connects every client; resolves when all are ready or after `waitMs` (they keep retrying in the background). */
  async connectAll(waitMs: number): Promise<boolean> {
    const all = Promise.all(
      this.clients.map(({ name, client }) =>
        client.connect().then(
          () => undefined,
          (err: unknown) => this.log.error({ err, connection: name }, 'Redis connect failed'),
        ),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, waitMs)));
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    this.recompute();
    return this.healthy;
  }

  private recompute(): void {
    if (this.closed) return;
    const now = !this.stalled && this.clients.every(({ client }) => client.isReady);
    if (now === this.healthy) return;
    this.healthy = now;
    this.onChange(now);
  }

  /** Closes every client: pending replies get a short grace, then the sockets are destroyed. */
  async closeAll(): Promise<void> {
    this.closed = true;
    clearInterval(this.pingTimer);
    await Promise.all(
      this.clients.map(async ({ client }) => {
        if (!client.isOpen) return;
        // A blocked reader or a reconnecting client may not close gracefully: give it a second, then destroy.
        const graceful = client.close().catch((err: unknown) => this.log.warn({ err }, 'Redis close failed; destroying the connection'));
        await Promise.race([graceful, new Promise((r) => setTimeout(r, 1000))]);
        if (client.isOpen) client.destroy();
      }),
    );
  }
}
