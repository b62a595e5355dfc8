/** joiners: 150 clients join a 20 MB plan at once; p50/p99 time to synced and peak server RSS. */
import { cpuMeter, memoryMiB, rssSampler } from '../proc.js';
import { concatSamples, summarize } from '../stats.js';
import { split, startGenerators, stopGenerators } from '../clients/pool.js';
import { closeSummary, comparedServers, pause, targetOf, type Scenario } from './types.js';

interface Joined {
  times: Float64Array;
  arrived: Float64Array;
  complete: number;
  closes: number[];
}

export const joiners: Scenario = {
  name: 'joiners',
  description: '150 clients (--clients) join a 20 MB plan (--mb) at once: time to synced, peak server RSS',
  servers: (params) => comparedServers(params),
  metrics: {
    clients: { unit: 'clients' },
    state_bytes: { unit: 'bytes' },
    sync_p50: { unit: 'ms', better: 'lower' },
    sync_p99: { unit: 'ms', better: 'lower' },
    // When each joiner had the plan's content in full, before applying it: the server's part, plus any wait for a
    // busy load generator to read it (with the generators saturated, that wait dominates; see bench/RESULTS.md).
    arrived_p50: { unit: 'ms', better: 'lower' },
    arrived_p99: { unit: 'ms', better: 'lower' },
    complete: { unit: 'clients' },
    rss_before: { unit: 'MiB', better: 'lower' },
    peak_rss: { unit: 'MiB', better: 'lower' },
    server_cpu: { unit: 'ms', better: 'lower' },
    generator_cpu: { unit: '% of one core' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, quick, params, log }) {
    const clients = Number(params.clients ?? (quick ? 50 : 150));
    const mb = Number(params.mb ?? (quick ? 5 : 20));
    const [doc] = await server.createDocs(1);
    const joinGens = 3;
    const gens = await startGenerators(joinGens + 1);
    const builder = gens[joinGens];
    try {
      const target = targetOf(server);
      // The builder stays connected, so the plan stays loaded on every server.
      const built = await builder.call<{ stateVector: Uint8Array; bytes: number; closes: number[] }>('plan.buildLarge', {
        target,
        doc,
        megabytes: mb,
        chunkKb: 200,
        maxRate: 0,
      });
      await builder.call('plan.hold', { target, doc });
      if (!(await builder.call<boolean>('plan.waitCovered', { stateVector: built.stateVector, timeoutMs: 120_000 }))) {
        throw new Error('the holder never received the whole plan');
      }
      log(`plan of ${built.bytes} bytes loaded`);
      await pause(2000);
      const rssBefore = memoryMiB(server.pid).rss;
      const rss = rssSampler(server.pid, 25);
      const cpu = cpuMeter([server.pid]);
      const genCpu = cpuMeter(gens.map((g) => g.pid));
      const t0 = Date.now();
      const parts = await Promise.all(
        split(clients, joinGens).map((count, i) =>
          gens[i].call<Joined>('plan.join', { target, doc, count, stateVector: built.stateVector, keep: true }),
        ),
      );
      const wall = Date.now() - t0;
      await pause(500);
      const peak = rss.stop();
      const times = summarize(concatSamples(parts.map((p) => p.times)));
      const arrived = summarize(concatSamples(parts.map((p) => p.arrived)).filter(Number.isFinite));
      return {
        clients,
        state_bytes: built.bytes,
        sync_p50: times.p50,
        sync_p99: times.p99,
        arrived_p50: arrived.p50,
        arrived_p99: arrived.p99,
        complete: parts.reduce((n, p) => n + p.complete, 0),
        rss_before: rssBefore,
        peak_rss: peak,
        server_cpu: cpu.stop(),
        generator_cpu: (genCpu.stop() / wall) * 100,
        closes: closeSummary([...built.closes, ...parts.flatMap((p) => p.closes)]),
      };
    } finally {
      await stopGenerators(gens);
    }
  },
};
