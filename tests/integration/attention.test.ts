/** GET /api/me/attention: what awaits a person in each of their working groups, and nothing of groups they are not in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.each(BACKENDS)('needs attention on $name', (backend) => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts pending stances, overdue actions, unread notifications, plans with news since the last visit and a live meeting per group, and follows them as they change', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGR');
    const mesa = await world.workspace(ana.api, 'Mesa de armas');
    const otra = await world.workspace(ana.api, 'Mesa de migrantes');
    const ajena = await world.workspace(carla.api, 'Mesa de Carla');
    await world.addMember(mesa, ana.api, beto.id, 'member', true);
    await world.addMember(otra, ana.api, beto.id, 'observer');
    const doc = await world.document(ana.api, mesa);
    const attention = async () => {
      const res = await beto.api.get('/api/me/attention');
      expect(res.status).toBe(200);
      return new Map((res.body.workspaces as any[]).map((w) => [w.workspaceId, w]));
    };

    const quiet = await attention();
    expect([...quiet.keys()].sort()).toEqual([mesa, otra].sort());
    expect(quiet.get(mesa)).toEqual({ workspaceId: mesa, pendingStances: 0, overdueActions: 0, unread: 0, changedPlans: 0, liveMeeting: null });

    const d1 = (await ana.api.post(`/api/workspaces/${mesa}/decisions`, { title: 'Protocolo de rastreo' })).body.decision.id;
    await ana.api.post(`/api/workspaces/${mesa}/decisions`, { title: 'Calendario común' });
    // Beto only observes the other group: FGR takes no part there, so nobody asks it for a stance.
    await ana.api.post(`/api/workspaces/${otra}/decisions`, { title: 'Ruta de atención' });
    // Carla's own group is none of Beto's business.
    await carla.api.post(`/api/workspaces/${ajena}/decisions`, { title: 'Secreto' });
    await ana.api.post(`/api/decisions/${d1}/actions`, { title: 'Enviar oficio', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2020-06-30' });
    await ana.api.post(`/api/decisions/${d1}/actions`, { title: 'Revisar oficio', ownerOrganizationId: world.orgs.SSPC.id, dueDate: '2020-06-30' });
    await ana.api.post(`/api/decisions/${d1}/actions`, { title: 'Publicar', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-01-01' });
    await ana.api.post(`/api/documents/${doc}/comments`, { body: `Revisa esto, @{${beto.id}}` });
    const meeting = (await ana.api.post(`/api/workspaces/${mesa}/meetings`, { title: 'Sesión de enero', startsAt: '2027-01-15T16:00:00Z', agenda: [{ title: 'Avances' }] })).body.meeting.id;
    expect((await ana.api.post(`/api/meetings/${meeting}/start`)).status).toBe(200);

    // Unread: the mention and the two requests for FGR's stance.
    const busy = await attention();
    expect(busy.get(mesa)).toEqual({ workspaceId: mesa, pendingStances: 2, overdueActions: 1, unread: 3, changedPlans: 0, liveMeeting: { id: meeting, title: 'Sesión de enero' } });
    expect(busy.get(otra)).toEqual({ workspaceId: otra, pendingStances: 0, overdueActions: 0, unread: 0, changedPlans: 0, liveMeeting: null });
    expect(busy.has(ajena)).toBe(false);

    // A stance settles its request; reading the mention leaves nothing unread.
    expect((await beto.api.put(`/api/decisions/${d1}/stances/${world.orgs.FGR.id}`, { stance: 'agree' })).status).toBe(200);
    expect((await attention()).get(mesa)).toMatchObject({ pendingStances: 1, unread: 2 });
    await beto.api.post('/api/notifications/read', { all: true });
    await ana.api.post(`/api/meetings/${meeting}/close`);
    expect((await attention()).get(mesa)).toMatchObject({ pendingStances: 1, unread: 0, liveMeeting: null });

    // A plan Beto opened before, commented on by Ana since: one plan with news, until Beto opens it again.
    expect((await beto.api.post(`/api/documents/${doc}/visit`)).status).toBe(200);
    expect((await attention()).get(mesa)).toMatchObject({ changedPlans: 0 });
    expect((await ana.api.post(`/api/documents/${doc}/comments`, { body: 'Agregué el calendario.' })).status).toBe(201);
    expect((await attention()).get(mesa)).toMatchObject({ changedPlans: 1 });
    expect((await attention()).get(otra)).toMatchObject({ changedPlans: 0 });
    // His own comment is not news to him.
    await beto.api.post(`/api/documents/${doc}/visit`);
    expect((await beto.api.post(`/api/documents/${doc}/comments`, { body: 'Visto.' })).status).toBe(201);
    expect((await attention()).get(mesa)).toMatchObject({ changedPlans: 0 });
    // Ana rewording her comment he has seen is news; so is a decision she proposes on the plan.
    const [anas] = (await beto.api.get(`/api/documents/${doc}/comments`)).body.comments.filter((c: { authorId: string }) => c.authorId === ana.id);
    expect((await ana.api.patch(`/api/comments/${anas.id}`, { body: 'Agregué el calendario y las sedes.' })).status).toBe(200);
    expect((await attention()).get(mesa)).toMatchObject({ changedPlans: 1 });
    await beto.api.post(`/api/documents/${doc}/visit`);
    expect((await ana.api.post(`/api/workspaces/${mesa}/decisions`, { title: 'Sedes del taller', documentId: doc })).status).toBe(201);
    expect((await attention()).get(mesa)).toMatchObject({ changedPlans: 1 });
    await beto.api.post(`/api/documents/${doc}/visit`);
    expect((await attention()).get(mesa)).toMatchObject({ changedPlans: 0 });

    // Leaving a group takes it off the list.
    await ana.api.delete(`/api/workspaces/${mesa}/members/${beto.id}`);
    expect([...(await attention()).keys()]).toEqual([otra]);
    expect((await new Api(server.url).get('/api/me/attention')).status).toBe(401);
  });
  it('settles the stance requests of an organization that stops taking part (its last member becomes an observer or leaves)', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const fede = await world.user('Fede', 'FGR');
    const gil = await world.user('Gil', 'FGR');
    const mesa = await world.workspace(ana.api, 'Mesa de trata');
    await world.addMember(mesa, ana.api, fede.id, 'member', true);
    await world.addMember(mesa, ana.api, gil.id, 'member');
    await ana.api.post(`/api/workspaces/${mesa}/decisions`, { title: 'Ruta de atención' });
    const unreadOf = async (who: typeof fede) => (await who.api.get('/api/notifications?unread=true')).body.notifications.filter((n: { kind: string }) => n.kind === 'stance_requested').length;
    const unread = () => unreadOf(fede);
    expect(await unread()).toBe(1);
    // Fede only observes now (no longer its focal point): Gil speaks for FGR and is asked; Fede's request is settled.
    await world.addMember(mesa, ana.api, fede.id, 'observer');
    expect(await unread()).toBe(0);
    expect(await unreadOf(gil)).toBe(1);
    // Gil leaves: FGR no longer takes part, nobody asks it for a stance any more.
    expect((await ana.api.delete(`/api/workspaces/${mesa}/members/${gil.id}`)).status).toBe(204);
    expect(await unread()).toBe(0);
    expect((await fede.api.get('/api/me/attention')).body.workspaces).toEqual([expect.objectContaining({ workspaceId: mesa, pendingStances: 0, unread: 0 })]);
  });
});
