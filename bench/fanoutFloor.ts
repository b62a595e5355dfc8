/**
 * The floor of the fanout scenario on this machine: a bare `ws` server with 200 readers on loopback sends 200
 * messages at 20/s and nothing else (no Yjs, no storage). Mode `send` uses `ws.send` per reader (what the peers
 * do); mode `framed` writes one pre-framed buffer per reader (what Enlace does). Alternating runs, medians of
 * process CPU per 1,000 deliveries. Usage: `node --import tsx bench/fanoutFloor.ts [rounds=6]`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { frameBinary, rawSocketOf } from '../server/sync/framing.js';

const READERS = 200;
const MESSAGES = 200;

async function readers(url: string, n: number): Promise<void> {
  let open = 0;
  let got = 0;
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(url);
    ws.on('open', () => ++open === n && process.send?.('open'));
    ws.on('message', () => got++);
  }
  process.on('message', () => process.send?.(got));
}

async function once(mode: 'send' | 'framed'): Promise<{ perK: number; received: number }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const { port } = wss.address() as { port: number };
  const child = fork(fileURLToPath(import.meta.url), ['readers', `ws://127.0.0.1:${port}`, String(READERS)], { execArgv: ['--import', 'tsx'] });
  await new Promise((r) => child.once('message', r));
  await new Promise((r) => setTimeout(r, 1000));
  const sockets = [...wss.clients];
  const raws = sockets.map((s) => rawSocketOf(s));
  const start = process.cpuUsage();
  for (let seq = 0; seq < MESSAGES; seq++) {
    const message = new Uint8Array(40).fill(seq & 255);
    if (mode === 'framed') {
      const frame = frameBinary(message);
      raws.forEach((raw, i) => (raw ? raw.write(frame) : sockets[i].send(message)));
    } else {
      for (const s of sockets) s.send(message, { binary: true });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const used = process.cpuUsage(start);
  child.send('count');
  const received = await new Promise<number>((r) => child.once('message', (m) => r(Number(m))));
  child.kill();
  wss.close();
  return { perK: ((used.user + used.system) / 1000 / (READERS * MESSAGES)) * 1000, received };
}

if (process.argv[2] === 'readers') {
  await readers(process.argv[3], Number(process.argv[4]));
} else {
  const rounds = Number(process.argv[2] ?? 6);
  const results: Record<'send' | 'framed', number[]> = { send: [], framed: [] };
  for (let i = 0; i < rounds; i++) {
    for (const mode of ['send', 'framed'] as const) {
      const r = await once(mode);
      if (r.received !== READERS * MESSAGES) throw new Error(`${mode}: ${r.received} of ${READERS * MESSAGES} delivered`);
      results[mode].push(r.perK);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const mode of ['send', 'framed'] as const) {
    console.log(`${mode.padEnd(6)} CPU per 1k deliveries: median ${median(results[mode]).toFixed(2)} ms (runs: ${results[mode].map((x) => x.toFixed(1)).join(', ')})`);
  }
  process.exit(0);
}
