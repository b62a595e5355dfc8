/**
 * Cross-node figures for docs/SCALING.md (standalone: the scenario harness runs one server per run, without Redis).
 *   node --import tsx bench/crossnode.ts [--seconds 15] [--rate 20]
 * Starts a throwaway PostgreSQL and Redis and three Enlace nodes, then measures
 *  1. delivery of an edit to a reader on the writer's node vs on another node (the stream hop after commit);
 *  2. edit → covering `document:saved` with three writers on one node vs one writer on each of three nodes
 *     (several nodes appending to one plan's log: is there contention?);
 *  3. one Redis hop (XADD → blocking XREAD on another connection): what an owner-node design adds per relay;
 *  4. awareness storm (--awareness-clients, default 500, in 10 plans, carets at 1 Hz): every client on one node
 *     vs split over two nodes: caret latency and CPU of all nodes per 1,000 carets (what the pub/sub hop costs).
 */
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import * as Y from 'yjs';
import { createWorld } from '../tests/helpers/api.js';
import { startCluster } from '../tests/helpers/nodes.js';
import { connectEvents, connectYjs, waitSynced, type YClient } from '../tests/helpers/yjsClient.js';
import { startPostgres, startRedis } from '../tests/setup/services.js';
import { startGenerators, stopGenerators } from './clients/pool.js';
import { cpuMeter } from './proc.js';
import { concatSamples, summarize } from './stats.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '15' }, rate: { type: 'string', default: '20' }, 'awareness-clients': { type: 'string', default: '500' } },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (s: { p50: number; p99: number; max: number; count: number }) => `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n=${s.count})`;

/** Wall clock with sub-millisecond resolution, comparable across this process's clients. */
const now = () => performance.timeOrigin + performance.now();

/** Records, for every `s<seq>` key a reader sees arrive, now − the send time written in it. */
function latencyRecorder(client: YClient): number[] {
  const samples: number[] = [];
  client.doc.getMap('bench').observe((event) => {
    const t = now();
    for (const key of event.keysChanged) {
      const sent = client.doc.getMap('bench').get(key);
      if (typeof sent === 'number' && event.transaction.origin !== null) samples.push(t - sent);
    }
  });
  return samples;
}

async function main(): Promise<void> {
  const pg = await startPostgres();
  const redis = await startRedis();
  const cluster = await startCluster(3, { DATABASE_URL: pg.url, REDIS_URL: redis.url });
  const opened: Array<{ destroy(): void } | { close(): void }> = [];
  try {
    const world = await createWorld(cluster.node(0).url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const token = ana.api.token!;

    // 1. Same-node vs cross-node delivery.
    const doc1 = await world.document(ana.api, ws, 'blank');
    const writer = connectYjs(cluster.node(0).wsUrl, doc1, token);
    const same = connectYjs(cluster.node(0).wsUrl, doc1, token);
    const cross = connectYjs(cluster.node(1).wsUrl, doc1, token);
    opened.push(writer, same, cross);
    await Promise.all([writer, same, cross].map((c) => waitSynced(c)));
    const sameSamples = latencyRecorder(same);
    const crossSamples = latencyRecorder(cross);
    for (let i = 0; i < seconds * rate; i++) {
      writer.doc.getMap('bench').set(`s${i}`, now());
      await sleep(1000 / rate);
    }
    await sleep(2000);
    console.log(`1. delivery at ${rate}/s for ${seconds} s`);
    console.log(`   same node : ${fmt(summarize(sameSamples))}`);
    console.log(`   cross node: ${fmt(summarize(crossSamples))}`);

    // 2. Edit → document:saved, three writers on one node vs one on each node.
    for (const layout of [[0, 0, 0], [0, 1, 2]]) {
      const doc = await world.document(ana.api, ws, 'blank');
      const writers = layout.map((i) => connectYjs(cluster.node(i).wsUrl, doc, token));
      opened.push(...writers);
      await Promise.all(writers.map((c) => waitSynced(c)));
      const events = await connectEvents(cluster.node(0).url, token, ws);
      opened.push(events);
      const pending = writers.map(() => new Map<number, number>());
      const saved: number[] = [];
      events.on('document:saved', (p: { documentId: string; stateVector: string }) => {
        if (p.documentId !== doc) return;
        const sv = Y.decodeStateVector(new Uint8Array(Buffer.from(p.stateVector, 'base64')));
        const t = now();
        writers.forEach((w, k) => {
          const stored = sv.get(w.doc.clientID) ?? 0;
          for (const [clock, sent] of pending[k]) if (clock <= stored) (saved.push(t - sent), pending[k].delete(clock));
        });
      });
      for (let i = 0; i < seconds * rate; i++) {
        writers.forEach((w, k) => {
          w.doc.getMap('bench').set(`w${k}-${i}`, now());
          pending[k].set(Y.decodeStateVector(Y.encodeStateVector(w.doc)).get(w.doc.clientID) ?? 0, now());
        });
        await sleep(1000 / rate);
      }
      await sleep(3000);
      const label = layout.every((i) => i === 0) ? 'three writers on one node ' : 'one writer on each of three';
      console.log(`2. edit → saved, ${label}: ${fmt(summarize(saved))}, unconfirmed ${pending.reduce((n, p) => n + p.size, 0)}`);
    }

    // 3. One Redis hop.
    const a = createClient({ url: redis.url });
    const b = createClient({ url: redis.url });
    await Promise.all([a.connect(), b.connect()]);
    const hops: number[] = [];
    let last = '$';
    for (let i = 0; i < 2000; i++) {
      const reading = b.sendCommand(['XREAD', 'BLOCK', '1000', 'STREAMS', 'bench:hop', last]) as Promise<Array<[string, Array<[string, string[]]>]> | null>;
      await sleep(1);
      const sent = now();
      await a.sendCommand(['XADD', 'bench:hop', 'MAXLEN', '~', '1000', '*', 't', String(sent)]);
      const reply = await reading;
      if (reply) {
        hops.push(now() - sent);
        last = reply[0][1][reply[0][1].length - 1][0];
      }
    }
    a.destroy();
    b.destroy();
    console.log(`3. one Redis hop (XADD → blocked XREAD): ${fmt(summarize(hops))}`);

    // 4. Awareness storm, one node vs two.
    const docs = await Promise.all(Array.from({ length: 10 }, () => world.document(ana.api, ws, 'blank')));
    const perGenerator = Math.max(1, Math.round(Number(values['awareness-clients']) / 20)); // per room, per generator
    for (const layout of [[0, 0], [0, 1]]) {
      const gens = await startGenerators(2);
      try {
        await Promise.all(
          gens.map((g, i) => g.call('awareness.connect', { target: { kind: 'enlace', wsUrl: `${cluster.node(layout[i]).wsUrl}/yjs`, token }, docs, perRoom: perGenerator })),
        );
        await sleep(2000);
        const cpu = cpuMeter([0, 1, 2].map((i) => cluster.node(i).child.pid!));
        const parts = await Promise.all(gens.map((g) => g.call<{ sent: number; latencies: Float64Array; closes: number[] }>('awareness.move', { hz: 1, durationMs: seconds * 1000 })));
        const used = cpu.stop();
        const sent = parts.reduce((n, p) => n + p.sent, 0);
        const label = layout[1] === 0 ? 'all on one node   ' : 'half on each of two';
        console.log(`4. awareness, ${gens.length * perGenerator * docs.length} clients ${label}: carets ${fmt(summarize(concatSamples(parts.map((p) => p.latencies))))}; nodes' CPU per 1k carets sent ${((used / Math.max(1, sent)) * 1000).toFixed(0)} ms; sockets closed ${parts.reduce((n, p) => n + p.closes.length, 0)}`);
      } finally {
        await stopGenerators(gens);
      }
      await sleep(2000);
    }
  } finally {
    for (const o of opened) 'close' in o ? o.close() : o.destroy();
    await cluster.stop();
    await redis.dispose();
    await pg.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
