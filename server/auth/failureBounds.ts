/**
 * Sign-in and password-check failure bounds. Each node always counts in process (so a Redis outage never lifts a
 * bound); with Redis, every node also counts in one shared window, so a cluster of N nodes allows no more guesses
 * than one node does.
 */
import { FailureCounter } from '../http/rateLimit.js';

/** Failure timestamps kept for every node (Redis); each call may fail, and the bound then falls back to this node's count. */
export interface SharedFailureStore {
  /** Failure times (ms) of `key` within the last `windowMs`, oldest first. */
  recent(bound: string, key: string, windowMs: number): Promise<number[]>;
  /** Records a failure now, keeping at most `keep` of the newest. */
  fail(bound: string, key: string, windowMs: number, keep: number): Promise<void>;
  clear(bound: string, key: string): Promise<void>;
}

/** A shared count that has not answered in this long is skipped for this call (a Redis that hangs must not hold sign-in up). */
export const SHARED_COUNT_TIMEOUT_MS = 1500;

export interface FailureBoundLog {
  warn(obj: unknown, msg?: string): void;
}

/** One bound: at most `max` failures per key within `windowMs`, counted on this node and, when given, across nodes. */
export class FailureBound {
  private readonly local: FailureCounter;
  /** Attempts under way on this node, per key (see `reserve`). */
  private readonly underWay = new Map<string, number>();
  /** Logged once per run of failures, not for every sign-in while Redis is away. */
  private sharedDown = false;

  constructor(
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly shared?: SharedFailureStore,
    private readonly log?: FailureBoundLog,
  ) {
    this.local = new FailureCounter(max, windowMs);
  }

  /**
   * Takes a place for one attempt at `key`, or refuses (undefined) when this node's failures and its attempts still
   * under way already fill the bound. Guesses sent all at once were each checked before any of them had failed, and
   * together passed the bound (on PostgreSQL, as many as its connection pool held). Synchronous, so no other request
   * can be checked between the count and the taking. Returns the function that gives the place back: call it once
   * the attempt's failure is recorded, or it succeeded.
   */
  reserve(key: string): (() => void) | undefined {
    const underWay = this.underWay.get(key) ?? 0;
    if (this.local.count(key) + underWay >= this.max) return undefined;
    this.underWay.set(key, underWay + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.underWay.get(key) ?? 1) - 1;
      if (left > 0) this.underWay.set(key, left);
      else this.underWay.delete(key);
    };
  }

  /** Milliseconds until `key` may try again: 0 when it is not blocked on this node nor across nodes. */
  async retryAfterMs(key: string): Promise<number> {
    const here = this.local.retryAfterMs(key);
    if (!this.shared) return here;
    const times = await this.attempt('read', () => this.shared!.recent(this.name, key, this.windowMs));
    if (!times || times.length < this.max) return here;
    const wait = times[times.length - this.max] + this.windowMs - Date.now();
    return Math.max(here, wait, 1);
  }

  async fail(key: string): Promise<void> {
    this.local.fail(key);
    if (this.shared) await this.attempt('write', () => this.shared!.fail(this.name, key, this.windowMs, this.max));
  }

  async clear(key: string): Promise<void> {
    this.local.clear(key);
    if (this.shared) await this.attempt('clear', () => this.shared!.clear(this.name, key));
  }

  private async attempt<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${SHARED_COUNT_TIMEOUT_MS} ms`)), SHARED_COUNT_TIMEOUT_MS)));
    try {
      const value = await Promise.race([run(), late]);
      this.sharedDown = false;
      return value;
    } catch (err) {
      if (!this.sharedDown) this.log?.warn({ err, bound: this.name }, `shared sign-in failure count ${what} failed; counting on this node only`);
      this.sharedDown = true;
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Reserves an attempt in every bound (each with its key), or in none: undefined when any of them refuses. */
export function reserveAll(bounds: ReadonlyArray<readonly [FailureBound, string]>): (() => void) | undefined {
  const taken: Array<() => void> = [];
  for (const [bound, key] of bounds) {
    const release = bound.reserve(key);
    if (!release) {
      for (const give of taken) give();
      return undefined;
    }
    taken.push(release);
  }
  return () => {
    for (const give of taken) give();
  };
}
