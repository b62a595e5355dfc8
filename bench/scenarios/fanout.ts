/** fanout: 1 writer at 20 updates/s for 10 s, N readers; delivery latency from timestamps in the content. */
import { cpuMeter, memoryMiB, preciseCpuMs } from '../proc.js';
import { concatSamples, summarize } from '../stats.js';
import { split, startGenerators, stopGenerators } from '../clients/pool.js';
import { closeSummary, comparedServers, pause, targetOf, type Scenario } from './types.js';

interface Collected {
  latencies: Float64Array;
  received: number;
  missed: number;
  closes: number[];
}

export const fanout: Scenario = {
  name: 'fanout',
  description: '1 writer at 20 updates/s, N readers (--n, default 200; --awareness: clients keep a stock provider\'s default presence): delivery latency, missed updates',
  servers: (params) => comparedServers(params),
  metrics: {
    readers: { unit: 'clients' },
    latency_p50: { unit: 'ms', better: 'lower' },
    latency_p99: { unit: 'ms', better: 'lower' },
    latency_max: { unit: 'ms', better: 'lower' },
    missed: { unit: 'updates', better: 'lower' },
    server_cpu: { unit: 'ms', better: 'lower' },
    server_cpu_per_1k_deliveries: { unit: 'ms', better: 'lower' },
    server_cpu_kernel: { unit: '% of server_cpu' },
    server_cpu_idle: { unit: 'ms per s', better: 'lower' },
    server_rss_idle: { unit: 'MiB', better: 'lower' },
    server_rss: { unit: 'MiB', better: 'lower' },
    generator_cpu: { unit: '% of one core' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, quick, params, log }) {
    const n = Number(params.n ?? 200);
    // Stock providers start with an empty presence and renew it every 15 s: with --awareness the clients keep it.
    const awareness = params.awareness === 'true';
    const durationMs = quick ? 3000 : 10_000;
    const idleWindowMs = quick ? 1000 : 5000;
    const [doc] = await server.createDocs(1);
    const readerGens = Math.min(3, Math.max(1, Math.ceil(n / 250)));
    const gens = await startGenerators(readerGens + 1);
    try {
      const target = targetOf(server);
      const rssIdle = memoryMiB(server.pid).rss;
      const shares = split(n, readerGens);
      await Promise.all(shares.map((count, i) => gens[i].call('fanout.connectReaders', { target, doc, count, awareness })));
      const writer = gens[readerGens];
      await writer.call('fanout.connectWriter', { target, doc, awareness });
      log(`${n} readers synced`);
      await pause(1000);
      // The cost of holding everyone connected with nothing to send: timers, pings, presence, the database pool.
      const idleFrom = preciseCpuMs(server.pid);
      await pause(idleWindowMs);
      const serverCpuIdle = ((preciseCpuMs(server.pid) - idleFrom) / idleWindowMs) * 1000;
      const cpu = cpuMeter([server.pid]);
      const genCpu = cpuMeter(gens.map((g) => g.pid));
      const t0 = Date.now();
      const w = await writer.call<{ sent: number; closes: number[] }>('fanout.write', { rate: 20, durationMs });
      const parts = await Promise.all(
        gens.slice(0, readerGens).map((g) => g.call<Collected>('fanout.collect', { expected: w.sent, graceMs: 5000 })),
      );
      const serverCpu = cpu.stop();
      const wall = Date.now() - t0;
      const lat = summarize(concatSamples(parts.map((p) => p.latencies)));
      const received = parts.reduce((s, p) => s + p.received, 0);
      return {
        readers: n,
        latency_p50: lat.p50,
        latency_p99: lat.p99,
        latency_max: lat.max,
        missed: parts.reduce((s, p) => s + p.missed, 0),
        server_cpu: serverCpu,
        server_cpu_per_1k_deliveries: (serverCpu / Math.max(1, received)) * 1000,
        server_cpu_kernel: (cpu.system() / Math.max(1, serverCpu)) * 100,
        server_cpu_idle: serverCpuIdle,
        server_rss_idle: rssIdle,
        server_rss: memoryMiB(server.pid).rss,
        generator_cpu: (genCpu.stop() / wall) * 100,
        closes: closeSummary([...w.closes, ...parts.flatMap((p) => p.closes)]),
      };
    } finally {
      await stopGenerators(gens);
    }
  },
};
