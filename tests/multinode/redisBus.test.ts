/** The Redis cluster bus in-process: two "nodes" (bus instances) on the run's shared Redis, each under its own prefix. */
import { afterEach, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { PresenceEntry } from '../../server/realtime/presenceStore.js';
import type { ControlMessage } from '../../server/sync/clusterBus.js';
import type { NodeBus } from '../../server/sync/createClusterBus.js';
import { RedisBus, type RedisBusOptions } from '../../server/sync/redisBus.js';
import { uniquePrefix } from '../helpers/redis.js';
import { waitFor } from '../helpers/yjsClient.js';

const quiet = { warn: () => undefined, error: () => undefined };
const buses: NodeBus[] = [];

async function node(prefix: string, extra: Partial<RedisBusOptions> = {}): Promise<NodeBus> {
  const bus = await RedisBus.connect(inject('redisUrl'), { nodeId: `node-${buses.length}`, log: quiet, prefix, ...extra });
  buses.push(bus);
  return bus;
}

function entry(userId: string): PresenceEntry {
  return { userId, name: userId, organizationId: 'org', documentId: null, section: null, state: 'active' };
}

afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
});

describe('Redis cluster bus', () => {
  it('delivers durable updates published after subscribe to other nodes, never back to the publisher', async () => {
    const prefix = uniquePrefix('bus');
    const [a, b] = [await node(prefix), await node(prefix)];
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const seenByA: Uint8Array[] = [];
    await a.subscribeDocument('d1', { onUpdate: (u) => seenByA.push(u), onAwareness: () => undefined, onAwarenessQuery: () => undefined, onGap: () => undefined });
    await b.subscribeDocument('d1', { onUpdate: (u) => Y.applyUpdate(docB, u), onAwareness: () => undefined, onAwarenessQuery: () => undefined, onGap: () => undefined });
    const updates: Uint8Array[] = [];
    docA.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 20; i++) docA.getMap('m').set(`k${i}`, i);
    a.publishUpdates('d1', updates.slice(0, 10));
    a.publishUpdates('d1', updates.slice(10));
    await waitFor(() => docB.getMap('m').size === 20, 5000, 'updates on the other node');
    expect(docB.getMap('m').toJSON()).toEqual(docA.getMap('m').toJSON());
    expect(seenByA).toEqual([]);
  });

  it('a reader that falls behind the trimmed window is told about the gap', async () => {
    const prefix = uniquePrefix('gap');
    const a = await node(prefix, { streamMaxLen: 10 });
    const b = await node(prefix, { streamMaxLen: 10 });
    const source = new Y.Doc();
    const received = new Y.Doc();
    let gaps = 0;
    await b.subscribeDocument('d2', { onUpdate: (u) => Y.applyUpdate(received, u), onAwareness: () => undefined, onAwarenessQuery: () => undefined, onGap: () => gaps++ });
    // Publish far more than the window in one burst; every update either arrives or is covered by a gap report.
    for (let i = 0; i < 3000; i++) {
      const before = Y.encodeStateVector(source);
      source.getMap('m').set(`k${i}`, i);
      a.publishUpdates('d2', [Y.encodeStateAsUpdate(source, before)]);
    }
    await waitFor(() => received.getMap('m').size === 3000 || gaps > 0, 10000, 'all updates or a gap');
    if (gaps === 0) expect(received.getMap('m').size).toBe(3000);
    else expect(gaps).toBeGreaterThan(0);
  });

  it('awareness crosses nodes on the document channel', async () => {
    const prefix = uniquePrefix('aw');
    const [a, b] = [await node(prefix), await node(prefix)];
    const got: Array<{ update: Uint8Array; from: { node: string; userId: string } }> = [];
    const atA: Uint8Array[] = [];
    let queriesAtA = 0;
    let queriesAtB = 0;
    await a.subscribeDocument('d3', { onUpdate: () => undefined, onAwareness: (u) => atA.push(u), onAwarenessQuery: () => queriesAtA++, onGap: () => undefined });
    await b.subscribeDocument('d3', { onUpdate: () => undefined, onAwareness: (update, from) => got.push({ update, from }), onAwarenessQuery: () => queriesAtB++, onGap: () => undefined });
    // A node that just loaded the plan asks the others for their states; the asker does not hear its own question.
    b.queryAwareness('d3');
    await waitFor(() => queriesAtA === 1, 5000, 'the awareness query');
    a.publishAwareness('d3', new Uint8Array([1, 0, 3]), 'usr_ana');
    a.publishAwareness('d3', new Uint8Array([4]), '');
    await waitFor(() => got.length === 2, 5000, 'awareness');
    expect(queriesAtB).toBe(0);
    // Each names whose connection made it (the receiving node keeps others from taking those ids over).
    expect([...got[0].update]).toEqual([1, 0, 3]);
    expect(got[0].from.userId).toBe('usr_ana');
    expect([...got[1].update]).toEqual([4]);
    expect(got[1].from.userId).toBe('');
    expect(got[0].from.node).toBe(got[1].from.node);
    expect(atA).toEqual([]); // never back to the sender
  });

  it('control messages reach every node, the sender included, once each', async () => {
    const prefix = uniquePrefix('ctl');
    const [a, b] = [await node(prefix), await node(prefix)];
    const atA: ControlMessage[] = [];
    const atB: ControlMessage[] = [];
    a.onControl((m) => atA.push(m));
    b.onControl((m) => atB.push(m));
    const revoke: ControlMessage = { type: 'revoke', userId: 'u1', workspaceId: 'w1', reason: 'removed' };
    a.publishControl(revoke);
    expect(atA).toEqual([revoke]);
    await waitFor(() => atB.length === 1, 5000, 'control on the other node');
    expect(atB).toEqual([revoke]);
    await new Promise((r) => setTimeout(r, 100));
    expect(atA).toHaveLength(1);
  });

  it('presence is shared, merged per user, and a silent node’s entries expire with the TTL', async () => {
    const prefix = uniquePrefix('pres');
    const fast = { presenceTtlMs: 600, presenceHeartbeatMs: 150 };
    const a = await node(prefix, fast);
    const b = await node(prefix, fast);
    const pa = a.presenceStore!();
    const pb = b.presenceStore!();
    await pa.set('w1', 's1', entry('ana'));
    await pb.set('w1', 's2', entry('beto'));
    await pb.set('w1', 's3', { ...entry('beto'), documentId: 'd1' });
    const ids = (await pa.list('w1')).map((e) => e.userId).sort();
    expect(ids).toEqual(['ana', 'beto']);
    expect((await pa.list('w1')).find((e) => e.userId === 'beto')?.documentId).toBe('d1');
    expect(pa.degraded).toBe(false);
    // The heartbeat keeps entries alive past the TTL…
    await new Promise((r) => setTimeout(r, 1000));
    expect((await pb.list('w1')).map((e) => e.userId).sort()).toEqual(['ana', 'beto']);
    // …and a node that stops heartbeating (crashed) drops out within it.
    await a.close();
    buses.splice(buses.indexOf(a), 1);
    await waitFor(async () => (await pb.list('w1')).every((e) => e.userId !== 'ana'), 3000, 'expiry');
    expect((await pb.list('w1')).map((e) => e.userId)).toEqual(['beto']);
    await pb.remove('w1', 's2');
    await pb.remove('w1', 's3');
    expect(await pb.list('w1')).toEqual([]);
  });

  it('a node started right after another crashed does not show the crashed node’s people, and shows a live node’s', async () => {
    const prefix = uniquePrefix('ghost');
    // A TTL far longer than the test: only knowing which nodes are alive can leave the crashed node's entry out.
    const slow = { presenceTtlMs: 60_000, presenceHeartbeatMs: 20_000 };
    const a = await node(prefix, slow);
    const b = await node(prefix, slow);
    await a.presenceStore!().set('w1', 's1', entry('ana'));
    await b.presenceStore!().set('w1', 's2', entry('beto'));
    // Killed: its connections drop without a goodbye, its field stays in Redis.
    await a.close();
    buses.splice(buses.indexOf(a), 1);
    const c = await node(prefix, slow);
    expect((await c.presenceStore!().list('w1')).map((e) => e.userId)).toEqual(['beto']);
    // A node that starts after this one is seen at once too, before the next look at which nodes are alive.
    const d = await node(prefix, slow);
    await d.presenceStore!().set('w1', 's3', entry('dora'));
    expect((await c.presenceStore!().list('w1')).map((e) => e.userId).sort()).toEqual(['beto', 'dora']);
  });
});
