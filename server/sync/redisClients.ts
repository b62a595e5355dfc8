/**
 * Redis connections of one node: reconnect forever with capped backoff, never crash on an error,
 * and report when the set of connections goes from healthy to broken and back.
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

/** Backoff between reconnection attempts: 100 ms doubling to 2 s, with jitter so nodes do not stampede. */
export function reconnectDelay(retries: number): number {
  return Math.min(100 * 2 ** Math.min(retries, 5), 2000) + Math.floor(Math.random() * 100);
}

/**
 * A group of clients that is 'ready' only while every member is. `onChange` fires on each transition;
 * errors are logged at most once per outage per client (a down Redis emits one per retry).
 */
export class RedisConnections {
  private readonly clients: Array<{ name: string; client: RedisClient }> = [];
  private healthy = false;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly log: RedisLog,
    private readonly onChange: (ready: boolean) => void,
  ) {}

  /**
   * Creates a client. A subscriber keeps its subscriptions across outages (the client replays them) and takes new
   * ones while Redis is away; any other client fails fast while disconnected instead of piling commands up.
   */
  open(name: string, opts: { subscriber: boolean }): RedisClient {
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
    return opts.subscriber ? subscribingOnceConnected(client, connected) : client;
  }

  get ready(): boolean {
    return this.healthy;
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
    const now = this.clients.every(({ client }) => client.isReady);
    if (now === this.healthy) return;
    this.healthy = now;
    this.onChange(now);
  }

  /** Closes every client: pending replies get a short grace, then the sockets are destroyed. */
  async closeAll(): Promise<void> {
    this.closed = true;
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
