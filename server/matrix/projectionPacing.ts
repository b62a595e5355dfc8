/**
 * Paces activity projection by what it costs. Passes are derived work (matrix, overlaps, search) and share the
 * database with durable saves; on embedded PGlite they also share the event loop. With 100 plans whose activity
 * tables grow while 1,000 people type, passes every 600 ms took most of the database (soak: save p50 1.5 s, event
 * loop p99 3 s; with passes 6 s apart, 0.2 s and 1.3 s). So the wait between a plan's passes grows with the share
 * of recent wall time that passes took, and is the base wait whenever that share is small (any normal meeting).
 * With it the same soak gives save p50 0.5 s, p99 1.7 s, event-loop p99 1.6–2.2 s; the matrix then lags by seconds.
 */

/** Passes may take this share of wall time before they are spaced out. */
const BUSY_SHARE_TARGET = 0.25;
/** Recent pass time decays with this time constant. */
const DECAY_MS = 10_000;
/** The wait never grows beyond this (the matrix lags by at most about this under overload). */
const MAX_WAIT_MS = 10_000;

export class ProjectionPacing {
  /** Pass time in recent wall time, decayed exponentially (ms). */
  private recentPassMs = 0;
  private updatedAt: number;

  constructor(
    private readonly baseWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.updatedAt = now();
  }

  /** Counts a finished pass that took `durationMs` (wall time, waits on the database included). */
  record(durationMs: number): void {
    this.decay();
    this.recentPassMs += durationMs;
  }

  /** Share of recent wall time spent in passes (overlapping passes can make it exceed 1). */
  get busyShare(): number {
    this.decay();
    return this.recentPassMs / DECAY_MS;
  }

  /**
   * How long a plan's next pass should wait after its first save of a burst: the base wait up to the target
   * share, then growing with the square of the excess (a linear rule settled near full use of the database,
   * spacing passes barely more than the base wait).
   */
  waitMs(): number {
    const excess = this.busyShare / BUSY_SHARE_TARGET;
    if (excess <= 1) return this.baseWaitMs;
    return Math.min(MAX_WAIT_MS, Math.round(this.baseWaitMs * excess * excess));
  }

  private decay(): void {
    const t = this.now();
    this.recentPassMs *= Math.exp(-(t - this.updatedAt) / DECAY_MS);
    this.updatedAt = t;
  }
}
