/**
 * A person's organization checked while it changes at the same moment. A move, a new account and a sign-up into an
 * agency being deactivated each happen before the deactivation (the agency keeps them, as it keeps its other people)
 * or are refused, never after it. A person accepting an invitation, or being added to a group, while an admin moves
 * them: the membership speaks for the organization they end in.
 * PostgreSQL runs the requests side by side; there a transaction of the test's own also lines them up at a row they
 * both reach, so the collision happens every round. PGlite runs one transaction at a time: there it is a guard.
 */
import { describe, expect, it } from 'vitest';
import { Api, PASSWORD, type ApiResponse } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { holdRows, lineUp } from '../helpers/rowHold.js';
import { useServerWorld } from '../helpers/serverWorld.js';

const ROUNDS = 10;
const LINED_UP = 3;

interface AuditEvent {
  id: string;
  action: string;
  target: { type: string; id: string };
  changes: Record<string, unknown> | null;
}
interface Member {
  userId: string;
  organizationId: string;
}
type Body = { organization?: { active: boolean }; error?: { details?: Array<{ issue?: string }> } };

describe.each(BACKENDS)('organizations checked while they change on $name', (backend) => {
  const h = useServerWorld(backend);

  /** Where `userId` is in the directory now (admins see every account). */
  const organizationOf = async (userId: string) => {
    const directory = await h.world.admin.get<{ users: Array<{ id: string; organizationId: string }> }>('/api/users');
    return directory.body.users.find((u) => u.id === userId)?.organizationId;
  };
  /** The audit entry of `userId`'s move into `org`. */
  const movedTo = (userId: string, org: string) => (e: AuditEvent) =>
    e.action === 'user.updated' && e.target.id === userId && (e.changes?.organizationId as { to?: unknown } | undefined)?.to === org;
  const inactive = (a: ApiResponse<Body>) => a.status === 400 && a.body.error?.details?.[0]?.issue === 'organization_inactive';

  /** A new agency, a member of `workspaceId` to move into it and a sign-up link for it. */
  async function agencyToDeactivate(tag: string, workspaceId: string, fac: Api) {
    const made = await h.world.admin.post('/api/organizations', { name: `Agencia ${tag}`, acronym: `AG-${tag}`, level: 'federal' });
    const person = await h.world.user(`Pablo Mudanza ${tag}`, 'SSPC');
    await h.world.addMember(workspaceId, fac, person.id, 'member');
    const link = await fac.post(`/api/workspaces/${workspaceId}/invitations`, { organizationId: made.body.organization.id });
    return { org: made.body.organization.id as string, person, token: link.body.invitation.token as string };
  }

  /** The deactivation done; each other change done and recorded before it, or refused (documented) and not recorded. */
  async function expectBeforeOrRefused(org: string, off: ApiResponse<Body>, changes: Array<{ what: string; answer: ApiResponse<Body>; event: (e: AuditEvent) => boolean }>) {
    expect([off.status, off.body.organization?.active]).toEqual([200, false]);
    const trail = (await h.world.admin.get<{ events: AuditEvent[] }>('/api/audit?limit=500')).body.events;
    const deactivated = trail.filter((e) => e.action === 'organization.updated' && e.target.id === org);
    expect(deactivated).toHaveLength(1);
    for (const { what, answer, event } of changes) {
      const recorded = trail.filter(event);
      if (answer.status === 200 || answer.status === 201) {
        expect(recorded, what).toHaveLength(1);
        expect(Number(recorded[0].id), `${what} recorded before the deactivation`).toBeLessThan(Number(deactivated[0].id));
      } else {
        expect(inactive(answer) || answer.status === 404, `${what}: ${answer.status} ${JSON.stringify(answer.body)}`).toBe(true);
        expect(recorded, what).toHaveLength(0);
      }
    }
  }

  it('a move, a new account and a sign-up into an agency deactivated at once: each done before it, or refused', async () => {
    const fac = await h.world.user('Fátima Enlaces', 'UNODC', { isAdmin: true });
    const ws = await h.world.workspace(fac.api, 'Mesa de agencias');
    const anon = new Api(h.server.url);
    const origin = { origin: h.server.services.config.publicOrigin };
    for (let round = 0; round < ROUNDS; round++) {
      const { org, person, token } = await agencyToDeactivate(`${round}`, ws, fac.api);
      const email = `nueva.${round}@enlace.test`;
      const [moved, created, signedUp, off] = await Promise.all([
        h.world.admin.patch<Body>(`/api/users/${person.id}`, { organizationId: org }),
        h.world.admin.post<Body>('/api/users', { email, name: `Nueva ${round}`, password: PASSWORD, organizationId: org }),
        anon.request<Body>('POST', '/api/invitations/sign-up', { token, name: `Invitada ${round}`, email: `invitada.${round}@enlace.test`, password: PASSWORD }, origin),
        h.world.admin.patch<Body>(`/api/organizations/${org}`, { active: false }),
      ]);
      const madeIn = (e: AuditEvent) => e.action === 'user.created' && e.changes?.organizationId === org;
      await expectBeforeOrRefused(org, off, [
        { what: `round ${round}: move`, answer: moved, event: movedTo(person.id, org) },
        { what: `round ${round}: new account`, answer: created, event: (e) => madeIn(e) && e.changes?.email === email },
        { what: `round ${round}: sign-up`, answer: signedUp, event: (e) => madeIn(e) && e.changes?.viaInvitation === true },
      ]);
      expect(await organizationOf(person.id)).toBe(moved.status === 200 ? org : h.world.orgs.SSPC.id);
    }
    if (backend.name !== 'postgres') return;
    for (let round = 0; round < LINED_UP; round++) {
      const { org, person } = await agencyToDeactivate(`fila-${round}`, ws, fac.api);
      // The move waits at its group's row, having checked the agency; the deactivation comes meanwhile.
      const hold = await holdRows(h.server.config.databaseUrl!, 'select id from workspaces where id = any($1) for update', [[ws]]);
      const [moved, off] = await lineUp(
        hold,
        () => h.world.admin.patch<Body>(`/api/users/${person.id}`, { organizationId: org }),
        () => h.world.admin.patch<Body>(`/api/organizations/${org}`, { active: false }),
      );
      await expectBeforeOrRefused(org, off, [{ what: `lined-up round ${round}: move`, answer: moved, event: movedTo(person.id, org) }]);
    }
  });

  it('accepting an invitation, being added to a group or creating one while moved: the membership speaks for the organization they end in', async () => {
    const fac = await h.world.user('Fátima Altas', 'UNODC', { isAdmin: true });
    const keys = ['FGR', 'SSPC'];
    const xavi = await h.world.user('Xavi Viajero', 'SSPC');
    /** Xavi's membership in `workspaceId` names the organization Xavi is in now. */
    const expectSpeaksForOwn = async (workspaceId: string, round: string) => {
      const members = (await fac.api.get<{ members: Member[] }>(`/api/workspaces/${workspaceId}`)).body.members;
      expect(members.find((m) => m.userId === xavi.id)?.organizationId, round).toBe(await organizationOf(xavi.id));
    };
    const moveTo = (key: string) => h.world.admin.patch(`/api/users/${xavi.id}`, { organizationId: h.world.orgs[key].id });
    const invite = async (workspaceId: string) => (await fac.api.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'member' })).body.invitation as { id: string; token: string };
    const accept = (token: string) => xavi.api.post('/api/invitations/accept', { token });
    const add = (workspaceId: string) => fac.api.put(`/api/workspaces/${workspaceId}/members/${xavi.id}`, { role: 'member', focalPoint: true });
    for (let round = 0; round < ROUNDS; round++) {
      const [invited, added] = [await h.world.workspace(fac.api, `Mesa invitada ${round}`), await h.world.workspace(fac.api, `Mesa sumada ${round}`)];
      const { token } = await invite(invited);
      const answers = await Promise.all([moveTo(keys[round % 2]), accept(token), add(added), xavi.api.post('/api/workspaces', { name: `Mesa de Xavi ${round}`, mandateAreas: ['corruption'] })]);
      expect(answers.map((a) => a.status), `round ${round}`).toEqual([200, 200, 200, 201]);
      await expectSpeaksForOwn(invited, `round ${round}: invited`);
      await expectSpeaksForOwn(added, `round ${round}: added`);
      // The group Xavi created meanwhile: its facilitator speaks for Xavi's organization too.
      const own = (await xavi.api.get<{ members: Member[] }>(`/api/workspaces/${answers[3].body.workspace.id}`)).body.members;
      expect(own.find((m) => m.userId === xavi.id)?.organizationId, `round ${round}: created`).toBe(await organizationOf(xavi.id));
    }
    if (backend.name !== 'postgres') return;
    const url = h.server.config.databaseUrl!;
    for (let round = 0; round < LINED_UP; round++) {
      const from = (await organizationOf(xavi.id)) === h.world.orgs.SSPC.id ? 'SSPC' : 'FGR';
      const to = from === 'SSPC' ? 'FGR' : 'SSPC';
      // The acceptance waits at its invitation's row (Xavi signed in before the move); the move comes meanwhile.
      const invited = await h.world.workspace(fac.api, `Mesa invitada en fila ${round}`);
      const inv = await invite(invited);
      const held = await holdRows(url, 'select id from invitations where id = any($1) for update', [[inv.id]]);
      expect((await lineUp(held, () => accept(inv.token), () => moveTo(to))).map((a) => a.status)).toEqual([200, 200]);
      await expectSpeaksForOwn(invited, `lined-up round ${round}: invited`);
      // Adding Xavi as focal point waits at the focal point it takes over (their colleague's row), the move meanwhile.
      const added = await h.world.workspace(fac.api, `Mesa sumada en fila ${round}`);
      const colleague = await h.world.user(`Colega ${round}`, to);
      await h.world.addMember(added, fac.api, colleague.id, 'member', true);
      const focal = await holdRows(url, 'select 1 from memberships where workspace_id = $1 and user_id = $2 for update', [added, colleague.id]);
      expect((await lineUp(focal, () => add(added), () => moveTo(from))).map((a) => a.status)).toEqual([200, 200]);
      await expectSpeaksForOwn(added, `lined-up round ${round}: added`);
    }
  });
});
