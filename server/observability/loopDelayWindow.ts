import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Event-loop delay over the last one to two minutes: the histogram restarts every window and a reading covers
 * the previous window and the current one. Since boot, a p99 kept the start-up (migrations, the first burst of
 * connections) for ever and hid how the node is doing now.
 */
/**
 * The sampling timer's period: every sample includes it, an idle loop reads as this long. Each sample wakes the
 * loop, and a wake costs ~70 µs of CPU here: at 20 ms that was ~3.5 ms a second, more than the rest of an idle
 * node with 200 sockets; at 50 ms it is ~1.8. A stall as long as the period is still caught, shorter ones in
 * proportion to their length.
 */
export const RESOLUTION_MS = 50;

/** A reading of the histogram (nanoseconds, the timer period included) as the delay beyond the period, in seconds. */
export function delayBeyondPeriod(nanoseconds: number, resolutionMs = RESOLUTION_MS): number {
  return Math.max(0, nanoseconds - resolutionMs * 1e6) / 1e9;
}

export class LoopDelayWindow {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private previous = { p99: 0, mean: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(windowMs: number) {
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.previous = { p99: this.histogram.percentile(99), mean: this.currentMean() };
      this.histogram.reset();
    }, windowMs);
    this.timer.unref();
  }

  private currentMean(): number {
    return this.histogram.count > 0 && !Number.isNaN(this.histogram.mean) ? this.histogram.mean : 0;
  }

  /** 99th percentile in seconds (the worse of the previous and the current window); 0 for an idle loop. */
  get p99Seconds(): number {
    const current = this.histogram.count > 0 ? this.histogram.percentile(99) : 0;
    return delayBeyondPeriod(Math.max(this.previous.p99, current));
  }

  /** Mean in seconds (the current window once it has samples); 0 for an idle loop. */
  get meanSeconds(): number {
    return delayBeyondPeriod(this.histogram.count > 0 ? this.currentMean() : this.previous.mean);
  }

  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
