/**
 * 1,000 silent TCP connections and 1,000 WebSocket upgrades without a token against a server process: each is
 * closed within a bound (silence timeout, refusal), the server's memory stays bounded, and it keeps serving.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { tempDir } from '../helpers/server.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process, in bytes (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}

/** Opens `n` TCP connections in batches and tracks when each one closes. */
async function openSockets(port: number, n: number, onOpen: (s: Socket, i: number) => void): Promise<{ sockets: Socket[]; closed: () => number }> {
  let closed = 0;
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, (_, j) => {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => undefined); // a reset by the server is one way of being closed
      s.on('close', () => closed++);
      sockets.push(s);
      return new Promise<void>((resolve) => {
        s.once('connect', () => {
          onOpen(s, i + j);
          resolve();
        });
        s.once('close', () => resolve());
      });
    });
    await Promise.all(batch);
  }
  return { sockets, closed: () => closed };
}

function upgradeRequest(port: number, documentId: string): string {
  const key = Buffer.from(Array.from({ length: 16 }, (_, i) => i)).toString('base64');
  return [`GET /yjs/${documentId} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n');
}

describe('connection floods against a server process', () => {
  let proc: ServerProcess | undefined;
  afterEach(async () => {
    await proc?.kill();
    proc = undefined;
  });

  it('closes 1,000 silent sockets and 1,000 token-less upgrades within bounds, with bounded memory', { timeout: 180_000 }, async () => {
    proc = await startServerProcess({ DATA_DIR: tempDir() });
    const pid = proc.child.pid!;
    const world = await createWorld(proc.url);
    const ana = await world.user('Ana', 'SSPC');
    const wsId = await world.workspace(ana.api);
    const docId = await world.document(ana.api, wsId, 'blank');
    await sleep(500);
    const baseline = rssOf(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 200);

    try {
      // 1,000 connections that never send a byte.
      const silentStart = Date.now();
      const silent = await openSockets(proc.port, 1000, () => undefined);
      // 500 raw upgrades without a token that then never read (nor answer the close handshake)…
      const rawStart = Date.now();
      const raw = await openSockets(proc.port, 500, (s) => {
        s.write(upgradeRequest(proc!.port, docId));
        s.pause();
      });
      // …and 500 stock WebSocket clients without a token.
      const codes: number[] = [];
      const stock = Array.from({ length: 500 }, () => {
        const ws = new WebSocket(`${proc!.wsUrl}/yjs/${docId}`);
        ws.on('error', () => undefined); // an HTTP 503 while too many upgrades are pending is a refusal too
        ws.on('close', (code) => codes.push(code));
        return ws;
      });

      // A paused socket cannot see its end: let the refusal's grace pass, then read what the server left.
      await sleep(Math.max(0, 4000 - (Date.now() - rawStart)));
      raw.sockets.forEach((s) => s.resume());
      await waitFor(() => raw.closed() === 500, 10000, 'raw upgrades closed');
      expect(Date.now() - rawStart).toBeLessThan(20000);
      await waitFor(() => codes.length === 500, 20000, 'stock upgrades closed');
      // Refused with 4401, or turned away (1006 after an HTTP 503) while too many upgrades were pending.
      expect(codes.filter((c) => c !== 4401 && c !== 1006)).toEqual([]);
      expect(codes.filter((c) => c === 4401).length).toBeGreaterThan(0);
      await waitFor(() => silent.closed() === 1000, 30000, 'silent sockets closed');
      expect(Date.now() - silentStart).toBeLessThan(30000);
      stock.forEach((ws) => ws.terminate());
    } finally {
      clearInterval(sampler);
    }
    // Two thousand connections held for seconds cost well under 150 MB.
    expect(peak - baseline, `RSS ${Math.round(baseline / 2 ** 20)} MB, peak ${Math.round(peak / 2 ** 20)} MB`).toBeLessThan(150 * 1024 * 1024);

    // And the server still serves: a member edits and a second client sees it.
    const a = connectYjs(proc.wsUrl, docId, ana.api.token);
    const b = connectYjs(proc.wsUrl, docId, ana.api.token);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    insertActivity(a.doc, { id: 'tras-la-avalancha', title: 'Sigue funcionando' });
    await waitFor(() => readActivities(b.doc).some((x) => x.id === 'tras-la-avalancha'), 5000, 'edit relayed');
    a.destroy();
    b.destroy();
  });
});
