/**
 * A role change takes effect on open plan sockets at once, without a reconnect: a member demoted to observer has
 * their writes dropped (connection and caret kept), and writes again once promoted back. A change that reaches the
 * database without its message (as during a Redis outage) is applied by the access re-check.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { memberships } from '../../db/schema.js';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { AccessRecheck } from '../../server/realtime/accessRecheck.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { metric } from '../helpers/metrics.js';
import { demoteAndPromote } from '../helpers/roleChange.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(BACKENDS)('role changes on open plan sockets on $name', (backend) => {
  async function scene() {
    const server = await startTestServer(await backend.fresh());
    cleanups.push(() => server.close());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const workspaceId = await world.workspace(ana.api, 'Mesa de trata de personas');
    await world.addMember(workspaceId, ana.api, beto.id, 'member');
    const documentId = await world.document(ana.api, workspaceId, 'blank');
    return { server, ana, beto, workspaceId, documentId };
  }

  it('demoted to observer: the next edit is neither stored nor delivered, the facilitator’s still is; promoted back: stored again; never reconnected', async () => {
    const { server, ana, beto, workspaceId, documentId } = await scene();
    const node = { url: server.url, wsUrl: server.wsUrl };
    await demoteAndPromote({
      facilitator: ana.api,
      workspaceId,
      documentId,
      member: { id: beto.id, token: beto.api.token!, node },
      facilitatorSockets: { token: ana.api.token!, node },
    });
  });

  it('a role changed in the database only (its message lost in an outage): the access re-check switches the socket, counted on /metrics', async () => {
    const { server, ana, beto, workspaceId, documentId } = await scene();
    const track = (c: YClient) => (cleanups.push(() => c.destroy()), c);
    const anaPlan = track(connectYjs(server.wsUrl, documentId, ana.api.token));
    const betoPlan = track(connectYjs(server.wsUrl, documentId, beto.api.token));
    await Promise.all([waitSynced(anaPlan), waitSynced(betoPlan)]);
    const { database, hub, io, presence, bus } = server.services;
    const recheck = new AccessRecheck({ db: database.db, hub, io, presence, bus, log: { warn: () => undefined } });
    cleanups.push(() => recheck.stop());
    // The app's own re-check (every 30 s) may get there first on a slow machine: each switch happens once, by either.
    const switched = async () => recheck.planPermissionsChanged + (await metric(server.url, 'enlace_access_recheck_plan_permissions_changed_total'));
    const setRoleInDatabase = (role: string) =>
      database.db.update(memberships).set({ role }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, beto.id)));
    const ids = (c: YClient) => readActivities(c.doc).map((a) => a.id);

    await setRoleInDatabase('observer');
    await recheck.run();
    expect(await switched()).toBe(1);
    insertActivity(betoPlan.doc, { id: 'dropped', title: 'No debe guardarse' });
    betoPlan.provider.awareness.setLocalStateField('marker', 'after-edit');
    await waitFor(() => [...anaPlan.provider.awareness.getStates().values()].some((st) => st.marker === 'after-edit'), 10_000, 'the observer’s caret');
    insertActivity(anaPlan.doc, { id: 'by-facilitator', title: 'Mesa regional' });
    await waitFor(() => ids(betoPlan).includes('by-facilitator'), 10_000, 'the facilitator’s edit reaches the observer');
    expect(ids(anaPlan)).not.toContain('dropped');
    // A second run finds nothing to switch.
    await recheck.run();
    expect(await switched()).toBe(1);

    await setRoleInDatabase('member');
    await recheck.run();
    expect(await switched()).toBe(2);
    await waitFor(() => ids(anaPlan).includes('dropped'), 10_000, 'the promoted member’s copy merged');
    insertActivity(betoPlan.doc, { id: 'writable-again', title: 'Protocolo' });
    await waitFor(() => ids(anaPlan).includes('writable-again'), 10_000, 'the promoted member’s edit');
    expect(betoPlan.provider.wsconnected).toBe(true);
  });
});
