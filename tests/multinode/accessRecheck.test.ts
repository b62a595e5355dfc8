/**
 * The access re-check on one node: access changed in the database without the revocation reaching this node
 * (as when it is made on another node while Redis is away) is applied to the node's live sockets, and only that.
 * The re-check runs when the bus recovers, every few seconds while it is degraded, and on a slow interval otherwise.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { memberships, sessions } from '../../db/schema.js';
import { hashToken } from '../../server/auth/tokens.js';
import type { BusCounters } from '../../server/observability/busMetrics.js';
import { AccessRecheck, type AccessRecheckOptions } from '../../server/realtime/accessRecheck.js';
import { Api, createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { metric } from '../helpers/metrics.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const quiet = { warn: () => undefined };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Records a plan socket's close code as it happens (no deadline: the test's waits bound it). */
function closeOf(client: YClient): { code?: number } {
  client.provider.shouldConnect = false; // a revoked client must not reconnect in these tests
  const seen: { code?: number } = {};
  (client.provider.ws as unknown as WebSocket).on('close', (code: number) => (seen.code = code));
  return seen;
}

function recheckOn(server: TestServer, extra: Partial<AccessRecheckOptions> = {}): AccessRecheck {
  const { database, hub, io, presence, bus } = server.services;
  const recheck = new AccessRecheck({ db: database.db, hub, io, presence, bus, log: quiet, ...extra });
  cleanups.push(() => recheck.stop());
  return recheck;
}

/** Ana facilitates two groups; Beto is in the first; Carla is in both. Each has a plan socket and an events socket. */
async function scene(server: TestServer, world: World) {
  const ana = await world.user('Ana', 'SSPC');
  const beto = await world.user('Beto', 'FGR');
  const carla = await world.user('Carla', 'FGE-CHIH');
  const ws1 = await world.workspace(ana.api, 'Mesa de lavado de dinero');
  const ws2 = await world.workspace(ana.api, 'Mesa de trata de personas');
  await world.addMember(ws1, ana.api, beto.id, 'member');
  await world.addMember(ws1, ana.api, carla.id, 'member');
  await world.addMember(ws2, ana.api, carla.id, 'member');
  const doc = await world.document(ana.api, ws1, 'blank');
  const track = (c: YClient) => (cleanups.push(() => c.destroy()), c);
  const carlaPlan = track(connectYjs(server.wsUrl, doc, carla.api.token));
  const betoPlan = track(connectYjs(server.wsUrl, doc, beto.api.token));
  await Promise.all([waitSynced(carlaPlan), waitSynced(betoPlan)]);
  const carlaEvents = await connectEvents(server.url, carla.api.token!, ws1);
  await carlaEvents.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws2 });
  const betoEvents = await connectEvents(server.url, beto.api.token!, ws1);
  cleanups.push(() => carlaEvents.close(), () => betoEvents.close());
  const carlaSeen = recordEvents(carlaEvents, ['access:revoked', 'workspace:updated']);
  const betoSeen = recordEvents(betoEvents, ['access:revoked', 'workspace:updated']);
  return { ana, beto, carla, ws1, ws2, doc, carlaPlan, betoPlan, carlaEvents, carlaSeen, betoSeen, carlaClose: closeOf(carlaPlan), betoClose: closeOf(betoPlan) };
}

/**
 * What the test's re-check revoked plus what the app's own (every 30 s) did: on a slow machine the app's may run
 * between a change and the test's run, and each socket is revoked once, by whichever comes first.
 */
async function revokedBy(server: TestServer, recheck: AccessRecheck): Promise<{ planSocketsClosed: number; eventSocketsRevoked: number }> {
  return {
    planSocketsClosed: recheck.planSocketsClosed + (await metric(server.url, 'enlace_access_recheck_plan_sockets_closed_total')),
    eventSocketsRevoked: recheck.eventSocketsRevoked + (await metric(server.url, 'enlace_access_recheck_event_sockets_revoked_total')),
  };
}

describe.each(BACKENDS)('access re-check on $name', (backend) => {
  it('a removal whose revocation never arrived: plan socket closed 4403, room left with access:revoked, nobody else touched', async () => {
    const server = await startTestServer(await backend.fresh());
    cleanups.push(() => server.close());
    const world = await createWorld(server.url);
    const s = await scene(server, world);
    // The membership goes in the database only, as a removal made on another node during a Redis outage.
    await server.services.database.db.delete(memberships).where(and(eq(memberships.workspaceId, s.ws1), eq(memberships.userId, s.carla.id)));
    const recheck = recheckOn(server);
    await recheck.run();
    expect(await revokedBy(server, recheck)).toEqual({ planSocketsClosed: 1, eventSocketsRevoked: 1 });
    await waitFor(() => s.carlaClose.code !== undefined, 5000, 'Carla’s plan socket closed');
    expect(s.carlaClose.code).toBe(4403);
    await waitFor(() => s.carlaSeen.some((e) => e.event === 'access:revoked'), 5000, 'access:revoked for Carla');
    expect(s.carlaSeen.filter((e) => e.event === 'access:revoked').map((e) => e.payload)).toEqual([{ workspaceId: s.ws1, reason: 'removed from the working group' }]);
    // Carla no longer hears the first group, still hears the second; Beto keeps both his sockets.
    expect((await s.ana.api.patch(`/api/workspaces/${s.ws1}`, { description: 'sin Carla' })).status).toBe(200);
    expect((await s.ana.api.patch(`/api/workspaces/${s.ws2}`, { description: 'con Carla' })).status).toBe(200);
    await waitFor(() => s.betoSeen.some((e) => e.event === 'workspace:updated'), 5000, 'workspace:updated for Beto');
    await waitFor(() => s.carlaSeen.some((e) => e.event === 'workspace:updated'), 5000, 'workspace:updated for Carla');
    await new Promise((r) => setTimeout(r, 300));
    expect(s.carlaSeen.filter((e) => e.event === 'workspace:updated').map((e) => e.payload.workspaceId)).toEqual([s.ws2]);
    expect(s.carlaEvents.connected).toBe(true);
    expect(s.betoSeen.filter((e) => e.event === 'access:revoked')).toEqual([]);
    expect(s.betoClose.code).toBeUndefined();
    expect(s.betoPlan.provider.wsconnected).toBe(true);
    // A second run finds nothing left to revoke.
    expect(await recheck.run()).toEqual({ planSocketsClosed: 0, eventSocketsRevoked: 0 });
    expect(recheck.runs).toBe(2);
    // One node: the bus counters are on /metrics too, at zero.
    expect(await metric(server.url, 'enlace_bus_updates_published_total')).toBe(0);
    expect(await metric(server.url, 'enlace_bus_late_revocations_total')).toBe(0);
  });

  it('a session revoked without its revocation arriving: plan socket closed 4401, events socket told and disconnected', async () => {
    const server = await startTestServer(await backend.fresh());
    cleanups.push(() => server.close());
    const world = await createWorld(server.url);
    const s = await scene(server, world);
    await server.services.database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, hashToken(s.carla.api.token!)));
    const disconnected = new Promise<string>((resolve) => s.carlaEvents.once('disconnect', (reason) => resolve(reason)));
    const recheck = recheckOn(server);
    await recheck.run();
    expect(await revokedBy(server, recheck)).toEqual({ planSocketsClosed: 1, eventSocketsRevoked: 1 });
    await waitFor(() => s.carlaClose.code !== undefined, 5000, 'Carla’s plan socket closed');
    expect(s.carlaClose.code).toBe(4401);
    expect(await disconnected).toBe('io server disconnect');
    // One access:revoked per group the socket joined, each naming it (never a null workspaceId).
    const told = s.carlaSeen.filter((e) => e.event === 'access:revoked').map((e) => e.payload as { workspaceId: string | null });
    expect(told.sort((a, b) => String(a.workspaceId).localeCompare(String(b.workspaceId)))).toEqual(
      [s.ws1, s.ws2].sort().map((workspaceId) => ({ workspaceId, reason: 'session ended', sessionEnded: true })),
    );
    expect(s.betoClose.code).toBeUndefined();
    expect(s.betoSeen.filter((e) => e.event === 'access:revoked')).toEqual([]);
    // Only that session ended.
    expect((await new Api(server.url, s.carla.api.token).get('/api/me')).status).toBe(401);
    expect((await new Api(server.url, s.beto.api.token).get('/api/me')).status).toBe(200);
  });

  it('runs by itself when the bus recovers, while it is degraded, and on its interval', async () => {
    const server = await startTestServer(await backend.fresh());
    cleanups.push(() => server.close());
    const world = await createWorld(server.url);
    const s = await scene(server, world);
    const counters: BusCounters = { updatesPublished: 0, updatesReceived: 0, publishErrors: 0, readErrors: 0, gaps: 0, recoveries: 0, resyncsReceived: 0, controlReplayed: 0, lateRevocations: 0 };
    const bus = { state: 'ready' as 'ready' | 'degraded', counters };
    const hour = 3600_000;
    // Recovery: nothing else is due for an hour.
    const onRecovery = recheckOn(server, { bus, intervalMs: hour, degradedIntervalMs: hour, watchMs: 50 }).start();
    await new Promise((r) => setTimeout(r, 300));
    expect(onRecovery.runs).toBe(0);
    await server.services.database.db.delete(memberships).where(and(eq(memberships.workspaceId, s.ws1), eq(memberships.userId, s.carla.id)));
    counters.recoveries++;
    await waitFor(() => s.carlaClose.code !== undefined, 10000, 'Carla’s plan socket closed after the recovery');
    expect(s.carlaClose.code).toBe(4403);
    expect(onRecovery.runs).toBe(1);
    expect((await revokedBy(server, onRecovery)).planSocketsClosed).toBe(1);
    // Degraded: the short interval applies.
    bus.state = 'degraded';
    const whileDegraded = recheckOn(server, { bus, intervalMs: hour, degradedIntervalMs: 100, watchMs: 50 }).start();
    await waitFor(() => whileDegraded.runs >= 2, 10000, 'runs while degraded');
    // Healthy: the regular interval applies.
    bus.state = 'ready';
    const periodic = recheckOn(server, { bus, intervalMs: 100, degradedIntervalMs: hour, watchMs: 50 }).start();
    await waitFor(() => periodic.runs >= 2, 10000, 'periodic runs');
    expect(s.betoClose.code).toBeUndefined();
    expect(onRecovery.runs).toBe(1);
  });
});
