/**
 * Anyone may leave a working group themselves (DELETE of their own membership): members and observers no longer need a
 * facilitator for it. Their sockets for the group close as on a removal, and the audit trail says they left. Removing
 * someone else still takes a facilitator, and the last facilitator leaves only once another is named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('leaving a working group, on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('lets members and observers leave on their own, and nobody remove another without managing members', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const member = await world.user('Mario Miembro', 'SSPC');
    const obs = await world.user('Olivia Observadora', 'FGR');
    const ws = await world.workspace(fac.api);
    await world.addMember(ws, fac.api, member.id, 'member');
    await world.addMember(ws, fac.api, obs.id, 'observer');

    // A member may not take anyone else out.
    expect((await member.api.delete(`/api/workspaces/${ws}/members/${obs.id}`)).status).toBe(403);
    const events = await connectEvents(server.url, member.api.token!, ws);
    const revoked = recordEvents(events, ['access:revoked']);

    expect((await member.api.delete(`/api/workspaces/${ws}/members/${member.id}`)).status).toBe(204);
    await waitFor(() => revoked.length === 1, 5000, 'access:revoked to the one who left');
    expect(revoked[0].payload.workspaceId).toBe(ws);
    expect((await member.api.get(`/api/workspaces/${ws}`)).status).toBe(404);
    expect((await obs.api.delete(`/api/workspaces/${ws}/members/${obs.id}`)).status).toBe(204);
    expect((await fac.api.get(`/api/workspaces/${ws}`)).body.members.map((m: { userId: string }) => m.userId)).toEqual([fac.id]);

    // The last facilitator names another first.
    const left = await fac.api.delete(`/api/workspaces/${ws}/members/${fac.id}`);
    expect(left.status).toBe(409);
    const audit = (await fac.api.get(`/api/workspaces/${ws}/audit`)).body.events as Array<{ action: string; actorId: string; target: { id: string }; changes: Record<string, unknown> }>;
    const removals = audit.filter((e) => e.action === 'member.removed').map((e) => [e.actorId, e.target.id, e.changes]);
    expect(removals).toEqual(
      expect.arrayContaining([
        [member.id, member.id, { role: 'member', left: true }],
        [obs.id, obs.id, { role: 'observer', left: true }],
      ]),
    );
    expect(removals).toHaveLength(2);
    events.close();
  });
});
