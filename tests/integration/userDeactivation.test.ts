/**
 * Instance admins deactivate the account of someone who left: every session of theirs ends at once (sockets closed,
 * tokens refused), they cannot sign in again (told so only after the right password), and reactivation lets them back.
 */
import { describe, expect, it } from 'vitest';
import { Api, PASSWORD } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { closeLive, openLiveSession } from '../helpers/liveSession.js';
import { runDigestNow } from '../../server/notifications/digest.js';
import type { MailMessage } from '../../server/notifications/mailSender.js';
import { usePlanWorld } from '../helpers/serverWorld.js';
import { waitFor } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('deactivating accounts on $name', (backend) => {
  const h = usePlanWorld(backend, 'Mesa de cuentas');

  const signIn = (email: string, password = PASSWORD) => new Api(h.server.url).post('/api/auth/login', { email, password });

  it('ends every session at once, refuses sign-in, and reactivation lets the person back in', async () => {
    const rita = await h.world.user('Rita Retirada', 'FGR');
    await h.world.addMember(h.workspaceId, h.owner, rita.id, 'member');
    const live = await openLiveSession(h.server, rita.api.token!, h.workspaceId, h.documentId);

    const off = await h.world.admin.request('PATCH', `/api/users/${rita.id}`, { active: false });
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

    const directory = (await h.world.admin.get('/api/users')).body.users as Array<{ id: string; active?: boolean }>;
    expect(directory.find((u) => u.id === rita.id)?.active).toBe(false);
    expect(directory.find((u) => u.id === h.world.adminUser.id)?.active).toBe(true);
    // Colleagues learn only that she left (no email, no admin flag), so nobody adds or mentions her.
    expect((await h.owner.get('/api/users')).body.users.find((u: { id: string }) => u.id === rita.id)).toEqual({ id: rita.id, name: 'Rita Retirada', organizationId: expect.any(String), active: false });
    expect((await h.owner.get('/api/users')).body.users.find((u: { id: string }) => u.id === h.world.adminUser.id)).toEqual({ id: h.world.adminUser.id, name: expect.any(String), organizationId: expect.any(String) });

    const on = await h.world.admin.request('PATCH', `/api/users/${rita.id}`, { active: true });
    expect(on.body).toMatchObject({ active: true });
    const back = await signIn(rita.email);
    expect(back.status).toBe(200);
    // Still in her group: deactivation ends access, not membership.
    expect((await new Api(h.server.url, back.body.token).get(`/api/workspaces/${h.workspaceId}`)).status).toBe(200);

    const trail = (await h.world.admin.get('/api/audit?action=user&limit=100')).body.events as Array<{ action: string; target: { id: string }; changes: Record<string, unknown> }>;
    expect(trail.filter((e) => e.target.id === rita.id && e.action === 'user.deactivated')).toEqual([expect.objectContaining({ changes: { sessionsRevoked: 1, facilitatorsNamed: 0 } })]);
    expect(trail.filter((e) => e.target.id === rita.id && e.action === 'user.reactivated')).toHaveLength(1);
  });

  it('someone who left is marked in the group, cannot be added anywhere, and gets no more mail; a member already there can still be demoted', async () => {
    const otherGroup = await h.world.workspace(h.owner, 'Mesa sin Dora');
    const dora = await h.world.user('Dora Despedida', 'FGR');
    const paco = await h.world.user('Paco Presente', 'FGR');
    await h.world.addMember(h.workspaceId, h.owner, dora.id, 'facilitator');
    await h.world.addMember(h.workspaceId, h.owner, paco.id, 'member');
    // Both are mentioned while Dora still works here; the digest has not run yet.
    for (const who of [dora, paco]) expect((await h.owner.post(`/api/documents/${h.documentId}/comments`, { body: `Revisar @{${who.id}}` })).status).toBe(201);
    expect((await h.world.admin.request('PATCH', `/api/users/${dora.id}`, { active: false })).status).toBe(200);

    const members = (await h.owner.get(`/api/workspaces/${h.workspaceId}`)).body.members as Array<{ userId: string; active?: boolean }>;
    expect(members.find((m) => m.userId === dora.id)).toMatchObject({ role: 'facilitator', active: false });
    expect(members.find((m) => m.userId === paco.id)).not.toHaveProperty('active');

    const add = await h.owner.request('PUT', `/api/workspaces/${otherGroup}/members/${dora.id}`, { role: 'member' });
    expect([add.status, add.body.error.code, add.body.error.reason]).toEqual([409, 'conflict', 'account_deactivated']);
    expect((await h.owner.get(`/api/workspaces/${otherGroup}`)).body.members.map((m: { userId: string }) => m.userId)).not.toContain(dora.id);
    const demoted = await h.owner.request('PUT', `/api/workspaces/${h.workspaceId}/members/${dora.id}`, { role: 'observer' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.member).toMatchObject({ userId: dora.id, role: 'observer', active: false });

    const sent: MailMessage[] = [];
    await runDigestNow(h.server.services.database.db, { kind: 'test', send: async (m) => void sent.push(m) }, { publicOrigin: 'https://enlace.example' });
    expect(sent.map((m) => m.to)).toContain(paco.email);
    expect(sent.map((m) => m.to)).not.toContain(dora.email);
  });

  it('a group whose last active facilitator leaves gets one: a member of the same organization, else the longest-standing member', async () => {
    const ines = await h.world.user('Inés Saliente', 'UNODC');
    const group = await h.world.workspace(ines.api, 'Mesa de relevo');
    const soloGroup = await h.world.workspace(ines.api, 'Mesa pequeña');
    const sara = await h.world.user('Sara Antigua', 'SSPC');
    const ulises = await h.world.user('Ulises Colega', 'UNODC');
    const omar = await h.world.user('Omar Observador', 'UNODC');
    await h.world.addMember(group, ines.api, sara.id, 'member');
    await h.world.addMember(group, ines.api, ulises.id, 'member');
    await h.world.addMember(group, ines.api, omar.id, 'observer');
    await h.world.addMember(soloGroup, ines.api, omar.id, 'observer');
    await h.world.addMember(soloGroup, ines.api, sara.id, 'member');
    // A group she runs with someone else keeps its other facilitator as it is.
    await h.world.addMember(h.workspaceId, h.owner, ines.id, 'facilitator');

    const off = await h.world.admin.request('PATCH', `/api/users/${ines.id}`, { active: false });
    expect(off.status).toBe(200);
    const roles = async (ws: string) => Object.fromEntries(((await sara.api.get(`/api/workspaces/${ws}`)).body.members as Array<{ userId: string; role: string }>).map((m) => [m.userId, m.role]));
    // Her UNODC colleague, though he joined after Sara; observers never run a group.
    expect(await roles(group)).toMatchObject({ [ines.id]: 'facilitator', [ulises.id]: 'facilitator', [sara.id]: 'member', [omar.id]: 'observer' });
    expect(await roles(soloGroup)).toMatchObject({ [sara.id]: 'facilitator', [omar.id]: 'observer' });
    expect((await h.owner.get(`/api/workspaces/${h.workspaceId}`)).body.members.filter((m: { role: string }) => m.role === 'facilitator').length).toBe(2);
    // The successor runs the group at once, and the group's trail says why.
    const newcomer = await h.world.user('Nora Nueva', 'FGR');
    expect((await ulises.api.request('PUT', `/api/workspaces/${group}/members/${newcomer.id}`, { role: 'member' })).status).toBe(200);
    const trail = (await ulises.api.get(`/api/workspaces/${group}/audit`)).body.events as Array<{ action: string; target: { id: string }; changes: Record<string, unknown> }>;
    expect(trail.find((e) => e.action === 'member.updated' && e.target.id === ulises.id)?.changes).toEqual({ role: { from: 'member', to: 'facilitator' }, reason: 'facilitator_deactivated', replaces: ines.id });
    const instance = (await h.world.admin.get('/api/audit?action=user.deactivated')).body.events as Array<{ target: { id: string }; changes: Record<string, unknown> }>;
    expect(instance.find((e) => e.target.id === ines.id)?.changes).toEqual({ sessionsRevoked: 1, facilitatorsNamed: 2 });
  });

  it('a deactivated facilitator does not count as one, and a deactivated member is never given a role or voice they cannot use', async () => {
    const group = await h.world.workspace(h.owner, 'Mesa de voces');
    const vera = await h.world.user('Vera Vigente', 'FGR');
    const dario = await h.world.user('Darío Dado de baja', 'FGR');
    await h.world.addMember(group, h.owner, vera.id, 'member');
    await h.world.addMember(group, h.owner, dario.id, 'facilitator');
    await h.world.addMember(group, h.owner, vera.id, 'member', true);
    expect((await h.world.admin.request('PATCH', `/api/users/${dario.id}`, { active: false })).status).toBe(200);

    // The owner is the only active facilitator: stepping down would leave nobody to run the group.
    const stepDown = await h.owner.request('PUT', `/api/workspaces/${group}/members/${(await h.owner.get('/api/me')).body.user.id}`, { role: 'member' });
    expect([stepDown.status, stepDown.body.error?.reason]).toEqual([409, 'last_facilitator']);
    // Darío cannot take FGR's voice from Vera, nor be made facilitator again once demoted; he can still be removed.
    const focal = await h.owner.request('PUT', `/api/workspaces/${group}/members/${dario.id}`, { role: 'facilitator', focalPoint: true });
    expect([focal.status, focal.body.error?.reason]).toEqual([409, 'account_deactivated']);
    expect((await h.owner.request('PUT', `/api/workspaces/${group}/members/${dario.id}`, { role: 'member' })).status).toBe(200);
    const promote = await h.owner.request('PUT', `/api/workspaces/${group}/members/${dario.id}`, { role: 'facilitator' });
    expect([promote.status, promote.body.error?.reason]).toEqual([409, 'account_deactivated']);
    const members = (await h.owner.get(`/api/workspaces/${group}`)).body.members as Array<{ userId: string; role: string; focalPoint: boolean }>;
    expect(members.find((m) => m.userId === vera.id)).toMatchObject({ role: 'member', focalPoint: true });
    expect(members.find((m) => m.userId === dario.id)).toMatchObject({ role: 'member', focalPoint: false });
    expect((await h.owner.request('DELETE', `/api/workspaces/${group}/members/${dario.id}`)).status).toBe(204);
  });

  it('only instance admins deactivate, never themselves; unknown people 404; the body is checked', async () => {
    const target = await h.world.user('Toño Objetivo', 'FGR');
    const refused = await h.owner.request('PATCH', `/api/users/${target.id}`, { active: false });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await target.api.get('/api/me')).status).toBe(200);

    const self = await h.world.admin.request('PATCH', `/api/users/${h.world.adminUser.id}`, { active: false });
    expect([self.status, self.body.error.code, self.body.error.reason]).toEqual([409, 'conflict', 'own_account']);
    expect((await h.world.admin.get('/api/me')).status).toBe(200);

    expect((await h.world.admin.request('PATCH', '/api/users/usr_no_existe', { active: false })).status).toBe(404);
    const bad = await h.world.admin.request('PATCH', `/api/users/${target.id}`, { active: 'no' });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'active']);
    // A field this route does not take is refused, and nothing of the rest is done (admin rights it does take).
    const extra = await h.world.admin.request('PATCH', `/api/users/${target.id}`, { active: false, email: 'otra@enlace.test' });
    expect(extra.status).toBe(400);
    expect((await target.api.get('/api/me')).status).toBe(200);
  });
});
