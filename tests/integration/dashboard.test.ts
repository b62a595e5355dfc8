/**
 * A working group's home dashboard: my agency's pending stances, my and overdue actions, the next
 * meeting, recent plans, unread comment notifications and activity progress, per caller.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertActivity } from '../../shared/planModel.js';
import { Api, createWorld } from '../helpers/api.js';
import { addActivity, FRESH_MS, openPlan, pollUntil } from '../helpers/matrix.js';
import { coveredBy, waitFor } from '../helpers/yjsClient.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.each(BACKENDS)('workspace dashboard on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('shows each member what concerns their agency, and nothing to outsiders', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const focal = await world.user('Fernando Focal', 'SSPC');
    const fgr = await world.user('Gabriela FGR', 'FGR');
    const obs = await world.user('Olivia Observadora', 'MUN-JUAREZ');
    const outsider = await world.user('Xavier Externo', 'FGE-CHIH');
    const ws = await world.workspace(fac.api);
    await world.addMember(ws, fac.api, focal.id, 'member', true);
    await world.addMember(ws, fac.api, fgr.id, 'member', true);
    await world.addMember(ws, fac.api, obs.id, 'observer');
    const sspc = world.orgs.SSPC.id;
    const fgrOrg = world.orgs.FGR.id;

    const d1 = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo común' })).body.decision;
    const d2 = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Calendario de operativos', dueDate: '2027-02-01' })).body.decision;
    const d3 = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Acuerdo cerrado' })).body.decision;
    expect((await focal.api.put(`/api/decisions/${d1.id}/stances/${sspc}`, { stance: 'agree' })).status).toBe(200);
    expect((await fac.api.patch(`/api/decisions/${d3.id}`, { status: 'agreed' })).status).toBe(200);

    const late = (await fac.api.post(`/api/decisions/${d1.id}/actions`, { title: 'Enviar directorio', ownerOrganizationId: sspc, dueDate: '2020-01-15' })).body.action;
    const mine = (await fac.api.post(`/api/decisions/${d1.id}/actions`, { title: 'Revisar carpetas', ownerOrganizationId: fgrOrg, assigneeId: fgr.id, dueDate: '2099-12-31' })).body.action;
    const startsAt = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const meeting = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión ordinaria', startsAt, agenda: [{ title: 'Seguimiento' }, { title: 'Plan' }] })).body.meeting;
    expect((await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión pasada', startsAt: '2020-01-01T10:00:00Z', agenda: [] })).status).toBe(201);

    const docOld = await world.document(fac.api, ws);
    // Its first projection done before the next plan exists, so "recent" has one order even when passes are put off.
    await server.services.projection.idle();
    const docNew = (await fac.api.post(`/api/workspaces/${ws}/documents`, { title: 'Plan de Chihuahua' })).body.document.id;
    await server.services.hub.change(docNew, null, (doc) => {
      insertActivity(doc, { id: 'a1', title: 'Taller', mandateArea: 'trafficking_in_persons', status: 'planned' });
      insertActivity(doc, { id: 'a2', title: 'Operativo', mandateArea: 'trafficking_in_persons', status: 'in_progress' });
      insertActivity(doc, { id: 'a3', title: 'Protocolo', mandateArea: 'migrant_smuggling', status: 'done' });
    });
    await server.services.projection.idle();
    // Fernando mentions Gabriela: one unread comment notification for her.
    expect((await focal.api.post(`/api/documents/${docNew}/comments`, { body: `¿Lo revisas, @{${fgr.id}}?` })).status).toBe(201);

    const forFocal = await focal.api.get(`/api/workspaces/${ws}/dashboard`);
    expect(forFocal.status).toBe(200);
    expect(forFocal.body.pendingStances.map((d: { id: string }) => d.id)).toEqual([d2.id]);
    expect(forFocal.body.pendingStances[0]).toMatchObject({ ref: 'D-2', title: 'Calendario de operativos', dueDate: '2027-02-01' });
    expect(forFocal.body.canCastStance).toBe(true);
    expect(forFocal.body.myActions.map((a: { id: string }) => a.id)).toEqual([late.id]);
    expect(forFocal.body.overdueActions).toEqual([expect.objectContaining({ id: late.id, title: 'Enviar directorio', overdue: true })]);
    expect(forFocal.body.upcomingMeeting).toEqual({ id: meeting.id, title: 'Sesión ordinaria', startsAt: new Date(startsAt).toISOString(), status: 'scheduled', agendaItems: 2 });
    expect(forFocal.body.recentPlans.map((p: { id: string }) => p.id)).toEqual([docNew, docOld]);
    expect(forFocal.body.unreadComments).toBe(0);
    expect(forFocal.body.activityProgress).toEqual({
      byMandateArea: [
        { mandateArea: 'trafficking_in_persons', total: 2, byStatus: { planned: 1, in_progress: 1, done: 0, cancelled: 0 } },
        { mandateArea: 'migrant_smuggling', total: 1, byStatus: { planned: 0, in_progress: 0, done: 1, cancelled: 0 } },
      ],
      byStatus: [
        { status: 'planned', count: 1 },
        { status: 'in_progress', count: 1 },
        { status: 'done', count: 1 },
        { status: 'cancelled', count: 0 },
      ],
    });

    const forFgr = (await fgr.api.get(`/api/workspaces/${ws}/dashboard`)).body;
    expect(forFgr.pendingStances.map((d: { ref: string }) => d.ref)).toEqual(['D-1', 'D-2']);
    expect(forFgr.myActions.map((a: { id: string }) => a.id)).toEqual([mine.id]);
    expect(forFgr.unreadComments).toBe(1);
    expect(forFgr.totals).toEqual({ pendingStances: 2, myActions: 1, overdueActions: 1 });

    // An observer's agency is not asked for stances and may not cast them.
    const forObs = (await obs.api.get(`/api/workspaces/${ws}/dashboard`)).body;
    expect(forObs.pendingStances).toEqual([]);
    expect(forObs.canCastStance).toBe(false);
    expect(forObs.overdueActions.map((a: { id: string }) => a.id)).toEqual([late.id]);

    expect((await outsider.api.get(`/api/workspaces/${ws}/dashboard`)).status).toBe(404);
    expect((await outsider.api.get('/api/workspaces/ws_nope/dashboard')).status).toBe(404);
  });

  it('counts everything even where the lists stop at ten', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api);
    const unodc = world.orgs.UNODC.id;
    for (let i = 1; i <= 13; i++) {
      const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: `Propuesta ${i}` })).body.decision;
      expect((await fac.api.post(`/api/decisions/${d.id}/actions`, { title: `Acción ${i}`, ownerOrganizationId: unodc, dueDate: '2020-01-15' })).status).toBe(201);
    }
    const body = (await fac.api.get(`/api/workspaces/${ws}/dashboard`)).body;
    expect([body.pendingStances.length, body.myActions.length, body.overdueActions.length]).toEqual([10, 10, 10]);
    expect(body.totals).toEqual({ pendingStances: 13, myActions: 13, overdueActions: 13 });
  });

  it('lists a plan as recently updated when its content changes, not when it is merely opened and saved', async () => {
    const db = await backend.fresh();
    server = await startTestServer(db);
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api);
    const older = (await fac.api.post(`/api/workspaces/${ws}/documents`, { title: 'Plan de Sonora' })).body.document.id;
    const newer = (await fac.api.post(`/api/workspaces/${ws}/documents`, { title: 'Plan de Sinaloa' })).body.document.id;
    await server.services.projection.idle();
    const recent = async () => (await fac.api.get(`/api/workspaces/${ws}/dashboard`)).body.recentPlans.map((p: { id: string }) => p.id);
    expect(await recent()).toEqual([newer, older]);
    // Creation dates a plan; projecting its template does not re-date it (a pass running after the next plan's
    // creation used to put the older plan first).
    for (const id of [older, newer]) {
      const { document } = (await fac.api.get<{ document: { createdAt: string; updatedAt: string } }>(`/api/documents/${id}`)).body;
      expect(document.updatedAt).toBe(document.createdAt);
    }

    // Opened and saved, but neither prose nor activities changed: it keeps its place (a first save after loading
    // used to re-project the plan and date it as updated).
    const client = await openPlan(server, fac.api, older);
    try {
      client.doc.getMap('viewState').set('zoom', 2);
      await waitFor(async () => coveredBy(client.doc, (await fac.api.get<{ document: { savedStateVector: string } }>(`/api/documents/${older}`)).body.document.savedStateVector), 5000, 'the change saved');
      await server.services.projection.idle();
      expect(await recent()).toEqual([newer, older]);

      addActivity(client, { id: 'a1', title: 'Mesa de trabajo', mandateArea: 'corruption', status: 'planned' });
      await pollUntil(fac.api, `/api/workspaces/${ws}/dashboard`, (b) => b.recentPlans[0]?.id === older, FRESH_MS * 2, 'the edited plan first');
      expect(await recent()).toEqual([older, newer]);
    } finally {
      client.destroy();
    }

    // After a restart the node remembers nothing it projected: opening and saving the other plan unchanged still
    // leaves it second (its first pass compares with the stored rows and text).
    await server.close();
    server = await startTestServer(db);
    const api = new Api(server.url, fac.api.token);
    const again = await openPlan(server, api, newer);
    try {
      again.doc.getMap('viewState').set('zoom', 3);
      await waitFor(async () => coveredBy(again.doc, (await api.get<{ document: { savedStateVector: string } }>(`/api/documents/${newer}`)).body.document.savedStateVector), 5000, 'the change saved');
      await server.services.projection.idle();
      expect((await api.get(`/api/workspaces/${ws}/dashboard`)).body.recentPlans.map((p: { id: string }) => p.id)).toEqual([older, newer]);
    } finally {
      again.destroy();
    }
  });
});
