/**
 * An invitation for a person without an account: the facilitator names the agency (an account's agency is vouched for,
 * never self-chosen), anyone holding the link can read what it is for, and signing up with it creates the account in
 * that agency, adds it to the group with the link's role and signs the person in, in one go. A link made without an
 * agency admits no sign-up: 404, the same answer as a link that admits no one (the preview already says `signUp: null`,
 * so a holder is never left guessing, and a stranger learns nothing more about a token than from any other refusal).
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { invitations, users } from '../../db/schema.js';
import { Api, createWorld, PASSWORD } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

type Body = Record<string, any>;
const INVALID = 'This invitation is invalid, expired, revoked or already used; ask a facilitator for a new one';
let seq = 0;
const newcomer = (name = 'Nora Nueva') => ({ name, email: `nora.${++seq}@fgr.test`, password: 'una-clave-larga-y-segura' });

describe.each(BACKENDS)('invitations for people without an account on $name', (backend) => {
  const h = useServerWorld(backend);
  const anon = () => new Api(h.server.url);
  const origin = () => ({ origin: h.server.services.config.publicOrigin });
  const signUp = (body: Body, headers: Record<string, string> = origin()) => anon().request('POST', '/api/invitations/sign-up', body, headers);

  /** A group facilitated by a new person (an instance admin: people are the admins'), with one member, and a sign-up link for FGR. */
  async function group(role = 'observer') {
    const fac = await h.world.user('Fátima Mesa', 'UNODC', { isAdmin: true });
    const mario = await h.world.user('Mario Miembro', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de trata de personas');
    await h.world.addMember(ws, fac.api, mario.id, 'member');
    const created = await fac.api.post(`/api/workspaces/${ws}/invitations`, { role, organizationId: h.world.orgs.FGR.id });
    expect(created.status).toBe(201);
    return { fac, mario, ws, inv: created.body.invitation as Body };
  }

  it('a facilitator names the agency of the account the link creates; only an active one, only facilitators', async () => {
    const { fac, mario, ws, inv } = await group();
    expect(inv).toMatchObject({ role: 'observer', organizationId: h.world.orgs.FGR.id, path: `/invite/${inv.token}` });
    const plain = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation;
    expect(plain.organizationId).toBeNull();
    expect((await mario.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: h.world.orgs.FGR.id })).status).toBe(403);

    const unknown = await fac.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: 'org_doesnotexist00' });
    expect([unknown.status, unknown.body.error.details]).toEqual([400, [{ path: 'organizationId', message: 'Unknown organization', issue: 'unknown_reference' }]]);
    expect((await fac.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: 'not an id' })).status).toBe(400);
    const pgr = (await h.world.admin.post('/api/organizations', { name: 'Procuraduría General', acronym: `PGR${++seq}`, level: 'federal' })).body.organization.id;
    await h.world.admin.patch(`/api/organizations/${pgr}`, { active: false });
    const inactive = await fac.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: pgr });
    expect([inactive.status, inactive.body.error.details[0].issue]).toEqual([400, 'organization_inactive']);

    const listed = (await fac.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations as Body[];
    expect(listed.map((i) => [i.id, i.organizationId, i.status])).toEqual([
      [plain.id, null, 'pending'],
      [inv.id, h.world.orgs.FGR.id, 'pending'],
    ]);
    const trail = (await fac.api.get(`/api/workspaces/${ws}/audit?action=invitation.created`)).body.events as Body[];
    expect(trail.find((e) => e.target.id === inv.id)?.changes).toMatchObject({ role: 'observer', organizationId: h.world.orgs.FGR.id });
    expect(trail.find((e) => e.target.id === plain.id)?.changes).not.toHaveProperty('organizationId');
  });

  it('a facilitator who is no instance admin vouches only for their own agency; a link whose maker lost that right admits no sign-up', async () => {
    const { fac, mario, ws, inv } = await group('member');
    await h.world.addMember(ws, fac.api, mario.id, 'facilitator');
    const other = await mario.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: h.world.orgs.FGR.id });
    expect([other.status, other.body.error.code]).toEqual([403, 'forbidden']);
    expect(other.body.error.message).toMatch(/administrator/);
    const own = await mario.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: h.world.orgs.SSPC.id });
    expect([own.status, own.body.invitation.organizationId]).toEqual([201, h.world.orgs.SSPC.id]);
    const person = newcomer('Sara Propia');
    expect((await signUp({ token: own.body.invitation.token, ...person })).body.user).toMatchObject({ email: person.email, organizationId: h.world.orgs.SSPC.id });

    // Fátima's link for FGR was made while she was an admin; she is no longer one: the link still lets an account
    // join, but creates none.
    await h.server.services.database.db.update(users).set({ isAdmin: false }).where(eq(users.id, fac.id));
    expect((await anon().post('/api/invitations/preview', { token: inv.token })).body).toMatchObject({ role: 'member', signUp: null });
    const refused = newcomer('Nadia Falsa');
    expect((await signUp({ token: inv.token, ...refused })).status).toBe(404);
    expect(((await h.world.admin.get('/api/users')).body.users as Body[]).some((u) => u.email === refused.email)).toBe(false);
  });

  it('answers the preview without a session, saying which agency the new account would join', async () => {
    const { fac, ws, inv } = await group();
    const seen = await anon().post('/api/invitations/preview', { token: inv.token });
    expect(seen.body).toEqual({
      workspaceId: ws,
      workspaceName: 'Mesa de trata de personas',
      role: 'observer',
      invitedBy: { name: 'Fátima Mesa', acronym: 'UNODC' },
      expiresAt: inv.expiresAt,
      alreadyMember: false,
      usedByYou: false,
      signUp: { organization: { name: 'FGR', acronym: 'FGR' } },
    });
    const plain = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation;
    expect((await anon().post('/api/invitations/preview', { token: plain.token })).body).toMatchObject({ role: 'member', signUp: null, alreadyMember: false });
    expect((await anon().post('/api/invitations/preview', { token: 'no-such-token-at-all' })).body.error).toMatchObject({ code: 'not_found', message: INVALID });
    // Signed in, the preview is as before.
    expect((await fac.api.post('/api/invitations/preview', { token: inv.token })).body).toMatchObject({ alreadyMember: true, usedByYou: false });
  });

  it('signs up: an account in that agency (never an admin), a member with the link’s role, signed in by cookie', async () => {
    const { fac, ws, inv } = await group();
    const events = await connectEvents(h.server.url, fac.api.token!, ws);
    const heard = recordEvents(events, ['member:updated']);
    const nora = newcomer();
    const res = await signUp({ token: inv.token, ...nora, email: nora.email.toUpperCase() });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: nora.email, name: 'Nora Nueva', organizationId: h.world.orgs.FGR.id, isAdmin: false });
    expect(res.body).toMatchObject({ workspaceId: ws, member: { userId: res.body.user.id, role: 'observer', organizationId: h.world.orgs.FGR.id, focalPoint: false } });
    const cookie = /enlace_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    expect(res.headers.get('set-cookie')).toMatch(/enlace_session=.+HttpOnly; SameSite=Lax/);
    const me = await anon().request('GET', '/api/me', undefined, { cookie: cookie! });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: res.body.user.id, isAdmin: false });
    expect(me.body.organization.acronym).toBe('FGR');
    expect(me.body.memberships).toEqual([expect.objectContaining({ workspaceId: ws, role: 'observer' })]);
    expect((await anon().as(res.body.token).get(`/api/workspaces/${ws}`)).body.permissions.canEdit).toBe(false);
    await waitFor(() => heard.some((e) => e.payload.member?.userId === res.body.user.id), 5000, 'member:updated');
    events.disconnect();

    // The facilitator sees them in the group and the link used by them; the trail says how the account came.
    const members = (await fac.api.get(`/api/workspaces/${ws}`)).body.members as Body[];
    expect(members.find((m) => m.userId === res.body.user.id)).toMatchObject({ name: 'Nora Nueva', organizationId: h.world.orgs.FGR.id, role: 'observer' });
    expect((await fac.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations.find((i: Body) => i.id === inv.id)).toMatchObject({ status: 'used', usedById: res.body.user.id });
    const accepted = (await fac.api.get(`/api/workspaces/${ws}/audit?action=invitation.accepted`)).body.events as Body[];
    expect(accepted.find((e) => e.target.id === inv.id)).toMatchObject({ actorId: res.body.user.id, changes: { userId: res.body.user.id, role: 'observer', signedUp: true } });
    const created = (await h.world.admin.get('/api/audit?action=user.created')).body.events as Body[];
    expect(created.find((e) => e.target.id === res.body.user.id)).toMatchObject({
      actorId: res.body.user.id,
      organizationId: h.world.orgs.FGR.id,
      changes: { email: nora.email, organizationId: h.world.orgs.FGR.id, isAdmin: false, viaInvitation: true, invitedById: fac.id },
    });
    // A password that signs in like any other.
    expect((await anon().post('/api/auth/login', { email: nora.email, password: nora.password })).status).toBe(200);

    // Used: nobody signs up, accepts or reads it again (the person who used it still can, signed in).
    const again = await signUp({ token: inv.token, ...newcomer('Otra Persona') });
    expect([again.status, again.body.error.message]).toEqual([404, INVALID]);
    expect((await anon().post('/api/invitations/preview', { token: inv.token })).status).toBe(404);
    expect((await anon().as(res.body.token).post('/api/invitations/preview', { token: inv.token })).body).toMatchObject({ alreadyMember: true, usedByYou: true, signUp: null });
  });

  it('sent again after a lost reply, signs in the account it made; with another email or password, or once removed, 404', async () => {
    const { fac, ws, inv } = await group('member');
    const nora = newcomer();
    const first = await signUp({ token: inv.token, ...nora });
    expect(first.status).toBe(201);

    // The same request again (its reply never arrived): the same answer, a fresh session, no second account.
    const retry = await signUp({ token: inv.token, ...nora, email: ` ${nora.email.toUpperCase()}` });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ user: first.body.user, workspaceId: ws, member: first.body.member });
    expect(retry.body.token).not.toBe(first.body.token);
    expect(retry.headers.get('set-cookie')).toMatch(/enlace_session=.+HttpOnly/);
    expect((await anon().as(retry.body.token).get('/api/me')).body.user.id).toBe(first.body.user.id);
    const users = (await h.world.admin.get('/api/users')).body.users as Body[];
    expect(users.filter((u) => u.email === nora.email)).toHaveLength(1);
    // The trail: one account made, one link accepted, two sessions.
    const created = (await h.world.admin.get('/api/audit?action=user.created')).body.events as Body[];
    expect(created.filter((e) => e.target.id === first.body.user.id)).toHaveLength(1);
    const accepted = (await fac.api.get(`/api/workspaces/${ws}/audit?action=invitation.accepted`)).body.events as Body[];
    expect(accepted.filter((e) => e.target.id === inv.id)).toHaveLength(1);
    const sessions = (await h.world.admin.get('/api/audit?action=session.created')).body.events as Body[];
    expect(sessions.filter((e) => e.target.id === first.body.user.id)).toHaveLength(2);

    // Its session cookie arrived but not the rest: sent with that session, answered the same (no account made).
    const withSession = await anon().as(first.body.token).post('/api/invitations/sign-up', { token: inv.token, ...nora });
    expect(withSession.status).toBe(201);
    expect(withSession.body).toMatchObject({ user: first.body.user, workspaceId: ws, member: first.body.member });
    // Anyone else signed in is still told to accept the link instead.
    const other = await fac.api.post('/api/invitations/sign-up', { token: inv.token, ...nora });
    expect([other.status, other.body.error.message]).toEqual([403, expect.stringMatching(/signed in/)]);

    // Anyone else holding the used link proves nothing: a wrong password, another email.
    for (const [what, body] of [
      ['wrong password', { ...nora, password: 'otra-clave-larga-y-segura' }],
      ['another email', { ...newcomer(), password: nora.password }],
    ] as const) {
      const res = await signUp({ token: inv.token, ...body });
      expect([res.status, res.body.error.message], what).toEqual([404, INVALID]);
      expect(res.headers.get('set-cookie'), what).toBeNull();
    }
    // Removed from the group since: the link does not sign them in any more (sign-in still does).
    await fac.api.delete(`/api/workspaces/${ws}/members/${first.body.user.id}`);
    expect((await signUp({ token: inv.token, ...nora })).status).toBe(404);
    expect((await anon().post('/api/auth/login', { email: nora.email, password: nora.password })).status).toBe(200);
  });

  it('refuses links that admit no one, taken emails, bad bodies, signed-in and cross-site callers, using nothing up', async () => {
    const { fac, mario, ws, inv } = await group('member');
    const status = async (id: string) => (await fac.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations.find((i: Body) => i.id === id).status;
    const accountExists = async (email: string) => ((await h.world.admin.get('/api/users')).body.users as Body[]).some((u) => u.email === email);

    const taken = await signUp({ token: inv.token, ...newcomer(), email: mario.email.toUpperCase() });
    expect([taken.status, taken.body.error.reason]).toEqual([409, 'email_taken']);
    expect(taken.body.error.message).toMatch(/sign in .*open the invitation link again/);
    for (const [body, path] of [
      [{ ...newcomer(), password: 'corta' }, 'password'],
      [{ ...newcomer(), email: 'no-es-correo' }, 'email'],
      [{ ...newcomer(), name: '' }, 'name'],
      [{ email: 'x@fgr.test', password: PASSWORD }, 'name'],
    ] as const) {
      const bad = await signUp({ token: inv.token, ...body });
      expect([bad.status, bad.body.error.code], path).toEqual([400, 'validation_failed']);
      expect(bad.body.error.details.map((d: Body) => d.path), path).toContain(path);
    }
    expect((await signUp({ ...newcomer() })).status).toBe(400);
    const crossSite = newcomer();
    const refusedOrigin = await signUp({ token: inv.token, ...crossSite }, { origin: 'https://evil.example' });
    expect(refusedOrigin.status).toBe(403);
    const signedIn = await fac.api.post('/api/invitations/sign-up', { token: inv.token, ...newcomer() });
    expect(signedIn.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/signed in/) });
    expect(await status(inv.id)).toBe('pending');
    expect(await accountExists(crossSite.email)).toBe(false);

    // A link made for people who have an account, a revoked one, an expired one: no sign-up, no account.
    const plain = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation;
    const revoked = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: h.world.orgs.FGR.id })).body.invitation;
    await fac.api.delete(`/api/invitations/${revoked.id}`);
    const expired = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: h.world.orgs.FGR.id })).body.invitation;
    await h.server.services.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.id));
    for (const [what, token] of [['plain', plain.token], ['revoked', revoked.token], ['expired', expired.token]]) {
      const person = newcomer();
      const res = await signUp({ token, ...person });
      expect([res.status, res.body.error.message], what).toEqual([404, INVALID]);
      expect(await accountExists(person.email), what).toBe(false);
    }
    expect(await status(plain.id)).toBe('pending');
    expect((await anon().post('/api/invitations/preview', { token: expired.token })).status).toBe(404);

    // Its facilitator no longer facilitates: the link speaks for nobody.
    const gabi = await h.world.user('Gabriela Guía', 'FGR');
    await h.world.addMember(ws, fac.api, gabi.id, 'facilitator');
    const gabis = (await gabi.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: h.world.orgs.FGR.id })).body.invitation;
    await h.world.addMember(ws, fac.api, gabi.id, 'member');
    expect((await anon().post('/api/invitations/preview', { token: gabis.token })).status).toBe(404);
    expect((await signUp({ token: gabis.token, ...newcomer() })).status).toBe(404);

    // The agency was deactivated since: the link offers no sign-up any more.
    const pgr = (await h.world.admin.post('/api/organizations', { name: 'Procuraduría', acronym: `PGR${++seq}`, level: 'federal' })).body.organization.id;
    const forPgr = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: pgr })).body.invitation;
    await h.world.admin.patch(`/api/organizations/${pgr}`, { active: false });
    expect((await anon().post('/api/invitations/preview', { token: forPgr.token })).body.signUp).toBeNull();
    expect((await signUp({ token: forPgr.token, ...newcomer() })).status).toBe(404);

    // After all that, the first link still works for its person.
    expect((await signUp({ token: inv.token, ...newcomer('Nora Final') })).body.member).toMatchObject({ role: 'member', organizationId: h.world.orgs.FGR.id });
  });
});

describe.each(BACKENDS)('sign-up attempts are bounded per address on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A facilitator's pending invitation on a server that bounds each address to 5 failures, and a stranger to try it. */
  async function boundedInvitation() {
    server = await startTestServer({ ...(await backend.fresh()), limits: { loginFailures: 1 } });
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima', 'UNODC', { isAdmin: true });
    const ws = await world.workspace(fac.api);
    const inv = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { organizationId: world.orgs.FGR.id })).body.invitation;
    return { fac, ws, inv, anon: new Api(server.url) };
  }

  it('an address whose sign-ups keep failing waits, as with sign-in', async () => {
    // Sign-in allows 5 × loginFailures failures per address: 5 here.
    const { fac, ws, inv, anon } = await boundedInvitation();
    for (let i = 0; i < 5; i++) expect((await anon.post('/api/invitations/sign-up', { token: `guessed-token-${i}`, ...newcomer() })).status).toBe(404);
    const blocked = await anon.post('/api/invitations/sign-up', { token: inv.token, ...newcomer() });
    expect([blocked.status, blocked.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Nothing was used up by the refusal.
    expect((await fac.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations[0].status).toBe('pending');
    // Sign-in is counted apart: the address still signs in.
    expect((await anon.post('/api/auth/login', { email: fac.email, password: PASSWORD })).status).toBe(200);
  });

  it('checks no more failing sign-ups than the bound when they are all sent at once', async () => {
    const { fac, ws, inv, anon } = await boundedInvitation();
    // Each attempt was checked against the failures so far before any of them had failed: on PostgreSQL as many as
    // its connection pool held went on to probe a token (or, with the real link, an email), over the bound of 5.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        anon.post('/api/invitations/sign-up', i % 2 ? { token: `guessed-token-${i}`, ...newcomer() } : { token: inv.token, ...newcomer(), email: fac.email }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 429)).toHaveLength(5);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 404 || s === 409)).toBe(true);
    for (const refused of answers.filter((r) => r.status === 429)) expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The address waits now, even with the link and a free email; and nothing was used up.
    expect((await anon.post('/api/invitations/sign-up', { token: inv.token, ...newcomer() })).status).toBe(429);
    expect((await fac.api.get(`/api/workspaces/${ws}/invitations`)).body.invitations[0].status).toBe('pending');
  });
});
