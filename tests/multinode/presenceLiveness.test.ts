/** The shared presence store's view of which nodes are alive, driven look by look against the run's Redis. */
import { createClient } from 'redis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { PresenceEntry } from '../../server/realtime/presenceStore.js';
import { RedisPresenceStore } from '../../server/realtime/redisPresenceStore.js';
import type { RedisClient } from '../../server/sync/redisClients.js';
import { uniquePrefix } from '../helpers/redis.js';

const quiet = { warn: () => undefined, error: () => undefined };
const clients: RedisClient[] = [];

function entry(userId: string): PresenceEntry {
  return { userId, name: userId, organizationId: 'org', documentId: null, section: null, state: 'active' };
}

async function store(prefix: string, nodeId: string): Promise<RedisPresenceStore> {
  const client: RedisClient = createClient({ url: inject('redisUrl') });
  await client.connect();
  clients.push(client);
  return new RedisPresenceStore(client, { prefix, nodeId, ttlMs: 60_000, heartbeatMs: 20_000, isReady: () => client.isReady, log: quiet });
}

/** What the socket server would send this node's sockets on each announcement, as user ids. */
function recordAnnouncements(s: RedisPresenceStore): string[][] {
  const lists: string[][] = [];
  s.announce = async (workspaceId) => {
    const online = await s.list(workspaceId);
    lists.push(online.map((e) => e.userId).sort());
    s.sent?.(workspaceId, online);
  };
  return lists;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.quit()));
});

describe('presence and node liveness', () => {
  it('a node that wrote after the last look and died before the next one: its people leave at that next look', async () => {
    const prefix = uniquePrefix('liveness');
    const here = await store(prefix, 'here');
    const announced = recordAnnouncements(here);
    here.setAliveNodes(new Set(['here']), Date.now());
    await here.set('w1', 's1', entry('beto'));
    // A node that started after that look writes Dora's field: counted, as a node too new to have been seen.
    const brief = await store(prefix, 'brief');
    await brief.set('w1', 's2', entry('dora'));
    await here.announce!('w1');
    expect(announced.at(-1)).toEqual(['beto', 'dora']);
    // It dies before the next look, so that look finds the same alive set as the last one: Dora must still go.
    await new Promise((r) => setTimeout(r, 5));
    here.setAliveNodes(new Set(['here']), Date.now());
    await expect.poll(() => announced.at(-1), { timeout: 3000 }).toEqual(['beto']);
    expect((await here.list('w1')).map((e) => e.userId)).toEqual(['beto']);
  });

  it('a node restarted right after a crash leaves the crashed node’s people out from its first look', async () => {
    const prefix = uniquePrefix('restart');
    const crashed = await store(prefix, 'crashed');
    await crashed.set('w1', 's1', entry('ana'));
    const live = await store(prefix, 'live');
    await live.set('w1', 's2', entry('beto'));
    await new Promise((r) => setTimeout(r, 5));
    const fresh = await store(prefix, 'fresh');
    fresh.setAliveNodes(new Set(['fresh', 'live']), Date.now());
    expect((await fresh.list('w1')).map((e) => e.userId)).toEqual(['beto']);
  });
});
