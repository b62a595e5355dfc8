/** rooms: 2,000 clients with presence in 400 rooms; steady server RSS and a ping-like update round trip. */
import { cpuMeter, memoryMiB, rssSampler } from '../proc.js';
import { concatSamples, summarize } from '../stats.js';
import { split, startGenerators, stopGenerators } from '../clients/pool.js';
import { readMetric } from '../servers/enlaceApi.js';
import { closeSummary, comparedServers, pause, targetOf, type Scenario } from './types.js';

export const rooms: Scenario = {
  name: 'rooms',
  description: '2,000 clients in 400 rooms (--clients, --rooms): steady server RSS, p99 of a ping/pong update round trip',
  servers: (params) => comparedServers(params),
  metrics: {
    clients: { unit: 'clients' },
    connect_all: { unit: 'ms', better: 'lower' },
    rss_idle: { unit: 'MiB', better: 'lower' },
    steady_rss: { unit: 'MiB', better: 'lower' },
    rtt_p50: { unit: 'ms', better: 'lower' },
    rtt_p99: { unit: 'ms', better: 'lower' },
    pings_lost: { unit: 'pings', better: 'lower' },
    server_cpu_util: { unit: '% of one core', better: 'lower' },
    enlace_event_loop_p99: { unit: 'ms (Enlace /metrics)' },
    generator_cpu: { unit: '% of one core' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, quick, params, log }) {
    const roomCount = Number(params.rooms ?? (quick ? 100 : 400));
    const clients = Number(params.clients ?? roomCount * 5);
    const perRoom = Math.max(2, Math.round(clients / roomCount));
    const durationMs = quick ? 4000 : 10_000;
    const docs = await server.createDocs(roomCount);
    const genCount = Math.min(4, Math.max(1, Math.ceil(clients / 500)));
    const gens = await startGenerators(genCount);
    try {
      const target = targetOf(server);
      const baseline = memoryMiB(server.pid).rss;
      const shares = split(roomCount, genCount);
      let offset = 0;
      const t0 = Date.now();
      await Promise.all(
        shares.map((count, i) => {
          const mine = docs.slice(offset, (offset += count));
          return gens[i].call('rooms.connect', { target, docs: mine, perRoom });
        }),
      );
      const connectAll = Date.now() - t0;
      log(`${roomCount * perRoom} clients synced in ${connectAll} ms`);
      await pause(3000);
      const rss = rssSampler(server.pid, 200);
      const cpu = cpuMeter([server.pid]);
      const genCpu = cpuMeter(gens.map((g) => g.pid));
      const t1 = Date.now();
      const parts = await Promise.all(
        gens.map((g) => g.call<{ rtts: Float64Array; sent: number; closes: number[] }>('rooms.ping', { durationMs, intervalMs: 1000 })),
      );
      const wall = Date.now() - t1;
      const serverCpu = cpu.stop();
      const steady = rss.stop();
      const rtt = summarize(concatSamples(parts.map((p) => p.rtts)));
      return {
        clients: roomCount * perRoom,
        connect_all: connectAll,
        rss_idle: baseline,
        steady_rss: steady,
        rtt_p50: rtt.p50,
        rtt_p99: rtt.p99,
        pings_lost: parts.reduce((n, p) => n + p.sent, 0) - rtt.count,
        server_cpu_util: (serverCpu / wall) * 100,
        enlace_event_loop_p99: server.enlace ? ((await readMetric(server.httpUrl, 'enlace_event_loop_delay_p99_seconds')) ?? Number.NaN) * 1000 : null,
        generator_cpu: (genCpu.stop() / wall) * 100,
        closes: closeSummary(parts.flatMap((p) => p.closes)),
      };
    } finally {
      await stopGenerators(gens);
    }
  },
};
