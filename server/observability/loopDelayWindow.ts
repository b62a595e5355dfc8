import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Event-loop delay over the last one to two minutes: the histogram restarts every window and a reading covers
 * the previous window and the current one. Since boot, a p99 kept the start-up (migrations, the first burst of
 * connections) for ever and hid how the node is doing now.
 */
export class LoopDelayWindow {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
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

  /** 99th percentile in seconds (the worse of the previous and the current window). */
  get p99Seconds(): number {
    const current = this.histogram.count > 0 ? this.histogram.percentile(99) : 0;
    return Math.max(this.previous.p99, current) / 1e9;
  }

  /** Mean in seconds (the current window once it has samples). */
  get meanSeconds(): number {
    return (this.histogram.count > 0 ? this.currentMean() : this.previous.mean) / 1e9;
  }

  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
