/**
 * Where Enlace's memory goes in the rooms scenario: RSS and V8 heap spaces (used/resident) when idle, after
 * 2,000 clients connect to 400 plans, and every 2 s while they ping. Run: `node --import tsx bench/roomsMemory.ts`
 * (BENCH_ENLACE_FLAGS to try other Node flags; the peers are not run).
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGenerators, stopGenerators, split } from './clients/pool.js';
import { memoryMiB } from './proc.js';
import { stopDatabase } from './servers/database.js';
import { startServer } from './servers/launch.js';
import { targetOf } from './scenarios/types.js';

const preload = join(dirname(fileURLToPath(import.meta.url)), 'heapStatsOnSignal.mjs');
process.env.BENCH_NODE_ARGS = `--import ${preload} ${process.env.BENCH_NODE_ARGS ?? ''}`;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const server = await startServer({ kind: 'enlace', db: 'postgres' });
const report = async (label: string): Promise<void> => {
  process.kill(server.pid, 'SIGWINCH');
  await wait(300);
  const lines = readFileSync(server.logPath, 'utf8').split('\n').filter((l) => l.startsWith('HEAPSTAT'));
  console.log(`${label.padEnd(14)} RSS ${memoryMiB(server.pid).rss.toFixed(0)} MiB  ${lines.at(-1)?.slice('HEAPSTAT '.length) ?? ''}`);
};
const docs = await server.createDocs(400);
await wait(2000);
await report('idle');
const gens = await startGenerators(4);
try {
  const target = targetOf(server);
  let offset = 0;
  await Promise.all(split(400, 4).map((count, i) => gens[i].call('rooms.connect', { target, docs: docs.slice(offset, (offset += count)), perRoom: 5 })));
  await report('connected');
  await wait(3000);
  await report('connected +3s');
  const pinging = Promise.all(gens.map((g) => g.call('rooms.ping', { durationMs: 10_000, intervalMs: 1000 })));
  for (let i = 1; i <= 5; i++) {
    await wait(2000);
    await report(`pinging ${i * 2}s`);
  }
  await pinging;
} finally {
  await stopGenerators(gens);
  await server.stop();
  await stopDatabase();
}
process.exit(0);
