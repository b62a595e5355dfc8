/**
 * Instance admin rights after an account exists: an admin gives them (`PATCH /api/users/:id {isAdmin}`), and takes
 * them away, never their own (the instance always keeps an administrator: the one asking). Each change is audited,
 * and applies at the person's next request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.each(BACKENDS)('instance admin rights, on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('an admin gives and takes away admin rights, never their own; others may do neither', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const beto = await world.user('Beto Ruiz', 'FGR');
    const carla = await world.user('Carla Núñez', 'SSPC');
    const newOrg = (api: typeof beto.api, acronym: string) => api.post('/api/organizations', { name: `Institución ${acronym}`, acronym, level: 'state', stateCode: '08' });

    expect((await newOrg(beto.api, 'ORG-A')).status).toBe(403);
    // Someone without the rights may not give them, to themselves or anyone.
    expect((await beto.api.patch(`/api/users/${beto.id}`, { isAdmin: true })).status).toBe(403);
    expect((await beto.api.patch(`/api/users/${carla.id}`, { isAdmin: true })).status).toBe(403);

    const granted = await world.admin.patch(`/api/users/${beto.id}`, { isAdmin: true });
    expect(granted.status).toBe(200);
    expect(granted.body.user.isAdmin).toBe(true);
    expect((await newOrg(beto.api, 'ORG-B')).status).toBe(201);

    // Beto, now an admin, may not take his own away; the first admin may.
    const own = await beto.api.patch(`/api/users/${beto.id}`, { isAdmin: false });
    expect(own.status).toBe(409);
    expect(own.body.error.reason).toBe('own_account');
    expect((await world.admin.patch(`/api/users/${beto.id}`, { isAdmin: false })).body.user.isAdmin).toBe(false);
    expect((await newOrg(beto.api, 'ORG-C')).status).toBe(403);

    const audit = (await world.admin.get('/api/audit')).body.events as Array<{ action: string; target: { id: string }; changes: Record<string, unknown> }>;
    expect(audit.filter((e) => e.action === 'user.updated' && e.target.id === beto.id).map((e) => e.changes.isAdmin)).toEqual(
      expect.arrayContaining([{ from: false, to: true }, { from: true, to: false }]),
    );
  });
});
