/**
 * A connection's frame rate. Every arriving frame takes a token; a client over its rate has its frames held back and
 * applied one by one as their tokens are earned; one far over it, or still over it `throttledCloseMs` into the
 * episode, is closed (1008). Sync requests (step 1: each costs a state vector or a whole-plan reply) have their own,
 * slower bucket.
 */
import type { Limits } from '../../shared/constants.js';
import { CLOSE } from './protocol.js';

/** Shortest wait between releases of a throttled client's held frames. */
const RELEASE_TICK_MS = 10;
/** A throttled client that has this long's worth of tokens to spare is within its rate again. */
const CALM_MS = 50;

/** The connection a throttle paces: it reads, pauses, processes and closes. */
export interface ThrottledConnection {
  isClosed(): boolean;
  /** Decodes and applies one frame that was held back. */
  processFrame(frame: Buffer): void;
  close(code: number, reason: string): void;
  pauseReading(): void;
  resumeReading(): void;
}

/** Token buckets and the held-back frames of one connection. */
export class FrameThrottle {
  private tokens: number;
  private lastRefill = Date.now();
  private paused = false;
  /** Frames that arrived while the client was over its rate, oldest first (see hold). */
  private held: Buffer[] = [];
  /** When the client went over its rate and has stayed over it since (0: within its rate). */
  private throttledSince = 0;
  private syncTokens: number;
  private lastSyncRefill = Date.now();

  constructor(
    private readonly limits: Limits,
    private readonly conn: ThrottledConnection,
  ) {
    this.tokens = limits.messageBurst;
    this.syncTokens = limits.syncRequestBurst;
  }

  /** Counts an arriving frame; false when the client was closed for its rate (the frame is dropped). */
  admit(): boolean {
    const now = Date.now();
    const { messagesPerSecond, messageBurst, throttledCloseMs } = this.limits;
    this.refill(now);
    this.tokens -= 1;
    // Within its rate again (it has earned tokens to spare): the throttling episode is over. Not merely one token: a
    // backlogged client's next frame arrives a moment after its socket is read again, with a token earned meanwhile.
    if (this.tokens >= (messagesPerSecond * CALM_MS) / 1000) this.throttledSince = 0;
    else if (this.tokens < 0 && !this.throttledSince) this.throttledSince = now;
    const sustained = this.tokens < 0 && this.throttledSince > 0 && now - this.throttledSince > throttledCloseMs;
    if (this.tokens < -messageBurst || sustained) {
      this.conn.close(CLOSE.policy, 'rate limit exceeded');
      return false;
    }
    return true;
  }

  /** Whether an admitted frame must wait its turn: the client is over its rate, or earlier frames are still held. */
  mustHold(): boolean {
    return this.held.length > 0 || this.tokens < 0;
  }

  /**
   * Holds a frame that arrived over the rate. The socket is paused, but `ws` still emits every frame it had already
   * read (a 64 kB read is ~2,000 keystrokes): applied at once, those made a throttled client's edits arrive in
   * bursts between stalls of up to ten seconds. Held, they are applied one by one as their tokens are earned.
   */
  hold(frame: Buffer): void {
    this.held.push(frame);
    if (this.paused) return;
    this.paused = true;
    this.conn.pauseReading();
    this.scheduleRelease();
  }

  /** Forgets held frames (the connection is gone). */
  drop(): void {
    this.held = [];
  }

  /** One sync step 1 from the slower bucket; false (and closed, 1008) when it has none left. */
  takeSyncRequest(): boolean {
    const now = Date.now();
    const { syncRequestsPerMinute, syncRequestBurst } = this.limits;
    this.syncTokens = Math.min(syncRequestBurst, this.syncTokens + ((now - this.lastSyncRefill) / 60_000) * syncRequestsPerMinute);
    this.lastSyncRefill = now;
    if (this.syncTokens < 1) {
      this.conn.close(CLOSE.policy, 'too many sync requests');
      return false;
    }
    this.syncTokens -= 1;
    return true;
  }

  private scheduleRelease(): void {
    // When the oldest held frame's token is earned; at least 10 ms apart, so a release applies several at once.
    const owed = 1 - (this.tokens + this.held.length);
    setTimeout(() => this.release(), Math.max(RELEASE_TICK_MS, Math.ceil((owed / this.limits.messagesPerSecond) * 1000)));
  }

  /** Applies the held frames whose tokens are earned by now; resumes reading once none is left. */
  private release(): void {
    if (this.conn.isClosed()) return;
    const now = Date.now();
    // Still holding a backlog `throttledCloseMs` into the episode: over its rate, not a burst (see admit).
    if (this.throttledSince > 0 && now - this.throttledSince > this.limits.throttledCloseMs) return this.conn.close(CLOSE.policy, 'rate limit exceeded');
    this.refill(now);
    // `tokens` already counts every held frame: the oldest is paid for once tokens + held ≥ 1.
    while (this.held.length && this.tokens + this.held.length >= 1) {
      this.conn.processFrame(this.held.shift()!);
      if (this.conn.isClosed()) return;
    }
    if (this.held.length) return this.scheduleRelease();
    this.paused = false;
    // Time spent held back earns nothing beyond zero: a backlogged client's next message is over its rate again.
    this.tokens = Math.min(this.tokens, 0);
    this.conn.resumeReading();
  }

  private refill(now: number): void {
    const { messagesPerSecond, messageBurst } = this.limits;
    this.tokens = Math.min(messageBurst, this.tokens + ((now - this.lastRefill) / 1000) * messagesPerSecond);
    this.lastRefill = now;
  }
}
