/**
 * A defunct agency is deactivated, not deleted: instance admins switch it off (audited), it stays on everything that
 * names it (its people, their memberships, decisions it owns), and nothing new may be given to it (a new account, a
 * move, a decision's or an action's owner) until it is reactivated.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';

type Body = Record<string, any>;

describe.each(BACKENDS)('deactivating an organization on $name', (backend) => {
  const h = useServerWorld(backend);

  it('keeps it where it is named, refuses it for anything new, and takes it back once reactivated', async () => {
    const created = await h.world.admin.post('/api/organizations', { name: 'Procuraduría General de la República', acronym: 'PGR', level: 'federal' });
    expect(created.body.organization).toMatchObject({ acronym: 'PGR', active: true });
    const pgr = created.body.organization.id as string;
    h.world.orgs.PGR = { id: pgr };
    const fac = await h.world.user('Fátima Mesa', 'UNODC');
    const pedro = await h.world.user('Pedro Antiguo', 'PGR');
    const ws = await h.world.workspace(fac.api, 'Mesa de lavado de dinero');
    await h.world.addMember(ws, fac.api, pedro.id, 'member', true);
    const owned = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Informe de la PGR', ownerOrganizationId: pgr })).body.decision.id as string;

    // Only instance admins switch it off.
    expect((await fac.api.patch(`/api/organizations/${pgr}`, { active: false })).status).toBe(403);
    const off = await h.world.admin.patch(`/api/organizations/${pgr}`, { active: false });
    expect([off.status, off.body.organization.active]).toEqual([200, false]);
    expect((await fac.api.get('/api/organizations')).body.organizations.find((o: Body) => o.id === pgr)).toMatchObject({ acronym: 'PGR', active: false });
    const trail = (await h.world.admin.get('/api/audit?action=organization.updated')).body.events.filter((e: Body) => e.target.id === pgr);
    expect(trail.map((e: Body) => e.changes)).toEqual([{ active: { from: true, to: false } }]);
    // Sent again: nothing new recorded.
    await h.world.admin.patch(`/api/organizations/${pgr}`, { active: false });
    expect((await h.world.admin.get('/api/audit?action=organization.updated')).body.events.filter((e: Body) => e.target.id === pgr)).toHaveLength(1);

    // What names it keeps it: Pedro, his membership and focal point, the decision it owns.
    expect((await pedro.api.get('/api/me')).body.organization).toMatchObject({ id: pgr, active: false });
    const member = (await fac.api.get(`/api/workspaces/${ws}`)).body.members.find((m: Body) => m.userId === pedro.id);
    expect(member).toMatchObject({ organizationId: pgr, focalPoint: true });
    expect((await fac.api.get(`/api/decisions/${owned}`)).body.decision.ownerOrganizationId).toBe(pgr);

    // Nothing new goes to it; each refusal names the field and says what to do.
    const expectInactive = (res: Body, path: string) => {
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path, issue: 'organization_inactive', message: 'PGR is deactivated: choose another organization, or ask an administrator to reactivate it' }]);
    };
    expectInactive(await h.world.admin.post('/api/users', { email: 'nuevo.pgr@enlace.test', name: 'Nuevo PGR', password: 'una-frase-bastante-larga', organizationId: pgr }), 'organizationId');
    const rosa = await h.world.user('Rosa Cambia', 'SSPC');
    expectInactive(await h.world.admin.patch(`/api/users/${rosa.id}`, { organizationId: pgr }), 'organizationId');
    expectInactive(await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Otro informe', ownerOrganizationId: pgr }), 'ownerOrganizationId');
    expectInactive(await fac.api.post(`/api/decisions/${owned}/actions`, { title: 'Entregar informe', ownerOrganizationId: pgr, dueDate: '2027-02-01' }), 'ownerOrganizationId');
    expect((await rosa.api.get('/api/me')).body.user.organizationId).toBe(h.world.orgs.SSPC.id);
    expect((await h.world.admin.get('/api/users')).body.users.some((u: Body) => u.email === 'nuevo.pgr@enlace.test')).toBe(false);
    // Its people can still be moved out of it.
    expect((await h.world.admin.patch(`/api/users/${pedro.id}`, { organizationId: h.world.orgs.FGR.id })).status).toBe(200);

    // Reactivated: offered again.
    const on = await h.world.admin.patch(`/api/organizations/${pgr}`, { active: true });
    expect(on.body.organization.active).toBe(true);
    expect((await h.world.admin.patch(`/api/users/${rosa.id}`, { organizationId: pgr })).status).toBe(200);
    expect((await fac.api.post(`/api/decisions/${owned}/actions`, { title: 'Entregar informe', ownerOrganizationId: pgr, dueDate: '2027-02-01' })).status).toBe(201);
  });
});
