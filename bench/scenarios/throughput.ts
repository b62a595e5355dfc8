/** throughput: 20 writers type flat out for 10 s; updates/s applied, server CPU per 1,000 updates, convergence. */
import { readMetric } from '../servers/enlaceApi.js';
import { cpuMeter, memoryMiB } from '../proc.js';
import { split, startGenerators, stopGenerators } from '../clients/pool.js';
import { closeSummary, comparedServers, pause, targetOf, type Scenario } from './types.js';

interface Observed {
  timeline: Array<[number, number]>;
}

export const throughput: Scenario = {
  name: 'throughput',
  description: '20 writers flat out for 10 s on one plan: applied updates/s, server CPU per 1,000 updates, convergence',
  servers: (params) => comparedServers(params),
  metrics: {
    updates_sent: { unit: 'updates' },
    updates_per_s: { unit: 'updates/s', better: 'higher' },
    drain_after_stop: { unit: 'ms', better: 'lower' },
    server_cpu_per_1k_updates: { unit: 'ms', better: 'lower' },
    server_cpu_util: { unit: '% of one core' },
    server_rss: { unit: 'MiB', better: 'lower' },
    generator_cpu: { unit: '% of one core' },
    converged: { unit: 'bool' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, quick, params, log }) {
    const writers = Number(params.writers ?? 20);
    // --rate caps each writer (updates/s); 0 (default) is flat out, limited only by socket backpressure.
    const rate = Number(params.rate ?? 0);
    const durationMs = quick ? 3000 : 10_000;
    const [doc] = await server.createDocs(1);
    const writerGens = 2;
    const gens = await startGenerators(writerGens + 1);
    const observer = gens[writerGens];
    try {
      const target = targetOf(server);
      await observer.call('throughput.connectObserver', { target, doc });
      const shares = split(writers, writerGens);
      await Promise.all(shares.map((count, i) => gens[i].call('throughput.connectWriters', { target, doc, count, tag: `g${i}` })));
      log(`${writers} writers synced`);
      await pause(1000);
      const startAt = performance.timeOrigin + performance.now() + 200;
      const endAt = startAt + durationMs;
      const cpu = cpuMeter([server.pid]);
      const genCpu = cpuMeter(gens.map((g) => g.pid));
      const [obs, ...sentParts] = await Promise.all([
        observer.call<Observed>('throughput.observe', { startAt, endAt }),
        ...gens.slice(0, writerGens).map((g) => g.call<{ sent: number; closes: number[] }>('throughput.runWriters', { startAt, endAt, rate })),
      ]);
      const sent = sentParts.reduce((n, p) => n + p.sent, 0);
      // BENCH_DEBUG=1: the observer's count over the run (ms after the start: characters seen), to see stalls.
      if (process.env.BENCH_DEBUG) log(`timeline ${obs.timeline.map(([t, c]) => `${Math.round(t - startAt)}:${c}`).join(' ')}`);
      const atStart = obs.timeline[0];
      const atEnd = obs.timeline[obs.timeline.length - 1];
      // Every writer types into a paragraph of its own created empty at connect, so the observer must end with `sent`
      // characters. (Not its count at `startAt` plus `sent`: a writer in another process may start a few ms before
      // the observer's first sample, and then the target was a few characters more than was ever typed.)
      const drained = await observer.call<{ ok: boolean; at: number; count: number; closes: number[] }>('throughput.drain', {
        total: sent,
        timeoutMs: 60_000,
      });
      if (!drained.ok) {
        log(`not drained: observer saw ${drained.count} of ${sent}; writers: ${JSON.stringify(await Promise.all(gens.slice(0, writerGens).map((g) => g.call('throughput.writerStates'))))}`);
        log(`observer against a fresh client: ${JSON.stringify(await observer.call('throughput.compareWithFresh', { target, doc }))}`);
        if (server.enlace) for (const m of ['enlace_unsaved_updates', 'enlace_connections', 'enlace_updates_applied_total']) log(`${m} ${await readMetric(server.httpUrl, m)}`);
      }
      const serverCpu = cpu.stop();
      const genMs = genCpu.stop();
      const applied = drained.count;
      const wallMs = drained.at - startAt;
      let converged = false;
      for (let attempt = 0; attempt < 50 && !converged; attempt++) {
        const digests = (await Promise.all(gens.map((g) => g.call<string[]>('throughput.digests')))).flat();
        converged = drained.ok && new Set(digests).size === 1;
        if (!converged) await pause(200);
      }
      return {
        updates_sent: sent,
        updates_per_s: ((atEnd[1] - atStart[1]) * 1000) / Math.max(1, atEnd[0] - atStart[0]),
        drain_after_stop: drained.ok ? drained.at - endAt : null,
        server_cpu_per_1k_updates: (serverCpu / Math.max(1, applied)) * 1000,
        server_cpu_util: (serverCpu / wallMs) * 100,
        server_rss: memoryMiB(server.pid).rss,
        generator_cpu: (genMs / wallMs) * 100,
        converged,
        closes: closeSummary([...sentParts.flatMap((p) => p.closes), ...drained.closes]),
      };
    } finally {
      await stopGenerators(gens);
    }
  },
};
