/** Turns per-run metrics into medians, subject/peer ratios, a printed table and a JSON file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './stats.js';
import type { MetricInfo, Metrics } from './scenarios/types.js';

export type Value = number | boolean | string | null;

/** Medians of numbers; flags as true/false, or "k/n" when runs disagree; distinct values joined for text. */
export function aggregate(runs: Metrics[]): Metrics {
  const out: Metrics = {};
  const keys = new Set(runs.flatMap((r) => Object.keys(r)));
  for (const key of keys) {
    const values = runs.map((r) => r[key]).filter((v) => v !== undefined && v !== null);
    if (values.length === 0) out[key] = null;
    else if (values.every((v) => typeof v === 'number')) out[key] = median(values as number[]);
    else if (values.every((v) => typeof v === 'boolean')) {
      const yes = values.filter(Boolean).length;
      out[key] = yes === values.length ? true : yes === 0 ? false : `${yes}/${values.length}`;
    }
    else out[key] = [...new Set(values.map(String))].filter((s) => s !== '').join(' | ');
  }
  return out;
}

/** subject/peer for each numeric metric (NaN-safe); the subject is the first server. */
export function ratios(medians: Record<string, Metrics>, subject: string): Record<string, Record<string, number | null>> {
  const out: Record<string, Record<string, number | null>> = {};
  for (const peer of Object.keys(medians)) {
    if (peer === subject) continue;
    const r: Record<string, number | null> = {};
    for (const [key, v] of Object.entries(medians[subject] ?? {})) {
      const p = medians[peer][key];
      r[key] = typeof v === 'number' && typeof p === 'number' && p !== 0 && Number.isFinite(v / p) ? v / p : null;
    }
    out[`${subject}/${peer}`] = r;
  }
  return out;
}

function cell(v: Value | undefined): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'number') return Number.isFinite(v) ? String(round(v, Math.abs(v) >= 100 ? 0 : 2)) : String(v);
  const text = String(v);
  // Errors and close lists can be long; the JSON file keeps them whole.
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A plain-text table: one row per metric, one column per server, then the ratio columns. */
export function formatTable(info: Record<string, MetricInfo>, medians: Record<string, Metrics>, ratioCols: Record<string, Record<string, number | null>>): string {
  const labels = Object.keys(medians);
  const header = ['metric', 'unit', ...labels, ...Object.keys(ratioCols)];
  const keys = [...new Set([...Object.keys(info), ...labels.flatMap((l) => Object.keys(medians[l]))])];
  const rows = keys.map((k) => [
    info[k]?.better ? `${k} (${info[k].better === 'lower' ? '↓' : '↑'})` : k,
    info[k]?.unit ?? '',
    ...labels.map((l) => cell(medians[l][k])),
    ...Object.values(ratioCols).map((r) => (r[k] == null ? '' : `${round(r[k] as number, 2)}×`)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Writes the full record to bench/results/<scenario>-<timestamp>.json and returns the path. */
export function writeResults(scenario: string, record: object): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `${scenario}-${stamp}.json`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version };
  writeFileSync(path, JSON.stringify({ scenario, machine, ...record }, null, 2));
  return path;
}
