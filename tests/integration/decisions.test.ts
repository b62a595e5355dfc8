import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

async function scene(world: World) {
  const fac = await world.user('Fátima Facilitadora', 'UNODC');
  const focal = await world.user('Fernando Focal', 'SSPC');
  const member = await world.user('Mario Miembro', 'SSPC');
  const fgr = await world.user('Gabriela FGR', 'FGR');
  const obs = await world.user('Olivia Observadora', 'MUN-JUAREZ');
  const outsider = await world.user('Xavier Externo', 'FGE-CHIH');
  const ws = await world.workspace(fac.api);
  await world.addMember(ws, fac.api, focal.id, 'member', true);
  await world.addMember(ws, fac.api, member.id, 'member');
  await world.addMember(ws, fac.api, fgr.id, 'member', true);
  await world.addMember(ws, fac.api, obs.id, 'observer');
  return { fac, focal, member, fgr, obs, outsider, ws };
}

describe.each(BACKENDS)('decisions and stances on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('gives 10 concurrent proposals unique, gap-free refs and tells others within a second', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, focal, ws } = await scene(world);
    const events = await connectEvents(server.url, focal.api.token!, ws);
    const seen = recordEvents(events, ['decision:created']);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => fac.api.post(`/api/workspaces/${ws}/decisions`, { title: `Acuerdo ${i}` })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.map((r) => r.body.decision.ref).sort((a: string, b: string) => Number(a.slice(2)) - Number(b.slice(2)))).toEqual(Array.from({ length: 10 }, (_, i) => `D-${i + 1}`));
    await waitFor(() => seen.length === 10, 1000 + (Date.now() - started), 'decision:created x10');
    expect(seen[0].payload.workspaceId).toBe(ws);
    expect(seen[0].payload.decision.status).toBe('proposed');
    const list = await focal.api.get(`/api/workspaces/${ws}/decisions?status=proposed`);
    expect(list.body.decisions).toHaveLength(10);
    events.close();
  });

  it('asks each organization’s focal point for its stance when a decision is proposed, live', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, focal, member, fgr, obs, ws } = await scene(world);
    const events = await connectEvents(server.url, fgr.api.token!);
    const pushed = recordEvents(events, ['notification:created']);
    const created = await member.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo común de cadena de custodia' });
    expect(created.status).toBe(201);
    const decisionId = created.body.decision.id;
    const asked = async (api: typeof fac.api) =>
      ((await api.get('/api/notifications')).body.notifications as Array<{ kind: string; workspaceId: string; target: Record<string, unknown> }>).filter((n) => n.kind === 'stance_requested');
    // SSPC and FGR have focal points: they are asked. UNODC has none: its facilitator is. The observer's
    // organization casts no stance, and the proposer's own notification would tell him nothing.
    expect((await asked(fgr.api)).map((n) => [n.workspaceId, n.target.decisionId, n.target.organizationId, n.target.ref])).toEqual([[ws, decisionId, world.orgs.FGR.id, 'D-1']]);
    expect((await asked(focal.api)).map((n) => n.target.organizationId)).toEqual([world.orgs.SSPC.id]);
    expect((await asked(fac.api)).map((n) => n.target.organizationId)).toEqual([world.orgs.UNODC.id]);
    expect(await asked(member.api)).toEqual([]);
    expect(await asked(obs.api)).toEqual([]);
    await waitFor(() => pushed.some((e) => e.payload.notification?.kind === 'stance_requested' && e.payload.workspaceId === ws), 5000, 'the stance request, live');

    // Answered: FGR's focal point records its stance, and FGR's request leaves the unread list (live to his pages).
    const unread = async (api: typeof fac.api) =>
      ((await api.get('/api/notifications?unread=true')).body.notifications as Array<{ kind: string; target: Record<string, unknown> }>).filter((n) => n.kind === 'stance_requested').map((n) => n.target.organizationId);
    const settled = recordEvents(events, ['notification:read']);
    expect((await fgr.api.put(`/api/decisions/${decisionId}/stances/${world.orgs.FGR.id}`, { stance: 'agree' })).status).toBe(200);
    expect(await unread(fgr.api)).toEqual([]);
    await waitFor(() => settled.some((e) => e.payload.workspaceId === ws && e.payload.ids?.length === 1), 5000, 'notification:read, live');
    // The others still wait for theirs, until the decision closes: then nothing is asked any more.
    expect(await unread(focal.api)).toEqual([world.orgs.SSPC.id]);
    expect(await unread(fac.api)).toEqual([world.orgs.UNODC.id]);
    expect((await fac.api.patch(`/api/decisions/${decisionId}`, { status: 'deferred' })).status).toBe(200);
    expect(await unread(focal.api)).toEqual([]);
    expect(await unread(fac.api)).toEqual([]);
    // Still in the inbox, as read.
    expect((await asked(focal.api)).length).toBe(1);
    events.close();
  });

  it('applies the stance rules: focal point (never an observer), facilitator on behalf, not other members or observers, frozen once closed', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, focal, member, fgr, obs, outsider, ws } = await scene(world);
    const d = (await member.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo común', body: 'Texto', ownerOrganizationId: world.orgs.SSPC.id, dueDate: '2027-03-01' })).body.decision;
    expect(d.ref).toBe('D-1');
    expect((await obs.api.post(`/api/workspaces/${ws}/decisions`, { title: 'No' })).status).toBe(403);
    expect((await outsider.api.post(`/api/workspaces/${ws}/decisions`, { title: 'No' })).status).toBe(404);

    const sspc = world.orgs.SSPC.id;
    const fgrOrg = world.orgs.FGR.id;
    const ok = await focal.api.put(`/api/decisions/${d.id}/stances/${sspc}`, { stance: 'agree_with_conditions', reason: 'Con recursos' });
    expect(ok.status).toBe(200);
    expect(ok.body.stance).toMatchObject({ organizationId: sspc, stance: 'agree_with_conditions', onBehalf: false });
    expect((await member.api.put(`/api/decisions/${d.id}/stances/${sspc}`, { stance: 'object' })).status).toBe(403);
    expect((await focal.api.put(`/api/decisions/${d.id}/stances/${fgrOrg}`, { stance: 'object' })).status).toBe(403);
    // An organization outside the group has no stance to record, nor does one that does not exist.
    expect((await fac.api.put(`/api/decisions/${d.id}/stances/${world.orgs['FGE-CHIH'].id}`, { stance: 'agree' })).status).toBe(404);
    expect((await fac.api.put(`/api/decisions/${d.id}/stances/org_missing`, { stance: 'agree' })).status).toBe(404);
    expect((await obs.api.put(`/api/decisions/${d.id}/stances/${world.orgs['MUN-JUAREZ'].id}`, { stance: 'agree' })).status).toBe(403);
    // An organization there only to observe is in the group, so it is not "not found": it takes no part in decisions.
    const observing = await fac.api.put(`/api/decisions/${d.id}/stances/${world.orgs['MUN-JUAREZ'].id}`, { stance: 'agree' });
    expect(observing.status).toBe(403);
    expect(observing.body.error.message).toMatch(/only as an observer/);
    expect((await outsider.api.put(`/api/decisions/${d.id}/stances/${sspc}`, { stance: 'agree' })).status).toBe(404);
    const behalf = await fac.api.put(`/api/decisions/${d.id}/stances/${fgrOrg}`, { stance: 'abstain' });
    expect(behalf.body.stance).toMatchObject({ organizationId: fgrOrg, stance: 'abstain', onBehalf: true });
    // the focal point changes its own organization's stance while open
    expect((await fgr.api.put(`/api/decisions/${d.id}/stances/${fgrOrg}`, { stance: 'agree' })).body.stance).toMatchObject({ stance: 'agree', onBehalf: false });

    const detail = await member.api.get(`/api/decisions/${d.id}`);
    expect(detail.body.stances).toHaveLength(2);
    expect(detail.body.quorum.pendingOrganizationIds).toEqual([world.orgs.UNODC.id]);
    expect(detail.body.quorum.byLevel.federal).toEqual({ total: 2, pending: [] });

    // An observer never speaks for its organization: FGR's flag cannot move to one, and FGR's focal point keeps it.
    const fgrObserver = await world.user('Fabián Observador', 'FGR');
    const named = await fac.api.put(`/api/workspaces/${ws}/members/${fgrObserver.id}`, { role: 'observer', focalPoint: true });
    expect([named.status, named.body.error.details[0].issue]).toEqual([400, 'observer_focal_point']);
    await world.addMember(ws, fac.api, fgrObserver.id, 'observer');
    expect((await fgrObserver.api.put(`/api/decisions/${d.id}/stances/${fgrOrg}`, { stance: 'object', reason: 'Falta presupuesto' })).status).toBe(403);
    expect((await fgr.api.put(`/api/decisions/${d.id}/stances/${fgrOrg}`, { stance: 'object', reason: 'Falta presupuesto' })).body.stance).toMatchObject({ organizationId: fgrOrg, stance: 'object', onBehalf: false });

    expect((await member.api.patch(`/api/decisions/${d.id}`, { status: 'agreed' })).status).toBe(403);
    const agreed = await fac.api.patch(`/api/decisions/${d.id}`, { status: 'agreed' });
    expect(agreed.body.decision.status).toBe('agreed');
    expect(agreed.body.decision.closedAt).not.toBeNull();
    expect((await focal.api.put(`/api/decisions/${d.id}/stances/${sspc}`, { stance: 'object' })).status).toBe(409);
    const after = await member.api.get(`/api/decisions/${d.id}`);
    // The history every member reads shows each stance as it changed, then the status.
    expect(after.body.history.map((h: { actorId: string; changes: unknown }) => [h.actorId, h.changes])).toEqual([
      [focal.id, { organizationId: sspc, onBehalf: false, stance: { from: null, to: 'agree_with_conditions' } }],
      [fac.id, { organizationId: fgrOrg, onBehalf: true, stance: { from: null, to: 'abstain' } }],
      [fgr.id, { organizationId: fgrOrg, onBehalf: false, stance: { from: 'abstain', to: 'agree' } }],
      [fgr.id, { organizationId: fgrOrg, onBehalf: false, stance: { from: 'agree', to: 'object' } }],
      [fac.id, { status: { from: 'proposed', to: 'agreed' } }],
    ]);
    for (const path of [`/api/decisions/${d.id}`]) expect((await outsider.api.get(path)).status).toBe(404);
    expect((await outsider.api.get(`/api/workspaces/${ws}/decisions`)).status).toBe(404);
    expect((await outsider.api.patch(`/api/decisions/${d.id}`, { title: 'x' })).status).toBe(404);
  });

  it('takes no new decision into a closed meeting, whose minutes are frozen', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, member, ws } = await scene(world);
    const meeting = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión', startsAt: '2027-01-15T16:00:00Z', agenda: [{ title: 'Avances' }] })).body.meeting.id;
    await fac.api.post(`/api/meetings/${meeting}/start`);
    expect((await member.api.post(`/api/workspaces/${ws}/decisions`, { title: 'A tiempo', meetingId: meeting })).status).toBe(201);
    expect((await fac.api.post(`/api/meetings/${meeting}/close`)).status).toBe(200);
    const late = await member.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Tardía', meetingId: meeting });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'conflict', reason: 'meeting_closed' });
    const listed = (await member.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions.map((d: { title: string }) => d.title);
    expect(listed).toEqual(['A tiempo']);
  });

  it('hides other organizations’ stances until the decision closes, in reads and in events', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, focal, fgr, ws } = await scene(world);
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Votación reservada', stanceVisibility: 'hidden_until_closed' })).body.decision;
    const events = await connectEvents(server.url, fgr.api.token!, ws);
    const seen = recordEvents(events, ['stance:recorded']);
    await focal.api.put(`/api/decisions/${d.id}/stances/${world.orgs.SSPC.id}`, { stance: 'object', reason: 'secreta' });
    await fgr.api.put(`/api/decisions/${d.id}/stances/${world.orgs.FGR.id}`, { stance: 'agree' });
    await waitFor(() => seen.length === 2, 5000, 'stance events');
    expect(JSON.stringify(seen)).not.toContain('object');
    expect(JSON.stringify(seen)).not.toContain('secreta');
    const asFgr = await fgr.api.get(`/api/decisions/${d.id}`);
    expect(asFgr.body.stances).toEqual(expect.arrayContaining([{ organizationId: world.orgs.SSPC.id, hidden: true }, expect.objectContaining({ organizationId: world.orgs.FGR.id, stance: 'agree' })]));
    const asFac = await fac.api.get(`/api/decisions/${d.id}`);
    expect(JSON.stringify(asFac.body.stances)).not.toContain('object');
    const audit = await fac.api.get(`/api/workspaces/${ws}/audit`);
    expect(JSON.stringify(audit.body.events)).not.toContain('"object"');
    // The decision's history says who recorded, not what.
    expect(asFgr.body.history.map((h: { changes: unknown }) => h.changes)).toEqual([
      { organizationId: world.orgs.SSPC.id, onBehalf: false },
      { organizationId: world.orgs.FGR.id, onBehalf: false },
    ]);
    await fac.api.patch(`/api/decisions/${d.id}`, { status: 'rejected' });
    const revealed = await fgr.api.get(`/api/decisions/${d.id}`);
    expect(revealed.body.stances).toEqual(expect.arrayContaining([expect.objectContaining({ organizationId: world.orgs.SSPC.id, stance: 'object', reason: 'secreta' })]));
    // Reopened, what everyone saw at closing stays in view, and so do the stances recorded from then on.
    const reopened = await fac.api.patch(`/api/decisions/${d.id}`, { status: 'proposed' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.decision.stanceVisibility).toBe('open');
    await focal.api.put(`/api/decisions/${d.id}/stances/${world.orgs.SSPC.id}`, { stance: 'agree_with_conditions', reason: 'con fechas' });
    await waitFor(() => seen.length === 3, 5000, 'the stance event after reopening');
    expect(seen[2].payload).toMatchObject({ organizationId: world.orgs.SSPC.id, stance: 'agree_with_conditions', reason: 'con fechas' });
    const afterReopening = await fgr.api.get(`/api/decisions/${d.id}`);
    expect(afterReopening.body.stances).toEqual(expect.arrayContaining([expect.objectContaining({ organizationId: world.orgs.SSPC.id, stance: 'agree_with_conditions' })]));
    expect(afterReopening.body.history.map((h: { changes: unknown }) => h.changes).slice(-3)).toEqual([
      { status: { from: 'proposed', to: 'rejected' } },
      { status: { from: 'rejected', to: 'proposed' }, stanceVisibility: { from: 'hidden_until_closed', to: 'open' } },
      { organizationId: world.orgs.SSPC.id, onBehalf: false, stance: { from: 'object', to: 'agree_with_conditions' } },
    ]);
    events.close();
  });

  it('tracks actions with owners and due dates, and lists overdue ones', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, member, obs, outsider, ws } = await scene(world);
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Plan de capacitación' })).body.decision;
    const events = await connectEvents(server.url, member.api.token!, ws);
    const seen = recordEvents(events, ['action:updated']);
    const late = await member.api.post(`/api/decisions/${d.id}/actions`, { title: 'Enviar lista de participantes', ownerOrganizationId: world.orgs.SSPC.id, assigneeId: member.id, dueDate: '2020-01-15' });
    expect(late.status).toBe(201);
    const future = await fac.api.post(`/api/decisions/${d.id}/actions`, { title: 'Reservar sede', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-01-01', activityId: 'act-1' });
    expect((await obs.api.post(`/api/decisions/${d.id}/actions`, { title: 'x', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-01-01' })).status).toBe(403);
    expect((await fac.api.post(`/api/decisions/${d.id}/actions`, { title: 'x', ownerOrganizationId: world.orgs.FGR.id, assigneeId: outsider.id, dueDate: '2099-01-01' })).status).toBe(400);
    // Dates are real calendar days in YYYY-MM-DD (Date.parse alone accepts 30 February).
    for (const dueDate of ['2099-02-30', '2099-04-31', '2099-1-1']) {
      const bad = await fac.api.post(`/api/decisions/${d.id}/actions`, { title: 'x', ownerOrganizationId: world.orgs.FGR.id, dueDate });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].path).toBe('dueDate');
    }
    expect((await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'x', dueDate: '2099-02-29' })).status).toBe(400);
    const overdue = await member.api.get(`/api/workspaces/${ws}/actions?overdue=true`);
    expect(overdue.body.actions.map((a: { title: string }) => a.title)).toEqual(['Enviar lista de participantes']);
    expect(overdue.body.actions[0].overdue).toBe(true);
    const done = await member.api.patch(`/api/actions/${late.body.action.id}`, { status: 'done' });
    expect(done.body.action).toMatchObject({ status: 'done', overdue: false });
    expect((await member.api.get(`/api/workspaces/${ws}/actions?overdue=true`)).body.actions).toEqual([]);
    expect((await outsider.api.patch(`/api/actions/${future.body.action.id}`, { status: 'done' })).status).toBe(404);
    expect((await outsider.api.get(`/api/workspaces/${ws}/actions`)).status).toBe(404);
    await waitFor(() => seen.length === 3, 5000, 'action events');
    // In the order they were added, whatever changed since.
    const detail = await member.api.get(`/api/decisions/${d.id}`);
    expect(detail.body.actions.map((a: { title: string }) => a.title)).toEqual(['Enviar lista de participantes', 'Reservar sede']);
    const actions = (await fac.api.get(`/api/workspaces/${ws}/audit`)).body.events.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a.startsWith('action.'))).toEqual(['action.updated', 'action.created', 'action.created']);
    events.close();
  });

  it('lets the proposer or a facilitator set and clear an open decision’s owner and due date, recorded in its history', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, focal, member, obs, ws } = await scene(world);
    const d = (await member.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Mapa de rutas' })).body.decision;
    const set = await member.api.patch(`/api/decisions/${d.id}`, { ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-03-31' });
    expect(set.status).toBe(200);
    expect(set.body.decision).toMatchObject({ ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-03-31' });
    // Not another member, nor an observer; an unknown organization or a date that is none are refused.
    expect((await focal.api.patch(`/api/decisions/${d.id}`, { dueDate: '2099-04-01' })).status).toBe(403);
    expect((await obs.api.patch(`/api/decisions/${d.id}`, { ownerOrganizationId: null })).status).toBe(403);
    const unknown = await member.api.patch(`/api/decisions/${d.id}`, { ownerOrganizationId: 'org_no_existe' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('ownerOrganizationId');
    expect((await member.api.patch(`/api/decisions/${d.id}`, { dueDate: '2099-02-30' })).status).toBe(400);
    // A facilitator clears the owner.
    expect((await fac.api.patch(`/api/decisions/${d.id}`, { ownerOrganizationId: null })).body.decision.ownerOrganizationId).toBeNull();
    const detail = await member.api.get(`/api/decisions/${d.id}`);
    expect(detail.body.history.map((h: { changes: unknown }) => h.changes)).toEqual([
      { ownerOrganizationId: { from: null, to: world.orgs.FGR.id }, dueDate: { from: null, to: '2099-03-31' } },
      { ownerOrganizationId: { from: world.orgs.FGR.id, to: null } },
    ]);
    // Closed, they stay as they were.
    expect((await fac.api.patch(`/api/decisions/${d.id}`, { status: 'agreed' })).status).toBe(200);
    const late = await fac.api.patch(`/api/decisions/${d.id}`, { dueDate: '2099-05-01' });
    expect(late.status).toBe(409);
    expect(late.body.error.reason).toBe('decision_closed');
  });

  it('lists each decision with its progress: stances cast by the organizations taking part, actions open and overdue', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, focal, fgr, obs, ws } = await scene(world);
    const hidden = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Votación reservada', stanceVisibility: 'hidden_until_closed' })).body.decision;
    const quiet = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Sin posturas aún' })).body.decision;
    await focal.api.put(`/api/decisions/${hidden.id}/stances/${world.orgs.SSPC.id}`, { stance: 'object', reason: 'secreta' });
    await fgr.api.put(`/api/decisions/${hidden.id}/stances/${world.orgs.FGR.id}`, { stance: 'agree' });
    await fac.api.post(`/api/decisions/${hidden.id}/actions`, { title: 'Enviar directorio', ownerOrganizationId: world.orgs.SSPC.id, dueDate: '2020-01-15' });
    await fac.api.post(`/api/decisions/${hidden.id}/actions`, { title: 'Reservar sede', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-01-01' });
    const finished = (await fac.api.post(`/api/decisions/${hidden.id}/actions`, { title: 'Convocar', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2020-01-01' })).body.action;
    expect((await fac.api.patch(`/api/actions/${finished.id}`, { status: 'done' })).status).toBe(200);
    // UNODC, SSPC and FGR take part; the observer's organization casts no stance.
    // Asked for: the contract's list alone has no progress.
    expect(Object.keys((await obs.api.get(`/api/workspaces/${ws}/decisions`)).body)).toEqual(['decisions']);
    const list = await obs.api.get(`/api/workspaces/${ws}/decisions?progress=true`);
    expect(list.status).toBe(200);
    expect(list.body.progress).toEqual({
      [hidden.id]: { stances: 2, organizations: 3, openActions: 2, overdueActions: 1 },
      [quiet.id]: { stances: 0, organizations: 3, openActions: 0, overdueActions: 0 },
    });
    // The count says that stances exist, never what they say.
    expect(JSON.stringify(list.body)).not.toContain('secreta');
    expect(JSON.stringify(list.body)).not.toContain('object');
    const filtered = await fac.api.get(`/api/workspaces/${ws}/decisions?status=proposed&progress=true`);
    expect(Object.keys(filtered.body.progress).sort()).toEqual([hidden.id, quiet.id].sort());
    await fac.api.patch(`/api/decisions/${quiet.id}`, { status: 'deferred' });
    expect(Object.keys((await fac.api.get(`/api/workspaces/${ws}/decisions?status=proposed&progress=true`)).body.progress)).toEqual([hidden.id]);
    // A plan's page asks only for the decisions about it.
    const docId = await world.document(fac.api, ws);
    const aboutPlan = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Sobre el plan', documentId: docId })).body.decision;
    const forPlan = await fac.api.get(`/api/workspaces/${ws}/decisions?documentId=${docId}&progress=true`);
    expect(forPlan.body.decisions.map((d: { id: string }) => d.id)).toEqual([aboutPlan.id]);
    expect(Object.keys(forPlan.body.progress)).toEqual([aboutPlan.id]);
  });

  it('records an action’s update once: the same values again are answered, not recorded or announced', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, member, ws } = await scene(world);
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Plan de capacitación' })).body.decision;
    const action = (await member.api.post(`/api/decisions/${d.id}/actions`, { title: 'Reservar sede', ownerOrganizationId: world.orgs.SSPC.id, dueDate: '2099-01-01' })).body.action;
    const events = await connectEvents(server.url, fac.api.token!, ws);
    const seen = recordEvents(events, ['action:updated']);
    const change = { status: 'done', title: 'Reservar sede en Juárez', assigneeId: member.id };
    const path = `/api/actions/${action.id}`;
    const sent = [await member.api.patch(path, change), await member.api.patch(path, change), await fac.api.patch(path, { status: 'done', dueDate: '2099-01-01' })];
    expect(sent.map((r) => [r.status, r.body.action.status, r.body.action.title])).toEqual(Array(3).fill([200, 'done', change.title]));
    expect(new Set(sent.map((r) => r.body.action.updatedAt)).size).toBe(1);
    const recorded = async () => ((await fac.api.get(`/api/workspaces/${ws}/audit?action=action.updated`)).body.events as Array<{ changes: unknown }>).map((e) => e.changes);
    expect(await recorded()).toEqual([{ status: { from: 'open', to: 'done' }, title: { from: 'Reservar sede', to: change.title }, assigneeId: { from: null, to: member.id } }]);
    // A real change is still recorded (only what it changes) and announced.
    expect((await fac.api.patch(path, { status: 'open', title: change.title })).status).toBe(200);
    expect((await recorded())[0]).toEqual({ status: { from: 'done', to: 'open' } });
    await waitFor(() => seen.length === 2, 5000, 'two action:updated');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((e) => e.payload.action.status)).toEqual(['done', 'open']);
    events.close();
  });

  it('moves an action to another owner institution: checked as at creation, audited from → to, announced; outsiders get a 404', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { fac, member, outsider, ws } = await scene(world);
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Plan de capacitación' })).body.decision;
    const action = (await member.api.post(`/api/decisions/${d.id}/actions`, { title: 'Reservar sede', ownerOrganizationId: world.orgs.SSPC.id, dueDate: '2099-01-01' })).body.action;
    const path = `/api/actions/${action.id}`;
    const events = await connectEvents(server.url, fac.api.token!, ws);
    const seen = recordEvents(events, ['action:updated']);

    const moved = await member.api.patch(path, { ownerOrganizationId: world.orgs.FGR.id });
    expect([moved.status, moved.body.action.ownerOrganizationId]).toEqual([200, world.orgs.FGR.id]);
    expect((await fac.api.get(`/api/decisions/${d.id}`)).body.actions.find((a: { id: string }) => a.id === action.id).ownerOrganizationId).toBe(world.orgs.FGR.id);
    const recorded = async () => ((await fac.api.get(`/api/workspaces/${ws}/audit?action=action.updated`)).body.events as Array<{ changes: unknown }>).map((e) => e.changes);
    expect(await recorded()).toEqual([{ ownerOrganizationId: { from: world.orgs.SSPC.id, to: world.orgs.FGR.id } }]);
    await waitFor(() => seen.length === 1, 5000, 'action:updated');
    expect(seen[0].payload.action.ownerOrganizationId).toBe(world.orgs.FGR.id);

    // An organization that is not there, or no longer active, is refused as POST refuses it; nothing changes.
    const unknown = await member.api.patch(path, { ownerOrganizationId: 'org_doesnotexist000000' });
    expect([unknown.status, unknown.body.error?.details?.[0]?.path, unknown.body.error?.details?.[0]?.issue]).toEqual([400, 'ownerOrganizationId', 'unknown_reference']);
    expect((await world.admin.patch(`/api/organizations/${world.orgs['FGE-CHIH'].id}`, { active: false })).status).toBe(200);
    const inactive = await member.api.patch(path, { ownerOrganizationId: world.orgs['FGE-CHIH'].id });
    expect([inactive.status, inactive.body.error?.details?.[0]?.issue]).toEqual([400, 'organization_inactive']);
    // Someone outside the group learns nothing of the action.
    expect((await outsider.api.patch(path, { ownerOrganizationId: world.orgs.SSPC.id })).status).toBe(404);
    expect(await recorded()).toHaveLength(1);
    expect((await fac.api.get(`/api/decisions/${d.id}`)).body.actions.find((a: { id: string }) => a.id === action.id).ownerOrganizationId).toBe(world.orgs.FGR.id);
    events.close();
  });
});
