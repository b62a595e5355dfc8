/** smoke: each server for ~2 s with 5 clients on one plan; every client must end with the same content. */
import { startGenerators, stopGenerators } from '../clients/pool.js';
import { closeSummary, comparedServers, targetOf, type Scenario } from './types.js';

interface Smoke {
  converged: boolean;
  digests: string[];
  activities: number;
  closes: number[];
}

export const smoke: Scenario = {
  name: 'smoke',
  description: 'each server ~2 s with 5 clients: all clients converge (used by tests/bench/smoke.test.ts)',
  servers: (params) => comparedServers(params),
  metrics: {
    converged: { unit: 'bool' },
    distinct_digests: { unit: 'count' },
    activities: { unit: 'rows' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, params }) {
    const [doc] = await server.createDocs(1);
    const [gen] = await startGenerators(1);
    try {
      const r = await gen.call<Smoke>('smoke.run', { target: targetOf(server), doc, clients: Number(params.clients ?? 5), durationMs: 2000 });
      return {
        converged: r.converged,
        distinct_digests: new Set(r.digests).size,
        activities: r.activities,
        closes: closeSummary(r.closes),
      };
    } finally {
      await stopGenerators([gen]);
    }
  },
};
