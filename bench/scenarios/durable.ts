/** durable (Enlace only): edit → the `document:saved` event that covers it, on PGlite and on PostgreSQL. */
import { concatSamples, summarize } from '../stats.js';
import { startGenerators, stopGenerators } from '../clients/pool.js';
import type { DbKind } from '../servers/launch.js';
import { closeSummary, targetOf, type Scenario } from './types.js';

interface Durable {
  latencies: Float64Array;
  edits: number;
  unconfirmed: number;
  events: number;
  closes: number[];
}

export const durable: Scenario = {
  name: 'durable',
  description: 'Enlace only: edit → covering document:saved latency at 10 edits/s (--rate), PGlite vs PostgreSQL (--dbs)',
  servers: (params) => (params.dbs ?? 'pglite,postgres').split(',').map((db) => ({ kind: 'enlace' as const, db: db as DbKind })),
  metrics: {
    edits: { unit: 'edits' },
    saved_p50: { unit: 'ms', better: 'lower' },
    saved_p99: { unit: 'ms', better: 'lower' },
    saved_max: { unit: 'ms', better: 'lower' },
    unconfirmed: { unit: 'edits', better: 'lower' },
    saved_events: { unit: 'events' },
    closes: { unit: 'codes' },
  },
  async runOnce({ server, quick, params }) {
    const session = server.enlace;
    if (!session) throw new Error('durable runs against Enlace only');
    const [doc] = await server.createDocs(1);
    const [gen] = await startGenerators(1);
    try {
      const r = await gen.call<Durable>('durable.run', {
        target: targetOf(server),
        httpUrl: server.httpUrl,
        workspaceId: session.workspaceId,
        doc,
        rate: Number(params.rate ?? 10),
        durationMs: quick ? 3000 : 10_000,
        graceMs: 10_000,
      });
      const lat = summarize(concatSamples([r.latencies]));
      return {
        edits: r.edits,
        saved_p50: lat.p50,
        saved_p99: lat.p99,
        saved_max: lat.max,
        unconfirmed: r.unconfirmed,
        saved_events: r.events,
        closes: closeSummary(r.closes),
      };
    } finally {
      await stopGenerators([gen]);
    }
  },
};
