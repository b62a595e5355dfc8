/**
 * A role change takes effect on open plan sockets at once, without a reconnect: a member demoted to observer has
 * their writes dropped (connection and caret kept), and writes again once promoted back. A change that reaches the
 * database without its message (as during a Redis outage) is applied by the access re-check. Observers are never
 * focal points: naming one is refused, and a focal point made an observer stops being one.
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
    return { server, world, ana, beto, workspaceId, documentId };
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

  it('an observer is never a focal point: named one, refused; a focal point made an observer stops being one, and the organization’s refusal says why', async () => {
    const { world, ana, beto, workspaceId } = await scene();
    const members = `/api/workspaces/${workspaceId}/members`;
    const memberOf = async (userId: string) => (await ana.api.get(`/api/workspaces/${workspaceId}`)).body.members.find((m: { userId: string }) => m.userId === userId);

    const carla = await world.user('Carla Ruiz', 'MUN-JUAREZ');
    const refused = await ana.api.put(`${members}/${carla.id}`, { role: 'observer', focalPoint: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.error.details).toEqual([{ path: 'focalPoint', issue: 'observer_focal_point', message: expect.stringContaining('Observers cannot be focal points') }]);
    expect(await memberOf(carla.id)).toBeUndefined();

    expect((await ana.api.put(`${members}/${beto.id}`, { role: 'member', focalPoint: true })).body.member.focalPoint).toBe(true);
    expect((await ana.api.put(`${members}/${beto.id}`, { role: 'observer', focalPoint: true })).status).toBe(400);
    expect(await memberOf(beto.id)).toMatchObject({ role: 'member', focalPoint: true });
    // Made an observer without a word about the flag: the answer says the focal point went.
    const demoted = await ana.api.put(`${members}/${beto.id}`, { role: 'observer' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.member).toMatchObject({ userId: beto.id, role: 'observer', focalPoint: false });
    expect(await memberOf(beto.id)).toMatchObject({ role: 'observer', focalPoint: false });
    const audit = await ana.api.get(`/api/workspaces/${workspaceId}/audit?action=member.updated`);
    expect(audit.body.events.find((e: { target: { id: string } }) => e.target.id === beto.id).changes).toEqual({ role: { from: 'member', to: 'observer' }, focalPoint: { from: true, to: false } });

    // FGR is there only through an observer: it takes no part, and the refusal says so, to its person and to a facilitator.
    const decision = (await ana.api.post(`/api/workspaces/${workspaceId}/decisions`, { title: 'Protocolo de búsqueda' })).body.decision.id;
    const stanceOfFgr = `/api/decisions/${decision}/stances/${beto.organizationId}`;
    const onBehalf = await ana.api.put(stanceOfFgr, { stance: 'agree' });
    expect([onBehalf.status, onBehalf.body.error.message]).toEqual([403, 'That organization takes part in this working group only as an observer; observers do not cast stances']);
    expect((await beto.api.put(stanceOfFgr, { stance: 'agree' })).status).toBe(403);
    // Back to member: no focal point until named again, and a facilitator speaks for FGR meanwhile.
    expect((await ana.api.put(`${members}/${beto.id}`, { role: 'member' })).body.member).toMatchObject({ role: 'member', focalPoint: false });
    const recorded = await ana.api.put(stanceOfFgr, { stance: 'agree' });
    expect(recorded.status).toBe(200);
    expect(recorded.body.stance).toMatchObject({ organizationId: beto.organizationId, onBehalf: true });
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
