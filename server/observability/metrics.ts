/** Prometheus text metrics: connections, loaded documents, updates applied, durable-save lag, event-loop delay (bus counters: busMetrics.ts). */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface MetricSource {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value(): number;
}

export class Metrics {
  private sources: MetricSource[] = [];
  private loop: IntervalHistogram;
  httpRequests = 0;

  constructor() {
    this.loop = monitorEventLoopDelay({ resolution: 20 });
    this.loop.enable();
    this.add({ name: 'enlace_event_loop_delay_p99_seconds', help: 'Event-loop delay, 99th percentile', type: 'gauge', value: () => this.loop.percentile(99) / 1e9 });
    this.add({ name: 'enlace_event_loop_delay_mean_seconds', help: 'Event-loop delay, mean', type: 'gauge', value: () => (Number.isNaN(this.loop.mean) ? 0 : this.loop.mean / 1e9) });
    this.add({ name: 'enlace_http_requests_total', help: 'HTTP requests served', type: 'counter', value: () => this.httpRequests });
    this.add({ name: 'enlace_process_resident_memory_bytes', help: 'Resident memory', type: 'gauge', value: () => process.memoryUsage().rss });
  }

  /** Registers a metric read at scrape time. */
  add(source: MetricSource): void {
    this.sources.push(source);
  }

  /** The Prometheus exposition text. */
  render(): string {
    const lines: string[] = [];
    for (const s of this.sources) {
      lines.push(`# HELP ${s.name} ${s.help}`, `# TYPE ${s.name} ${s.type}`, `${s.name} ${s.value()}`);
    }
    return lines.join('\n') + '\n';
  }

  close(): void {
    this.loop.disable();
  }
}
