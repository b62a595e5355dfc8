/** Runs a scenario against each server, interleaved (A B C A B C …), and reports medians and ratios. */
import { startServer, labelOf } from './servers/launch.js';
import { stopDatabase } from './servers/database.js';
import { aggregate, formatTable, ratios, writeResults } from './report.js';
import type { Metrics, Scenario } from './scenarios/types.js';

/** The outcome of a whole bench invocation for one scenario. */
export interface ScenarioResult {
  runs: Record<string, Metrics[]>;
  medians: Record<string, Metrics>;
  ratios: Record<string, Record<string, number | null>>;
  table: string;
  path: string;
}

/** Runs `scenario` `--runs` times per server (default 3, or 1 with --quick) and writes the results. */
export async function runScenario(scenario: Scenario, params: Record<string, string>, log: (m: string) => void): Promise<ScenarioResult> {
  const quick = params.quick === 'true';
  const runCount = Number(params.runs ?? (quick ? 1 : 3));
  const specs = scenario.servers(params);
  const runs: Record<string, Metrics[]> = Object.fromEntries(specs.map((s) => [labelOf(s), []]));
  const startedAt = new Date().toISOString();
  try {
    for (let run = 1; run <= runCount; run++) {
      for (const spec of specs) {
        const label = labelOf(spec);
        log(`[${scenario.name}] run ${run}/${runCount} ${label}`);
        const server = await startServer(spec);
        try {
          const metrics = await scenario.runOnce({ server, quick, params, log: (m) => log(`  ${label}: ${m}`) });
          runs[label].push(metrics);
          log(`  ${label}: ${JSON.stringify(metrics)}`);
        } catch (err) {
          log(`  ${label}: failed: ${err instanceof Error ? err.message : String(err)} (server log: ${server.logPath})`);
          runs[label].push({ error: err instanceof Error ? err.message : String(err) });
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await stopDatabase();
  }
  const medians = Object.fromEntries(Object.entries(runs).map(([l, r]) => [l, aggregate(r)]));
  const subject = labelOf(specs[0]);
  const ratioCols = ratios(medians, subject);
  const table = `${scenario.name} ${JSON.stringify(params)} — medians of ${runCount} run(s) per server\n\n${formatTable(scenario.metrics, medians, ratioCols)}`;
  const path = writeResults(scenario.name, { params, startedAt, runCount, runs, medians, ratios: ratioCols });
  return { runs, medians, ratios: ratioCols, table, path };
}
