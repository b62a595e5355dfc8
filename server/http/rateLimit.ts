/** In-process rate limits: a token bucket per key, and a failure counter with a window (logins). */

/** Token bucket per key: `rate` tokens per second, up to `burst`. */
export class KeyedTokenBucket {
  private buckets = new Map<string, { tokens: number; at: number }>();
  /**
   * Full buckets are dropped while the bucket is in use rather than on a timer: a bucket built inside a route (the
   * per-user comment limit) has no shutdown to clear a timer in, and an idle one then holds no timer either.
   */
  private sweptAt = Date.now();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  /** The key's bucket refilled to now, without storing it. */
  private refilled(key: string, now: number): { tokens: number; at: number } {
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.burst, at: now };
    return { tokens: Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate), at: now };
  }

  /** Takes one token; false when the key is over its rate. */
  take(key: string): boolean {
    const now = Date.now();
    if (now - this.sweptAt >= 60000) this.sweep(now);
    const b = this.refilled(key, now);
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    return true;
  }

  /** Milliseconds until `key` has a token again (0 when it has one now). */
  retryAfterMs(key: string): number {
    const { tokens } = this.refilled(key, Date.now());
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.rate) * 1000);
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst) this.buckets.delete(k);
  }

  /** How many keys are tracked (tests, metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Forgets every key (shutdown). */
  close(): void {
    this.buckets.clear();
  }
}

/** Counts failures per key in a sliding window; blocked once `max` is reached. */
export class FailureCounter {
  private failures = new Map<string, number[]>();
  /** Size at which the next sweep of expired keys runs (keys nobody asks about again would otherwise stay for ever). */
  private sweepAt = 1024;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string): number[] {
    const cutoff = Date.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  blocked(key: string): boolean {
    return this.recent(key).length >= this.max;
  }

  /** Failures of `key` within the window. */
  count(key: string): number {
    return this.recent(key).length;
  }

  /** Milliseconds until `key` is no longer blocked (0 when it is not). */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.max) return 0;
    return Math.max(0, list[list.length - this.max] + this.windowMs - Date.now());
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(Date.now());
    this.failures.set(key, list);
    if (this.failures.size >= this.sweepAt) this.sweep();
  }

  /** Drops keys whose failures have all expired; then, if still over the cap, the keys failed longest ago. */
  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
    const cap = 100_000;
    if (this.failures.size > cap) {
      const byLast = [...this.failures].sort((a, b) => a[1][a[1].length - 1] - b[1][b[1].length - 1]);
      for (const [key] of byLast.slice(0, this.failures.size - cap)) this.failures.delete(key);
    }
    this.sweepAt = Math.max(1024, this.failures.size * 2);
  }

  /** How many keys are tracked (tests, metrics). */
  get size(): number {
    return this.failures.size;
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
