/** Prometheus text metrics: connections, loaded documents, updates applied, durable-save lag, event-loop delay (bus counters: busMetrics.ts). */
import { LoopDelayWindow } from './loopDelayWindow.js';

export interface MetricSource {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value(): number;
}

export class Metrics {
  private sources: MetricSource[] = [];
  private loop = new LoopDelayWindow(60_000);
  httpRequests = 0;

  constructor() {
    this.add({ name: 'enlace_event_loop_delay_p99_seconds', help: 'Event-loop delay, 99th percentile over the last 1-2 minutes', type: 'gauge', value: () => this.loop.p99Seconds });
    this.add({ name: 'enlace_event_loop_delay_mean_seconds', help: 'Event-loop delay, mean over the last minute', type: 'gauge', value: () => this.loop.meanSeconds });
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
    this.loop.close();
  }
}
