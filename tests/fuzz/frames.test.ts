import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

/** Seeds that found bugs stay here as regression cases. */
const REGRESSION_SEEDS = [1, 7, 42, 1337, 90210];

function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function validUpdate(): Uint8Array {
  const d = new Y.Doc();
  insertActivity(d, { id: 'fuzz', title: 'fuzz' });
  d.getXmlFragment('body').insert(0, [new Y.XmlText('hola')]);
  return Y.encodeStateAsUpdate(d);
}

/** One hostile frame: random bytes, valid prefixes with wrong varints, truncated or bit-flipped updates, random awareness JSON. */
function hostileFrame(rnd: () => number): Uint8Array {
  const kind = Math.floor(rnd() * 7);
  const e = encoding.createEncoder();
  const base = validUpdate();
  switch (kind) {
    case 0:
      return Uint8Array.from({ length: 1 + Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256));
    case 1: // sync update, truncated
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, base.slice(0, Math.floor(rnd() * base.length)));
      return encoding.toUint8Array(e);
    case 2: {
      // sync update with flipped bytes
      const u = base.slice();
      for (let i = 0; i < 3; i++) u[Math.floor(rnd() * u.length)] ^= 1 << Math.floor(rnd() * 8);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, Math.floor(rnd() * 3));
      encoding.writeVarUint8Array(e, u);
      return encoding.toUint8Array(e);
    }
    case 3: // length prefix that lies
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint(e, Math.floor(rnd() * 2 ** 31));
      encoding.writeUint8Array(e, base.slice(0, 5));
      return encoding.toUint8Array(e);
    case 4: {
      // awareness with random JSON-ish strings
      const inner = encoding.createEncoder();
      const n = 1 + Math.floor(rnd() * 3);
      encoding.writeVarUint(inner, n);
      for (let i = 0; i < n; i++) {
        encoding.writeVarUint(inner, Math.floor(rnd() * 1e6));
        encoding.writeVarUint(inner, Math.floor(rnd() * 10));
        const s = rnd() < 0.5 ? JSON.stringify({ user: { name: 'x'.repeat(Math.floor(rnd() * 50)) } }) : String.fromCharCode(...Array.from({ length: 10 }, () => 32 + Math.floor(rnd() * 90)));
        encoding.writeVarString(inner, s);
      }
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      return encoding.toUint8Array(e);
    }
    case 5: // unknown message types
      encoding.writeVarUint(e, 4 + Math.floor(rnd() * 100));
      encoding.writeVarUint8Array(e, base);
      return encoding.toUint8Array(e);
    default: // sync step 1 with garbage state vector
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Uint8Array.from({ length: 8 }, () => Math.floor(rnd() * 256)));
      return encoding.toUint8Array(e);
  }
}

describe('fuzzed y-websocket frames', () => {
  let server: TestServer;
  let api: Api;
  let docA: string;
  let docB: string;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    api = ana.api;
    token = ana.api.token!;
    const ws = await world.workspace(ana.api);
    docA = await world.document(ana.api, ws, 'blank');
    docB = await world.document(ana.api, ws, 'blank');
  });
  afterAll(() => server.close());

  it.each(REGRESSION_SEEDS)('seed %i: no crash, no corruption, other documents intact', async (seed) => {
    const keeper = connectYjs(server.wsUrl, docB, token);
    await waitSynced(keeper);
    insertActivity(keeper.doc, { id: `keep-${seed}`, title: 'Intacta' });
    const rnd = prng(seed);
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const ws = new WebSocket(`${server.wsUrl}/yjs/${docA}?token=${token}`);
      await new Promise<void>((resolve) => ws.once('open', () => resolve()));
      const frames = 1 + Math.floor(rnd() * 3);
      for (let f = 0; f < frames; f++) ws.send(hostileFrame(rnd));
      const code = await new Promise<number>((resolve) => {
        const t = setTimeout(() => {
          ws.close();
          resolve(0);
        }, 300);
        ws.once('close', (c) => {
          clearTimeout(t);
          resolve(c);
        });
      });
      codes.push(code);
    }
    // Every hostile connection either closed with 4400 or (for frames that happen to be valid) stayed open.
    expect(codes.every((c) => c === 4400 || c === 0 || c === 1005 || c === 1000)).toBe(true);
    expect(codes.filter((c) => c === 4400).length).toBeGreaterThan(10);
    const health = await api.get('/api/health');
    expect(health.status).toBe(200);
    const check = connectYjs(server.wsUrl, docB, token);
    await waitSynced(check);
    await waitFor(() => readActivities(check.doc).some((a) => a.id === `keep-${seed}`), 5000, 'other document intact');
    const a = connectYjs(server.wsUrl, docA, token);
    await waitSynced(a);
    // whatever landed in doc A is a consistent Yjs document that still syncs
    insertActivity(a.doc, { id: `after-${seed}`, title: 'sigue funcionando' });
    const a2 = connectYjs(server.wsUrl, docA, token);
    await waitSynced(a2);
    await waitFor(() => readActivities(a2.doc).some((x) => x.id === `after-${seed}`), 5000, 'doc A still syncs');
    [keeper, check, a, a2].forEach((c) => c.destroy());
    expect(process.memoryUsage().rss).toBeLessThan(2 * 1024 ** 3);
  });
});
