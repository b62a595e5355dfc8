/**
 * Instance admins deactivate the account of someone who left: every session of theirs ends at once (sockets closed,
 * tokens refused), they cannot sign in again (told so only after the right password), and reactivation lets them back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createWorld, PASSWORD, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { closeLive, openLiveSession } from '../helpers/liveSession.js';
import { runDigestNow } from '../../server/notifications/digest.js';
import type { MailMessage } from '../../server/notifications/mailSender.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('deactivating accounts on $name', (backend) => {
  let server: TestServer;
  let world: World;
  let workspaceId: string;
  let documentId: string;
  let owner: Api;

  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
    const facilitator = await world.user('Fabiola Facilitadora', 'SSPC');
    owner = facilitator.api;
    workspaceId = await world.workspace(owner, 'Mesa de cuentas');
    documentId = await world.document(owner, workspaceId);
  });
  afterAll(async () => {
    await server?.close();
  });

  const signIn = (email: string, password = PASSWORD) => new Api(server.url).post('/api/auth/login', { email, password });

  it('ends every session at once, refuses sign-in, and reactivation lets the person back in', async () => {
    const rita = await world.user('Rita Retirada', 'FGR');
    await world.addMember(workspaceId, owner, rita.id, 'member');
    const live = await openLiveSession(server, rita.api.token!, workspaceId, documentId);

    const off = await world.admin.request('PATCH', `/api/users/${rita.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ user: { id: rita.id, email: rita.email }, active: false });
    expect(await live.planClosed).toBe(4401);
    await waitFor(() => live.disconnected(), 1000, 'the Socket.IO connection closes');
    expect((await rita.api.get('/api/me')).status).toBe(401);
    closeLive(live);

    // The right password is told the account is off; a wrong one hears what any wrong password hears.
    const refused = await signIn(rita.email);
    expect([refused.status, refused.body.error.code, refused.body.error.reason]).toEqual([403, 'forbidden', 'account_deactivated']);
    expect(refused.body.error.message).toMatch(/deactivated/);
    const wrong = await signIn(rita.email, 'no-es-su-contraseña');
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);

    const directory = (await world.admin.get('/api/users')).body.users as Array<{ id: string; active?: boolean }>;
    expect(directory.find((u) => u.id === rita.id)?.active).toBe(false);
    expect(directory.find((u) => u.id === world.adminUser.id)?.active).toBe(true);
    // Colleagues learn only that she left (no email, no admin flag), so nobody adds or mentions her.
    expect((await owner.get('/api/users')).body.users.find((u: { id: string }) => u.id === rita.id)).toEqual({ id: rita.id, name: 'Rita Retirada', organizationId: expect.any(String), active: false });
    expect((await owner.get('/api/users')).body.users.find((u: { id: string }) => u.id === world.adminUser.id)).toEqual({ id: world.adminUser.id, name: expect.any(String), organizationId: expect.any(String) });

    const on = await world.admin.request('PATCH', `/api/users/${rita.id}`, { active: true });
    expect(on.body).toMatchObject({ active: true });
    const back = await signIn(rita.email);
    expect(back.status).toBe(200);
    // Still in her group: deactivation ends access, not membership.
    expect((await new Api(server.url, back.body.token).get(`/api/workspaces/${workspaceId}`)).status).toBe(200);

    const trail = (await world.admin.get('/api/audit?action=user&limit=100')).body.events as Array<{ action: string; target: { id: string }; changes: Record<string, unknown> }>;
    expect(trail.filter((e) => e.target.id === rita.id && e.action === 'user.deactivated')).toEqual([expect.objectContaining({ changes: { sessionsRevoked: 1 } })]);
    expect(trail.filter((e) => e.target.id === rita.id && e.action === 'user.reactivated')).toHaveLength(1);
  });

  it('someone who left is marked in the group, cannot be added anywhere, and gets no more mail; a member already there can still be demoted', async () => {
    const otherGroup = await world.workspace(owner, 'Mesa sin Dora');
    const dora = await world.user('Dora Despedida', 'FGR');
    const paco = await world.user('Paco Presente', 'FGR');
    await world.addMember(workspaceId, owner, dora.id, 'facilitator');
    await world.addMember(workspaceId, owner, paco.id, 'member');
    // Both are mentioned while Dora still works here; the digest has not run yet.
    for (const who of [dora, paco]) expect((await owner.post(`/api/documents/${documentId}/comments`, { body: `Revisar @{${who.id}}` })).status).toBe(201);
    expect((await world.admin.request('PATCH', `/api/users/${dora.id}`, { active: false })).status).toBe(200);

    const members = (await owner.get(`/api/workspaces/${workspaceId}`)).body.members as Array<{ userId: string; active?: boolean }>;
    expect(members.find((m) => m.userId === dora.id)).toMatchObject({ role: 'facilitator', active: false });
    expect(members.find((m) => m.userId === paco.id)).not.toHaveProperty('active');

    const add = await owner.request('PUT', `/api/workspaces/${otherGroup}/members/${dora.id}`, { role: 'member' });
    expect([add.status, add.body.error.code, add.body.error.reason]).toEqual([409, 'conflict', 'account_deactivated']);
    expect((await owner.get(`/api/workspaces/${otherGroup}`)).body.members.map((m: { userId: string }) => m.userId)).not.toContain(dora.id);
    const demoted = await owner.request('PUT', `/api/workspaces/${workspaceId}/members/${dora.id}`, { role: 'observer' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.member).toMatchObject({ userId: dora.id, role: 'observer', active: false });

    const sent: MailMessage[] = [];
    await runDigestNow(server.services.database.db, { kind: 'test', send: async (m) => void sent.push(m) }, { publicOrigin: 'https://enlace.example' });
    expect(sent.map((m) => m.to)).toContain(paco.email);
    expect(sent.map((m) => m.to)).not.toContain(dora.email);
  });

  it('only instance admins deactivate, never themselves; unknown people 404; the body is checked', async () => {
    const target = await world.user('Toño Objetivo', 'FGR');
    const refused = await owner.request('PATCH', `/api/users/${target.id}`, { active: false });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await target.api.get('/api/me')).status).toBe(200);

    const self = await world.admin.request('PATCH', `/api/users/${world.adminUser.id}`, { active: false });
    expect([self.status, self.body.error.code, self.body.error.reason]).toEqual([409, 'conflict', 'own_account']);
    expect((await world.admin.get('/api/me')).status).toBe(200);

    expect((await world.admin.request('PATCH', '/api/users/usr_no_existe', { active: false })).status).toBe(404);
    const bad = await world.admin.request('PATCH', `/api/users/${target.id}`, { active: 'no' });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'active']);
    const extra = await world.admin.request('PATCH', `/api/users/${target.id}`, { active: false, isAdmin: true });
    expect(extra.status).toBe(400);
    expect((await target.api.get('/api/me')).status).toBe(200);
  });
});
