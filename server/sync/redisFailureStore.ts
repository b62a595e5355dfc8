/**
 * Sign-in failures shared by every node: one sorted set per bound and key (scores are failure times), trimmed to the
 * window and to the bound's size, expiring with the window. Keys are hashed, so no email or address sits in Redis.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SharedFailureStore } from '../auth/failureBounds.js';
import type { RedisClient } from './redisClients.js';

export class RedisFailureStore implements SharedFailureStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    /** While false, calls fail at once and the bound counts on its node only (see FailureBound). */
    private readonly isReady: () => boolean = () => true,
  ) {}

  private checkReady(): void {
    if (!this.isReady()) throw new Error('Redis unreachable');
  }

  private keyOf(bound: string, key: string): string {
    return `${this.prefix}failures:${bound}:${createHash('sha256').update(key).digest('base64url')}`;
  }

  async recent(bound: string, key: string, windowMs: number): Promise<number[]> {
    this.checkReady();
    const flat = await this.redis.zRangeByScore(this.keyOf(bound, key), Date.now() - windowMs, '+inf');
    // Members are "<time>:<nonce>": two failures in one millisecond stay two.
    return flat.map((m) => Number(m.slice(0, m.indexOf(':')))).filter(Number.isFinite);
  }

  async fail(bound: string, key: string, windowMs: number, keep: number): Promise<void> {
    this.checkReady();
    const k = this.keyOf(bound, key);
    const now = Date.now();
    await this.redis
      .multi()
      .zAdd(k, { score: now, value: `${now}:${randomBytes(4).toString('hex')}` })
      .zRemRangeByScore(k, '-inf', now - windowMs)
      .zRemRangeByRank(k, 0, -(keep + 1))
      .pExpire(k, windowMs)
      .exec();
  }

  async clear(bound: string, key: string): Promise<void> {
    this.checkReady();
    await this.redis.del(this.keyOf(bound, key));
  }
}
