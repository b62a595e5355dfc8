/** Fanout: one writer sets `bench[seq] = sendTime` at a fixed rate; many readers record delivery latency. */
import type * as Y from 'yjs';
import { connectClient, connectMany, type BenchClient, type Target } from './connect.js';
import { benchMap, now, sleep, waitUntil, type Handler } from './common.js';

interface Reader {
  client: BenchClient;
  seen: Set<string>;
}

let readers: Reader[] = [];
let latencies: number[] = [];
let writer: BenchClient | null = null;

function watch(client: BenchClient): Reader {
  const reader: Reader = { client, seen: new Set() };
  const map = benchMap(client.doc);
  map.observe((event: Y.YMapEvent<unknown>) => {
    const at = now();
    for (const key of event.keysChanged) {
      if (!key.startsWith('s') || reader.seen.has(key)) continue;
      const sentAt = map.get(key);
      if (typeof sentAt !== 'number') continue;
      reader.seen.add(key);
      latencies.push(at - sentAt);
    }
  });
  return reader;
}

/**
 * Connects `count` readers and waits until they are synced. Without presence by default; with `awareness`, each keeps
 * the empty presence a stock provider starts with, renewed every 15 s (and echoes what it receives, as y-websocket does).
 */
const connectReaders = async (args: { target: Target; doc: string; count: number; awareness?: boolean }): Promise<number> => {
  const clients = await connectMany(args.target, Array(args.count).fill(args.doc), { awareness: args.awareness === true });
  readers = clients.map(watch);
  latencies = [];
  return readers.length;
};

/** Waits until every reader saw `expected` updates (or `graceMs` passes); hands back latencies and misses. */
const collect = async (args: { expected: number; graceMs: number }) => {
  await waitUntil(() => readers.every((r) => r.seen.size >= args.expected), args.graceMs, 50);
  const received = readers.reduce((n, r) => n + r.seen.size, 0);
  return {
    latencies: Float64Array.from(latencies),
    received,
    missed: readers.length * args.expected - received,
    closes: readers.flatMap((r) => r.client.closeCodes),
  };
};

/** Connects the writer (no presence, unless `awareness`). */
const connectWriter = async (args: { target: Target; doc: string; awareness?: boolean }): Promise<void> => {
  writer = connectClient(args.target, args.doc, { awareness: args.awareness === true });
  await writer.synced;
};

/** Writes `rate` updates per second for `durationMs`, each `bench["s<seq>"] = send time`. */
const write = async (args: { rate: number; durationMs: number }) => {
  const w = writer;
  if (!w) throw new Error('writer not connected');
  const map = benchMap(w.doc);
  const total = Math.round((args.rate * args.durationMs) / 1000);
  const start = now();
  for (let seq = 0; seq < total; seq++) {
    const due = start + (seq * 1000) / args.rate;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    map.set(`s${seq}`, now());
  }
  return { sent: total, closes: w.closeCodes };
};

export const fanoutHandlers: Record<string, Handler> = {
  'fanout.connectReaders': connectReaders,
  'fanout.collect': collect,
  'fanout.connectWriter': connectWriter,
  'fanout.write': write,
};
