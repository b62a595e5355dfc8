import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { Api, createWorld, PASSWORD } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { closeCode, connectEvents, connectYjs, recordEvents, waitFor, waitSynced } from '../helpers/yjsClient.js';

/** A promise and the function that resolves it. */
function latch(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(BACKENDS)('identity and access on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sets up once, signs in and out, and never says which of email or password was wrong', async () => {
    server = await startTestServer(await backend.fresh());
    const anon = new Api(server.url);
    expect((await anon.get('/api/setup/status')).body).toEqual({ needsSetup: true });
    const world = await createWorld(server.url);
    expect((await anon.get('/api/setup/status')).body).toEqual({ needsSetup: false });
    const again = await anon.post('/api/setup', { email: 'x@y.mx', password: PASSWORD, name: 'X', organization: { name: 'X', acronym: 'X', level: 'federal' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');

    const ana = await world.user('Ana', 'SSPC');
    const me = await ana.api.get('/api/me');
    expect(me.body.user).toMatchObject({ email: ana.email, name: 'Ana', organizationId: world.orgs.SSPC.id, isAdmin: false, locale: 'es' });
    expect(me.body.organization.acronym).toBe('SSPC');
    // The authorization scheme is case-insensitive; a scheme with no token is no session (not a fall-back to cookies).
    for (const scheme of ['bearer', 'BEARER', 'Bearer  ']) {
      const res = await anon.request('GET', '/api/me', undefined, { authorization: `${scheme} ${ana.api.token}` });
      expect(res.status, scheme).toBe(200);
    }
    expect((await anon.request('GET', '/api/me', undefined, { authorization: 'Bearer' })).status).toBe(401);
    // The web app's session check: the same answer as /api/me, and `{me: null}` (200, not 401) for nobody.
    expect((await ana.api.get('/api/session')).body).toEqual({ me: me.body });
    expect(await anon.get('/api/session')).toMatchObject({ status: 200, body: { me: null } });
    expect(await new Api(server.url, 'not-a-session-token').get('/api/session')).toMatchObject({ status: 200, body: { me: null } });

    const unknown = await anon.post('/api/auth/login', { email: 'nobody@enlace.test', password: PASSWORD });
    const wrong = await anon.post('/api/auth/login', { email: ana.email, password: 'wrong-password-123' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');

    const short = await world.admin.post('/api/users', { email: 'short@enlace.test', name: 'S', password: 'short', organizationId: world.orgs.FGR.id });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe('password');
    // Bodies the parser refuses (broken JSON, a non-JSON type) are 400 validation_failed with details too.
    for (const [body, type] of [['{"email":', 'application/json'], ['email=x', 'text/plain']]) {
      const refused = await anon.request('POST', '/api/auth/login', body, { 'content-type': type });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(Array.isArray(refused.body.error.details)).toBe(true);
    }

    const login = await anon.post('/api/auth/login', { email: ana.email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/enlace_session=.+HttpOnly; SameSite=Lax/);
    const session = anon.as(login.body.token);
    expect((await session.get('/api/me')).status).toBe(200);
    expect((await session.post('/api/auth/logout')).status).toBe(204);
    const after = await session.get('/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    // the other session of the same user is untouched
    expect((await ana.api.get('/api/me')).status).toBe(200);
  });

  it('answers 429 after repeated failed sign-ins', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const anon = new Api(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await anon.post('/api/auth/login', { email: ana.email, password: `wrong-${i}-password` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const blocked = await anon.post('/api/auth/login', { email: ana.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    // It says when to come back: the failures are counted over 15 minutes.
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('checks no more guesses than the bound when they are all sent at once', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const anon = new Api(server.url);
    // Each guess was checked against the failures so far before any of them had failed: on PostgreSQL as many as
    // its connection pool held were verified, over the bound of 10.
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => anon.post('/api/auth/login', { email: ana.email, password: `wrong-${i}-password` })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    for (const refused of answers.filter((r) => r.status === 429)) expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await anon.post('/api/auth/login', { email: ana.email, password: PASSWORD })).status).toBe(429);
  });

  it('only members see a working group; cookie writes need an allowed Origin', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const olga = await world.user('Olga', 'FGR');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws);
    expect((await olga.api.get(`/api/workspaces/${ws}`)).status).toBe(404);
    expect((await olga.api.get(`/api/documents/${doc}`)).status).toBe(404);
    expect((await olga.api.get(`/api/workspaces/${ws}/documents`)).status).toBe(404);
    expect((await olga.api.get('/api/workspaces')).body.workspaces).toEqual([]);
    const detail = await ana.api.get(`/api/workspaces/${ws}`);
    expect(detail.body.permissions).toMatchObject({ role: 'facilitator', canEdit: true, canManageMembers: true });
    expect(detail.body.members).toEqual([{ userId: ana.id, name: 'Ana', organizationId: world.orgs.SSPC.id, role: 'facilitator', focalPoint: false }]);

    const cookie = `enlace_session=${ana.api.token}`;
    const cross = await new Api(server.url).request('POST', '/api/workspaces', { name: 'X', mandateAreas: ['corruption'] }, { cookie, origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const same = await new Api(server.url).request('POST', '/api/workspaces', { name: 'Mesa cookie', mandateAreas: ['corruption'] }, { cookie, origin: server.services.config.publicOrigin });
    expect(same.status).toBe(201);
    const page = await fetch(`${server.url}/api/health`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('removing a member closes their document socket and Socket.IO room within a second', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    const doc = await world.document(ana.api, ws);
    const client = connectYjs(server.wsUrl, doc, beto.api.token);
    await waitSynced(client);
    const closed = closeCode(client.provider.ws as unknown as import('ws').WebSocket, 3000);
    const events = await connectEvents(server.url, beto.api.token!, ws);
    const seen = recordEvents(events, ['access:revoked', 'workspace:updated']);
    const started = Date.now();
    expect((await ana.api.delete(`/api/workspaces/${ws}/members/${beto.id}`)).status).toBe(204);
    expect(await closed).toBe(4403);
    await waitFor(() => seen.some((e) => e.event === 'access:revoked'), 1000, 'access:revoked');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(seen.find((e) => e.event === 'access:revoked')!.payload.workspaceId).toBe(ws);
    // later workspace events no longer reach the removed member
    await ana.api.patch(`/api/workspaces/${ws}`, { description: 'actualizada' });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.some((e) => e.event === 'workspace:updated')).toBe(false);
    expect(await closeCode(new (await import('ws')).WebSocket(`${server.wsUrl}/yjs/${doc}?token=${beto.api.token}`))).toBe(4403);
    client.destroy();
    events.close();
  });

  it('signing out closes that session’s document sockets, and its events sockets after access:revoked for each group they joined', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const ws2 = await world.workspace(ana.api, 'Mesa de lavado de dinero');
    const doc = await world.document(ana.api, ws);
    const client = connectYjs(server.wsUrl, doc, ana.api.token);
    await waitSynced(client);
    const closed = closeCode(client.provider.ws as unknown as import('ws').WebSocket, 3000);
    // One events socket in both groups, one in none.
    const both = await connectEvents(server.url, ana.api.token!, ws);
    await both.timeout(5000).emitWithAck('workspace:join', { workspaceId: ws2 });
    const none = await connectEvents(server.url, ana.api.token!);
    const seenBoth = recordEvents(both, ['access:revoked']);
    const seenNone = recordEvents(none, ['access:revoked']);
    const gone = [both, none].map((s) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason))));
    expect((await ana.api.post('/api/auth/logout')).status).toBe(204);
    expect(await closed).toBe(4401);
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    // Every server event names its working group: one per group joined, none with a null id, nothing for no group.
    const payloads = seenBoth.map((e) => e.payload as { workspaceId: string | null; reason: string });
    expect(payloads.sort((a, b) => String(a.workspaceId).localeCompare(String(b.workspaceId)))).toEqual(
      [ws, ws2].sort().map((workspaceId) => ({ workspaceId, reason: 'signed out', sessionEnded: true })),
    );
    expect(seenNone).toEqual([]);
    client.destroy();
  });

  it('signing in again in the same browser ends the old session’s sockets at once, not at the next periodic check', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws);
    const client = connectYjs(server.wsUrl, doc, ana.api.token);
    await waitSynced(client);
    const closed = closeCode(client.provider.ws as unknown as import('ws').WebSocket, 3000);
    const events = await connectEvents(server.url, ana.api.token!, ws);
    const gone = new Promise<string>((resolve) => events.once('disconnect', (reason) => resolve(reason)));
    // Beto signs in on the browser Ana left signed in: her cookie comes along and her session is ended (rotation).
    const login = await new Api(server.url).request('POST', '/api/auth/login', { email: beto.email, password: PASSWORD }, { cookie: `enlace_session=${ana.api.token}`, origin: server.services.config.publicOrigin });
    expect(login.status).toBe(200);
    expect((await ana.api.get('/api/me')).status).toBe(401);
    // Her plan socket kept writing, and her events kept coming, until the 30 s re-check.
    expect(await closed).toBe(4401);
    expect(await gone).toBe('io server disconnect');
    client.destroy();
  });

  it('a document or events socket authorized just before its session signs out is closed once attached, not at the next periodic check', async () => {
    const srv = (server = await startTestServer(await backend.fresh()));
    const world = await createWorld(srv.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws);
    // Each socket is held between its authorization and its attachment until the sign-out has been answered, as a
    // slow plan load or a busy node would hold it: the revocation finds neither of them.
    const signedOut = latch();
    const held = { plan: latch(), events: latch() };
    const hub = srv.services.hub;
    const acquire = hub.acquire.bind(hub);
    hub.acquire = async (...args: Parameters<typeof hub.acquire>) => {
      held.plan.resolve();
      await signedOut.promise;
      return acquire(...args);
    };
    const adapter = srv.services.io.of('/').adapter;
    const addAll = adapter.addAll.bind(adapter);
    adapter.addAll = (id, rooms) => {
      held.events.resolve();
      return signedOut.promise.then(() => addAll(id, rooms));
    };
    const planSocket = new (await import('ws')).WebSocket(`${srv.wsUrl}/yjs/${doc}?token=${ana.api.token}`);
    const planClosed = closeCode(planSocket, 3000);
    const events = io(srv.url, { auth: { token: ana.api.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const eventsGone = new Promise<string>((resolve) => events.once('disconnect', (reason) => resolve(reason)));
    await Promise.all([held.plan.promise, held.events.promise]);
    expect((await ana.api.post('/api/auth/logout')).status).toBe(204);
    const started = Date.now();
    signedOut.resolve();
    expect(await planClosed).toBe(4401);
    expect(await eventsGone).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(1000);
    events.close();
  });

  it('invitation links are single-use and need a facilitator', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    const inv = await ana.api.post(`/api/workspaces/${ws}/invitations`, { role: 'observer' });
    expect(inv.status).toBe(201);
    // Read before use: what it admits to, and nothing used up.
    const preview = await beto.api.post('/api/invitations/preview', { token: inv.body.invitation.token });
    expect(preview.body).toEqual({
      workspaceId: ws,
      workspaceName: 'Mesa de trata de personas',
      role: 'observer',
      invitedBy: { name: 'Ana', acronym: 'SSPC' },
      expiresAt: inv.body.invitation.expiresAt,
      alreadyMember: false,
      usedByYou: false,
      signUp: null,
    });
    expect((await beto.api.get(`/api/workspaces/${ws}`)).status).toBe(404);
    const accepted = await beto.api.post('/api/invitations/accept', { token: inv.body.invitation.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.member).toMatchObject({ userId: beto.id, role: 'observer' });
    expect((await beto.api.get(`/api/workspaces/${ws}`)).body.permissions.canEdit).toBe(false);
    const reused = await carla.api.post('/api/invitations/accept', { token: inv.body.invitation.token });
    expect(reused.status).toBe(404);
    expect((await carla.api.post('/api/invitations/preview', { token: inv.body.invitation.token })).status).toBe(404);
    expect((await beto.api.post('/api/invitations/preview', { token: inv.body.invitation.token })).body).toMatchObject({ alreadyMember: true, usedByYou: true });
    // Beto opening his used link again (from the message it came in) is told he is in, and where; not that it is invalid.
    const again = await beto.api.post('/api/invitations/accept', { token: inv.body.invitation.token });
    expect([again.status, again.body.error.reason, again.body.error.details]).toEqual([409, 'already_member', { workspaceId: ws, joinedWithThis: true }]);
    expect((await beto.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).status).toBe(403);
    // Removed since, he learns nothing more from it.
    expect((await ana.api.delete(`/api/workspaces/${ws}/members/${beto.id}`)).status).toBe(204);
    expect((await beto.api.post('/api/invitations/accept', { token: inv.body.invitation.token })).status).toBe(404);
  });

  it('a member who opens a link meant for someone else does not use it up', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    const first = await ana.api.post(`/api/workspaces/${ws}/invitations`, { role: 'observer' });
    expect((await beto.api.post('/api/invitations/accept', { token: first.body.invitation.token })).status).toBe(200);
    const forCarla = await ana.api.post(`/api/workspaces/${ws}/invitations`, { role: 'facilitator' });
    const opened = await beto.api.post('/api/invitations/accept', { token: forCarla.body.invitation.token });
    expect(opened.status).toBe(409);
    expect(opened.body.error).toMatchObject({ code: 'conflict', reason: 'already_member', details: { workspaceId: ws } });
    // Beto keeps his role, and the link is still there for Carla.
    expect((await beto.api.get(`/api/workspaces/${ws}`)).body.permissions.role).toBe('observer');
    const listed = await ana.api.get(`/api/workspaces/${ws}/invitations`);
    expect(listed.body.invitations.find((i: { id: string }) => i.id === forCarla.body.invitation.id)).toMatchObject({ status: 'pending', usedById: null });
    const joined = await carla.api.post('/api/invitations/accept', { token: forCarla.body.invitation.token });
    expect(joined.status).toBe(200);
    expect(joined.body.member).toMatchObject({ userId: carla.id, role: 'facilitator' });
  });

  it('a removal is not undone by an invitation made before it, and a removed facilitator’s links stop working', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'facilitator');
    // Beto, still a facilitator, keeps a link for himself and one for a third person; Ana makes one too.
    const own = (await beto.api.post(`/api/workspaces/${ws}/invitations`, { role: 'facilitator', expiresInHours: 720 })).body.invitation;
    const forCarla = (await beto.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation;
    const anas = (await ana.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation;
    expect((await ana.api.delete(`/api/workspaces/${ws}/members/${beto.id}`)).status).toBe(204);
    expect((await beto.api.get(`/api/workspaces/${ws}`)).status).toBe(404);

    const back = await beto.api.post('/api/invitations/accept', { token: own.token });
    expect(back.status).toBe(404);
    expect(back.body.error.message).toMatch(/ask a facilitator/);
    expect((await carla.api.post('/api/invitations/accept', { token: forCarla.token })).status).toBe(404);
    // Another facilitator's link made before the removal does not readmit him either.
    const viaAnas = await beto.api.post('/api/invitations/accept', { token: anas.token });
    expect(viaAnas.status).toBe(403);
    expect(viaAnas.body.error.message).toMatch(/removed from this working group/);
    expect((await beto.api.get(`/api/workspaces/${ws}`)).status).toBe(404);
    // The refusals used nothing up: Ana's link still admits Carla, and a link made after the removal readmits Beto.
    expect((await carla.api.post('/api/invitations/accept', { token: anas.token })).body.member).toMatchObject({ userId: carla.id, role: 'member' });
    const fresh = (await ana.api.post(`/api/workspaces/${ws}/invitations`, { role: 'observer' })).body.invitation;
    expect((await beto.api.post('/api/invitations/accept', { token: fresh.token })).body.member).toMatchObject({ userId: beto.id, role: 'observer' });

    const listed = await ana.api.get(`/api/workspaces/${ws}/invitations`);
    expect(listed.status).toBe(200);
    const byId = new Map(listed.body.invitations.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(own.id)).toMatchObject({ status: 'void', role: 'facilitator', createdById: beto.id, usedAt: null });
    expect(byId.get(anas.id)).toMatchObject({ status: 'used', usedById: carla.id });
    expect(JSON.stringify(listed.body)).not.toContain(own.token);
  });

  it('a deactivated facilitator’s links stop working, in the preview, the list and on accepting', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const intruso = await world.user('Intruso', 'FGE-CHIH');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'facilitator');
    const link = (await beto.api.post(`/api/workspaces/${ws}/invitations`, { role: 'facilitator' })).body.invitation;
    expect((await world.admin.patch(`/api/users/${beto.id}`, { active: false })).status).toBe(200);

    expect((await intruso.api.post('/api/invitations/preview', { token: link.token })).status).toBe(404);
    const accepted = await intruso.api.post('/api/invitations/accept', { token: link.token });
    expect(accepted.status).toBe(404);
    expect((await intruso.api.get(`/api/workspaces/${ws}`)).status).toBe(404);
    const listed = (await ana.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations;
    expect(listed.find((i: { id: string }) => i.id === link.id)).toMatchObject({ status: 'void', usedAt: null });
  });

  it('facilitators list and revoke invitation links; a revoked link admits nobody', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    const inv = (await ana.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation;
    expect((await ana.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations).toEqual([expect.objectContaining({ id: inv.id, status: 'pending', role: 'member' })]);
    expect((await ana.api.delete(`/api/invitations/${inv.id}`)).status).toBe(204);
    expect((await beto.api.post('/api/invitations/accept', { token: inv.token })).status).toBe(404);
    expect((await beto.api.get(`/api/workspaces/${ws}`)).status).toBe(404);
    expect((await ana.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations[0]).toMatchObject({ id: inv.id, status: 'revoked' });
    // A used link cannot be revoked (the member is removed instead); an unknown one is 404.
    const used = (await ana.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation;
    expect((await beto.api.post('/api/invitations/accept', { token: used.token })).status).toBe(200);
    expect((await ana.api.delete(`/api/invitations/${used.id}`)).status).toBe(409);
    expect((await ana.api.delete('/api/invitations/inv_doesnotexist00')).status).toBe(404);
    const audit = (await ana.api.get(`/api/workspaces/${ws}/audit`)).body.events.map((e: { action: string }) => e.action);
    expect(audit.filter((a: string) => a === 'invitation.revoked')).toHaveLength(1);
  });

  it('writes exactly one audit event per successful write and none for a failed one', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    await world.document(ana.api, ws);
    await ana.api.patch(`/api/workspaces/${ws}`, { description: 'Mesa interinstitucional' });
    expect((await ana.api.put(`/api/workspaces/${ws}/members/usr_missing`, { role: 'member' })).status).toBe(404);
    expect((await beto.api.patch(`/api/workspaces/${ws}`, { description: 'no' })).status).toBe(403);
    expect((await ana.api.delete(`/api/workspaces/${ws}/members/${ana.id}`)).status).toBe(409);
    const audit = await ana.api.get(`/api/workspaces/${ws}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toEqual(['workspace.updated', 'document.created', 'member.added', 'workspace.created']);
    expect(audit.body.events[2]).toMatchObject({ actorId: ana.id, organizationId: world.orgs.SSPC.id, target: { type: 'user', id: beto.id } });
    expect((await beto.api.get(`/api/workspaces/${ws}/audit`)).status).toBe(403);
  });

  it('audits the focal point an organization loses when another member becomes it', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const bruno = await world.user('Bruno', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    await world.addMember(ws, ana.api, bruno.id, 'member');
    expect((await ana.api.put(`/api/workspaces/${ws}/members/${bruno.id}`, { role: 'member', focalPoint: true })).status).toBe(200);
    const members = (await ana.api.get(`/api/workspaces/${ws}`)).body.members as Array<{ userId: string; focalPoint: boolean }>;
    expect(members.filter((m) => m.focalPoint).map((m) => m.userId)).toEqual([bruno.id]);
    const events = (await ana.api.get(`/api/workspaces/${ws}/audit`)).body.events as Array<{ action: string; target: { id: string }; changes: Record<string, unknown> }>;
    const updates = events.filter((e) => e.action === 'member.updated');
    expect(updates.map((e) => e.target.id).sort()).toEqual([beto.id, bruno.id].sort());
    expect(updates.find((e) => e.target.id === beto.id)?.changes).toEqual({ focalPoint: { from: true, to: false } });
  });
});
