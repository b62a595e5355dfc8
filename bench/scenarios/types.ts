/** What a benchmark scenario is, and what it gets to run once against one server. */
import type { DbKind, ServerHandle, ServerKind, ServerSpec } from '../servers/launch.js';
import type { Target } from '../clients/connect.js';

/** Numbers (and a few flags) a scenario reports for one run. */
export type Metrics = Record<string, number | boolean | string | null>;

/** How to read a metric: its unit and which way is better (for the ratio column). */
export interface MetricInfo {
  unit: string;
  better?: 'lower' | 'higher';
}

/** Everything one run of a scenario needs. */
export interface RunContext {
  server: ServerHandle;
  quick: boolean;
  params: Record<string, string>;
  log(message: string): void;
}

/** A benchmark scenario: which servers it compares and how to run it once. */
export interface Scenario {
  name: string;
  description: string;
  servers(params: Record<string, string>): ServerSpec[];
  metrics: Record<string, MetricInfo>;
  runOnce(ctx: RunContext): Promise<Metrics>;
}

/** How the load generators reach `server`. */
export function targetOf(server: ServerHandle): Target {
  return { kind: server.spec.kind, wsUrl: server.wsUrl, token: server.enlace?.token };
}

/** Enlace plus both peers, or the `--servers a,b` subset; `--db` picks Enlace's database. */
export function comparedServers(params: Record<string, string>, defaultDb: DbKind = 'pglite'): ServerSpec[] {
  const kinds = (params.servers ?? 'enlace,yws,hocuspocus').split(',').map((s) => s.trim()) as ServerKind[];
  const db = (params.db as DbKind | undefined) ?? defaultDb;
  return kinds.map((kind) => (kind === 'enlace' ? { kind, db } : { kind }));
}

/** Close codes summarized as `code×count`, or an empty string when none. */
export function closeSummary(codes: number[]): string {
  const counts = new Map<number, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${c}×${n}`).join(' ');
}

/** Sleeps for `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
