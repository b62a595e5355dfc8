/** awareness: 500 clients move carets at 1 Hz (default 10 rooms of 50); server CPU and caret arrival latency. */
import { cpuMeter, memoryMiB } from '../proc.js';
import { concatSamples, summarize } from '../stats.js';
import { split, startGenerators, stopGenerators } from '../clients/pool.js';
import { closeSummary, comparedServers, pause, targetOf, type Scenario } from './types.js';

export const awareness: Scenario = {
  name: 'awareness',
  description: '500 clients moving carets at 1 Hz (--clients, --rooms; default 10 rooms of 50): server CPU, caret latency',
  servers: (params) => comparedServers(params),
  metrics: {
    clients: { unit: 'clients' },
    carets_sent: { unit: 'updates' },
    server_cpu_util: { unit: '% of one core', better: 'lower' },
    server_cpu_per_1k_carets: { unit: 'ms', better: 'lower' },
    caret_p50: { unit: 'ms', better: 'lower' },
    caret_p99: { unit: 'ms', better: 'lower' },
    carets_received: { unit: 'deliveries' },
    server_rss: { unit: 'MiB', better: 'lower' },
    generator_cpu: { unit: '% of one core' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, quick, params, log }) {
    const clients = Number(params.clients ?? 500);
    const roomCount = Number(params.rooms ?? 10);
    const perRoom = Math.max(1, Math.round(clients / roomCount));
    const durationMs = quick ? 4000 : 10_000;
    const docs = await server.createDocs(roomCount);
    const genCount = Math.min(3, Math.max(1, Math.ceil(clients / 200)));
    const gens = await startGenerators(genCount);
    try {
      const target = targetOf(server);
      const shares = split(roomCount, genCount);
      let offset = 0;
      await Promise.all(
        shares.map((count, i) => gens[i].call('awareness.connect', { target, docs: docs.slice(offset, (offset += count)), perRoom })),
      );
      log(`${roomCount * perRoom} clients synced`);
      await pause(2000);
      const cpu = cpuMeter([server.pid]);
      const genCpu = cpuMeter(gens.map((g) => g.pid));
      const t0 = Date.now();
      const parts = await Promise.all(
        gens.map((g) => g.call<{ sent: number; latencies: Float64Array; closes: number[] }>('awareness.move', { hz: 1, durationMs })),
      );
      const wall = Date.now() - t0;
      const serverCpu = cpu.stop();
      const sent = parts.reduce((n, p) => n + p.sent, 0);
      const lat = summarize(concatSamples(parts.map((p) => p.latencies)));
      return {
        clients: roomCount * perRoom,
        carets_sent: sent,
        server_cpu_util: (serverCpu / wall) * 100,
        server_cpu_per_1k_carets: (serverCpu / Math.max(1, sent)) * 1000,
        caret_p50: lat.p50,
        caret_p99: lat.p99,
        carets_received: lat.count,
        server_rss: memoryMiB(server.pid).rss,
        generator_cpu: (genCpu.stop() / wall) * 100,
        closes: closeSummary(parts.flatMap((p) => p.closes)),
      };
    } finally {
      await stopGenerators(gens);
    }
  },
};
