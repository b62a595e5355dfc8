/** coldload: a plan built from 100,000 small edits; time for a fresh client to sync (Enlace: after a restart, from PostgreSQL). */
import { memoryMiB } from '../proc.js';
import { startGenerators, stopGenerators } from '../clients/pool.js';
import { watchSaved } from '../servers/enlaceEvents.js';
import { closeSummary, comparedServers, targetOf, type Scenario } from './types.js';

interface Built {
  stateVector: Uint8Array;
  digest: string;
  bytes: number;
  buildMs: number;
  closes: number[];
}
interface Joined {
  times: Float64Array;
  arrived: Float64Array;
  complete: number;
  digestOk: boolean;
  closes: number[];
}

/** No content message seen (the client synced from smaller ones) is no figure, not NaN. */
const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export const coldload: Scenario = {
  name: 'coldload',
  description: 'plan of 100,000 small edits by 10 authors (--edits, --authors): fresh-client sync time; Enlace restarted first (PostgreSQL by default)',
  servers: (params) => comparedServers(params, 'postgres'),
  metrics: {
    edits: { unit: 'edits' },
    state_bytes: { unit: 'bytes' },
    build: { unit: 'ms', better: 'lower' },
    restart: { unit: 'ms' },
    cold_sync: { unit: 'ms', better: 'lower' },
    // The cold join split in two: the server's part (until the plan's content reached the client) and the client's.
    cold_arrived: { unit: 'ms', better: 'lower' },
    cold_apply: { unit: 'ms', better: 'lower' },
    warm_sync: { unit: 'ms', better: 'lower' },
    warm_arrived: { unit: 'ms', better: 'lower' },
    content_ok: { unit: 'bool' },
    server_rss: { unit: 'MiB', better: 'lower' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, quick, params, log }) {
    const edits = Number(params.edits ?? (quick ? 20_000 : 100_000));
    const [doc, warmupDoc] = await server.createDocs(2);
    const gens = await startGenerators(2);
    const target = targetOf(server);
    const saved = server.enlace ? await watchSaved(server, doc) : null;
    try {
      // The holder keeps the plan loaded on servers that unload a document nobody has open.
      await gens[0].call('plan.hold', { target, doc });
      const built = await gens[0].call<Built>('plan.buildSmall', { target, doc, edits, authors: Number(params.authors ?? 10), maxRate: 0 });
      if (!(await gens[0].call<boolean>('plan.waitCovered', { stateVector: built.stateVector, timeoutMs: 120_000 }))) {
        throw new Error('the holder never received the whole plan');
      }
      log(`built ${edits} edits in ${Math.round(built.buildMs)} ms (${built.bytes} bytes)`);
      let restart: number | null = null;
      if (saved) {
        if (!(await saved.waitCovers(built.stateVector, 120_000))) throw new Error('document:saved never covered the plan');
        await gens[0].call('plan.release');
        const t0 = Date.now();
        await server.restart();
        restart = Date.now() - t0;
      }
      // Warm the joining generator's code paths on another plan, so the timed sync measures the server.
      const empty = new Uint8Array([0]);
      await gens[1].call<Joined>('plan.join', { target, doc: warmupDoc, count: 3, stateVector: empty, keep: false });
      const args = { target, doc, count: 1, stateVector: built.stateVector, digest: built.digest, keep: false };
      const cold = await gens[1].call<Joined>('plan.join', args);
      const warm = await gens[1].call<Joined>('plan.join', args);
      return {
        edits,
        state_bytes: built.bytes,
        build: built.buildMs,
        restart,
        cold_sync: cold.times[0],
        cold_arrived: finiteOrNull(cold.arrived[0]),
        cold_apply: finiteOrNull(cold.times[0] - cold.arrived[0]),
        warm_sync: warm.times[0],
        warm_arrived: finiteOrNull(warm.arrived[0]),
        content_ok: cold.complete === 1 && warm.complete === 1 && cold.digestOk && warm.digestOk,
        server_rss: memoryMiB(server.pid).rss,
        closes: closeSummary([...built.closes, ...cold.closes, ...warm.closes]),
      };
    } finally {
      saved?.close();
      await stopGenerators(gens);
    }
  },
};
