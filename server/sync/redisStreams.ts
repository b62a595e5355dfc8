/**
 * Cross-node document updates on one Redis Stream per document. Entries are already durable in
 * PostgreSQL when added, so trimming (MAXLEN ~) loses nothing: a reader that falls behind the window,
 * or misses entries while Redis is away, is told `onGap()` and re-reads the database.
 * One dedicated connection reads every subscribed stream with a blocking XREAD, re-issued when the set changes.
 */
import * as Y from 'yjs';
import { AS_BUFFERS, type RedisClient, type RedisLog } from './redisClients.js';

export interface StreamHandlers {
  onUpdate(update: Uint8Array): void;
  onGap(): void;
}

export interface StreamOptions {
  nodeId: string;
  prefix: string;
  /** Approximate entries kept per stream. */
  maxLen: number;
  /** Entries read per stream per XREAD; must not exceed maxLen (gap detection relies on it). */
  count: number;
  blockMs: number;
  /** Idle streams expire after this long (re-armed at most once a minute per document). */
  idleTtlMs: number;
  log: RedisLog;
}

interface Subscription {
  documentId: string;
  key: string;
  /** Last entry id seen; null = must be positioned (then onGap) before reading. */
  lastId: string | null;
  handlers: StreamHandlers;
}

type StreamReply = Array<[Buffer, Array<[Buffer, Buffer[]]>]>;

/** Compares two stream ids `ms-seq` numerically. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : (as ?? 0) - (bs ?? 0);
}

export class StreamFanout {
  private readonly subs = new Map<string, Subscription>();
  private readonly expiresArmed = new Map<string, number>();
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  /** Generation of the XREAD in flight (0 = none), so an interrupt targets the right one. */
  private blocking = 0;
  private generation = 0;
  private blockClientId: number | undefined;
  private running: Promise<void> | undefined;
  published = 0;
  received = 0;
  publishErrors = 0;
  readErrors = 0;
  gaps = 0;

  constructor(
    private readonly cmd: RedisClient,
    private readonly block: RedisClient,
    private readonly opts: StreamOptions,
  ) {
    // A reconnected reader is a new Redis client with a new id.
    block.on('ready', () => (this.blockClientId = undefined));
  }

  private keyOf(documentId: string): string {
    return `${this.opts.prefix}doc:${documentId}:updates`;
  }

  /** Appends durable updates for other nodes; throws when Redis refuses (the caller counts and resyncs). */
  async publish(documentId: string, updates: Uint8Array[]): Promise<void> {
    const key = this.keyOf(documentId);
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    const body = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    const added = this.cmd.sendCommand(['XADD', key, 'MAXLEN', '~', String(this.opts.maxLen), '*', 'n', this.opts.nodeId, 'u', body]);
    const now = Date.now();
    if ((this.expiresArmed.get(documentId) ?? 0) < now - 60_000) {
      this.expiresArmed.set(documentId, now);
      // Pipelined with the XADD; a failure only delays cleanup of an idle stream.
      this.cmd.sendCommand(['PEXPIRE', key, String(this.opts.idleTtlMs)]).catch(() => this.expiresArmed.delete(documentId));
    }
    await added;
    this.published++;
  }

  /** Resolves once this node is positioned after the stream's current end (or unpositioned when Redis is away). */
  async subscribe(documentId: string, handlers: StreamHandlers): Promise<() => void> {
    const sub: Subscription = { documentId, key: this.keyOf(documentId), lastId: null, handlers };
    try {
      sub.lastId = await this.lastIdOf(this.cmd, sub.key);
    } catch (err) {
      // Redis is away: the reader positions it on recovery and reports a gap, so the hub re-reads.
      this.opts.log.warn({ err, documentId }, 'stream subscribe while Redis is unreachable; will catch up on recovery');
    }
    this.subs.set(documentId, sub);
    this.interrupt();
    return () => {
      if (this.subs.get(documentId) === sub) this.subs.delete(documentId);
      this.expiresArmed.delete(documentId);
    };
  }

  /** After an outage: re-position every stream, then report a gap for each (the hub re-reads PostgreSQL). */
  repositionAll(): void {
    for (const sub of this.subs.values()) sub.lastId = null;
    this.interrupt();
  }

  /** Another node missed publishing: re-read every loaded document without moving the read positions. */
  gapAll(): void {
    for (const sub of this.subs.values()) this.reportGap(sub);
  }

  /** Starts the read loop. */
  start(isReady: () => boolean): void {
    this.running ??= this.loop(isReady);
  }

  /** Stops the read loop, unblocking its XREAD so shutdown does not wait out the block timeout. */
  async stop(): Promise<void> {
    const generation = this.blocking;
    this.stopped = true;
    this.wakeUp?.();
    if (generation && this.blockClientId !== undefined && this.cmd.isReady) {
      await this.cmd.sendCommand(['CLIENT', 'UNBLOCK', String(this.blockClientId)]).catch((err: unknown) => this.opts.log.warn({ err }, 'could not unblock the stream reader'));
    }
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 1000))]);
  }

  private reportGap(sub: Subscription): void {
    this.gaps++;
    try {
      sub.handlers.onGap();
    } catch (err) {
      this.opts.log.error({ err, documentId: sub.documentId }, 'gap handler failed');
    }
  }

  private async lastIdOf(client: RedisClient, key: string): Promise<string> {
    const reply = (await client.sendCommand(['XREVRANGE', key, '+', '-', 'COUNT', '1'])) as Array<[string, string[]]>;
    return reply.length ? reply[0][0] : '0-0';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** Makes the loop re-read the subscription set now: wakes it, or unblocks its XREAD. */
  private interrupt(): void {
    if (!this.blocking) {
      this.wakeUp?.();
      return;
    }
    void this.unblock(this.blocking);
  }

  // CLIENT UNBLOCK can reach Redis before the XREAD does (two connections): retry until that XREAD has returned.
  private async unblock(generation: number): Promise<void> {
    for (let attempt = 0; attempt < 100 && this.blocking === generation && !this.stopped; attempt++) {
      const id = this.blockClientId;
      if (id !== undefined) {
        try {
          if (Number(await this.cmd.sendCommand(['CLIENT', 'UNBLOCK', String(id)])) === 1) return;
        } catch {
          return; // Redis away: the read fails on its own and the loop recovers
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async loop(isReady: () => boolean): Promise<void> {
    while (!this.stopped) {
      if (!isReady() || !this.block.isReady) {
        await this.sleep(200);
        continue;
      }
      try {
        this.blockClientId ??= Number(await this.block.sendCommand(['CLIENT', 'ID']));
        await this.positionPending();
        const subs = [...this.subs.values()].filter((s) => s.lastId !== null);
        if (!subs.length) {
          await this.sleep(this.opts.blockMs);
          continue;
        }
        const args = ['XREAD', 'COUNT', String(this.opts.count), 'BLOCK', String(this.opts.blockMs), 'STREAMS', ...subs.map((s) => s.key), ...subs.map((s) => s.lastId as string)];
        this.blocking = ++this.generation;
        const reply = (await this.block.sendCommand(args, AS_BUFFERS)) as StreamReply | null;
        this.blocking = 0;
        if (reply) await this.deliver(reply, new Map(subs.map((s) => [s.key, s])));
      } catch (err) {
        this.blocking = 0;
        if (this.stopped) break;
        this.readErrors++;
        await this.sleep(200);
      }
    }
  }

  private async positionPending(): Promise<void> {
    for (const sub of [...this.subs.values()]) {
      if (sub.lastId !== null) continue;
      const id = await this.lastIdOf(this.block, sub.key);
      // Still the current subscription? (it may have been dropped while we waited)
      if (this.subs.get(sub.documentId) !== sub) continue;
      sub.lastId = id;
      this.reportGap(sub);
    }
  }

  private async deliver(reply: StreamReply, byKey: Map<string, Subscription>): Promise<void> {
    for (const [rawKey, entries] of reply) {
      const sub = byKey.get(rawKey.toString());
      if (!sub || this.subs.get(sub.documentId) !== sub || sub.lastId === null) continue;
      const before = sub.lastId;
      for (const [rawId, fields] of entries) {
        sub.lastId = rawId.toString();
        let from = '';
        let update: Buffer | undefined;
        for (let i = 0; i + 1 < fields.length; i += 2) {
          const name = fields[i].toString();
          if (name === 'n') from = fields[i + 1].toString();
          else if (name === 'u') update = fields[i + 1];
        }
        if (from === this.opts.nodeId || !update) continue;
        try {
          sub.handlers.onUpdate(new Uint8Array(update.buffer, update.byteOffset, update.byteLength));
          this.received++;
        } catch (err) {
          this.opts.log.error({ err, documentId: sub.documentId }, 'applying a cross-node update failed; re-reading');
          this.reportGap(sub);
        }
      }
      // Trimming keeps >= maxLen >= count entries, so entries after `before` can only have been trimmed when
      // this batch is full; then a stream that now starts after `before` may have lost some (conservatively: a gap).
      if (entries.length >= this.opts.count) {
        const first = (await this.block.sendCommand(['XRANGE', sub.key, '-', '+', 'COUNT', '1'])) as Array<[string, string[]]>;
        if (first.length && compareStreamIds(first[0][0], before) > 0) this.reportGap(sub);
      }
    }
  }
}
