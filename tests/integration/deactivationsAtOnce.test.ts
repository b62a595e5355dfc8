/**
 * Deactivations that meet other membership changes at the same moment: two facilitators of the same groups deactivated
 * at once (each group's row is locked in id order, never in the order a query happened to return), and a person moved
 * and deactivated while a facilitator changes their role (the groups' rows before their membership rows, as the member
 * routes take them). Every answer is a success, and each group is left with an active facilitator.
 * PostgreSQL runs the requests side by side; there a transaction of the test's own also lines them up at the rows they
 * collide on, so the collision happens every round. PGlite runs one transaction at a time: there it is a guard.
 */
import { describe, expect, it } from 'vitest';
import type { Api, ApiResponse } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { holdRows, lineUp } from '../helpers/rowHold.js';
import { useServerWorld } from '../helpers/serverWorld.js';

const ROUNDS = 10;
const LINED_UP = 3;

interface Member {
  userId: string;
  organizationId: string;
  role: string;
  focalPoint: boolean;
  active?: false;
}
interface AuditEvent {
  action: string;
  target: { type: string; id: string };
  changes: Record<string, unknown> | null;
}

describe.each(BACKENDS)('deactivations meeting other membership changes on $name', (backend) => {
  const h = useServerWorld(backend);
  const lockGroups = 'select id from workspaces where id = any($1) for update';

  /** `viewer`'s view of the group's members. */
  const membersOf = async (viewer: Api, workspaceId: string) => {
    const answer = await viewer.get<{ members: Member[] }>(`/api/workspaces/${workspaceId}`);
    expect(answer.status).toBe(200);
    return answer.body.members;
  };
  const statusesOf = (answers: ApiResponse[]) => answers.map((a) => (a.status === 200 ? 200 : `${a.status} ${JSON.stringify(a.body)}`));

  /**
   * Two facilitators of the same two groups and a member of both. Each made one group and was added to the other's
   * after, so the groups each facilitates, read in the order stored, come in opposite orders.
   */
  async function sharedFacilitators(round: string) {
    const ana = await h.world.user(`Ana Doble ${round}`, 'UNODC');
    const beto = await h.world.user(`Beto Doble ${round}`, 'SSPC');
    const mar = await h.world.user(`Mar Sucesora ${round}`, 'FGR');
    const first = await h.world.workspace(ana.api, `Mesa de Ana ${round}`);
    const second = await h.world.workspace(beto.api, `Mesa de Beto ${round}`);
    await h.world.addMember(first, ana.api, beto.id, 'facilitator');
    await h.world.addMember(second, beto.api, ana.id, 'facilitator');
    await h.world.addMember(first, ana.api, mar.id, 'member');
    await h.world.addMember(second, beto.api, mar.id, 'member');
    return { ana, beto, mar, groups: [first, second] };
  }

  /** Both deactivated, and the member of both groups named to run each (once). */
  async function expectSucceeded(world: Awaited<ReturnType<typeof sharedFacilitators>>, answers: ApiResponse[], round: string) {
    expect(statusesOf(answers), round).toEqual([200, 200]);
    for (const workspaceId of world.groups) {
      const members = await membersOf(world.mar.api, workspaceId);
      expect(members.find((m) => m.userId === world.mar.id)?.role, round).toBe('facilitator');
      expect(members.filter((m) => m.active === false).map((m) => m.userId).sort(), round).toEqual([world.ana.id, world.beto.id].sort());
      const trail = await world.mar.api.get<{ events: AuditEvent[] }>(`/api/workspaces/${workspaceId}/audit?action=member.updated&limit=100`);
      expect(trail.body.events.filter((e) => e.changes?.reason === 'facilitator_deactivated').map((e) => e.target.id), round).toEqual([world.mar.id]);
    }
  }

  it('two facilitators of the same groups deactivated at once: both done, each group run by the member they leave', async () => {
    const deactivate = (userId: string) => h.world.admin.patch(`/api/users/${userId}`, { active: false });
    for (let round = 0; round < ROUNDS; round++) {
      const world = await sharedFacilitators(`${round}`);
      const answers = await Promise.all([deactivate(world.ana.id), deactivate(world.beto.id)]);
      await expectSucceeded(world, answers, `round ${round}`);
    }
    if (backend.name !== 'postgres') return;
    for (let round = 0; round < LINED_UP; round++) {
      const world = await sharedFacilitators(`en fila ${round}`);
      // Both wait at their first group's row; released together, each goes on to its second.
      const hold = await holdRows(h.server.config.databaseUrl!, lockGroups, [world.groups]);
      const sent = [deactivate(world.ana.id), deactivate(world.beto.id)];
      await hold.waiters(2).finally(() => hold.release());
      await expectSucceeded(world, await Promise.all(sent), `lined-up round ${round}`);
    }
  });

  /**
   * A person who facilitates one group (with another facilitator) and speaks for their agency there, and is a member of
   * a second; and a colleague of the same agency in the first.
   */
  async function facilitatorToMove(round: string) {
    const fac = await h.world.user(`Fátima Fija ${round}`, 'UNODC');
    const xavi = await h.world.user(`Xavi Mudanza ${round}`, 'SSPC');
    const yoli = await h.world.user(`Yoli Colega ${round}`, 'SSPC');
    const led = await h.world.workspace(fac.api, `Mesa dirigida ${round}`);
    const joined = await h.world.workspace(fac.api, `Mesa de apoyo ${round}`);
    await h.world.addMember(led, fac.api, xavi.id, 'facilitator', true);
    await h.world.addMember(led, fac.api, yoli.id, 'member');
    await h.world.addMember(joined, fac.api, xavi.id, 'member', true);
    return { fac, xavi, yoli, led, joined };
  }
  type MoveWorld = Awaited<ReturnType<typeof facilitatorToMove>>;

  /**
   * Every answer 200; Xavi moved and deactivated, a focal point nowhere, with `role` in the group they ran, which its
   * facilitator still runs; Yoli speaking for their agency there when `focalTaken`.
   */
  async function expectMoved(world: MoveWorld, answers: ApiResponse[], round: string, role: 'member' | 'facilitator', focalTaken: boolean) {
    expect(statusesOf(answers), round).toEqual(answers.map(() => 200));
    const fgr = h.world.orgs.FGR.id;
    const stored = (await h.world.admin.get<{ users: Array<{ id: string; organizationId: string; active: boolean }> }>('/api/users')).body.users.find((u) => u.id === world.xavi.id);
    expect(stored, round).toMatchObject({ organizationId: fgr, active: false });
    const led = await membersOf(world.fac.api, world.led);
    expect(led.find((m) => m.userId === world.xavi.id), round).toMatchObject({ organizationId: fgr, role, focalPoint: false, active: false });
    expect(led.find((m) => m.userId === world.fac.id)?.role, round).toBe('facilitator');
    expect(led.find((m) => m.userId === world.yoli.id)?.focalPoint, round).toBe(focalTaken);
    const joined = await membersOf(world.fac.api, world.joined);
    expect(joined.find((m) => m.userId === world.xavi.id), round).toMatchObject({ organizationId: fgr, role: 'member', focalPoint: false });
  }

  it('a person moved and deactivated while their role, or who speaks for their agency, changes in a group they run: all done', async () => {
    const moveAndDeactivate = (world: MoveWorld) => h.world.admin.patch(`/api/users/${world.xavi.id}`, { organizationId: h.world.orgs.FGR.id, active: false });
    const demote = (world: MoveWorld) => world.fac.api.put(`/api/workspaces/${world.led}/members/${world.xavi.id}`, { role: 'member' });
    // Yoli becoming the focal point takes it from Xavi: a write to Xavi's membership row, the group's row locked first.
    const takeFocal = (world: MoveWorld) => world.fac.api.put(`/api/workspaces/${world.led}/members/${world.yoli.id}`, { role: 'member', focalPoint: true });
    for (let round = 0; round < ROUNDS; round++) {
      const world = await facilitatorToMove(`${round}`);
      const answers = await Promise.all([moveAndDeactivate(world), demote(world), takeFocal(world)]);
      await expectMoved(world, answers, `round ${round}`, 'member', true);
    }
    if (backend.name !== 'postgres') return;
    for (let round = 0; round < LINED_UP; round++) {
      // Each change queues first at the group's row, the move and deactivation after it.
      const demoting = await facilitatorToMove(`en fila ${round}`);
      const hold = await holdRows(h.server.config.databaseUrl!, lockGroups, [[demoting.led]]);
      await expectMoved(demoting, await lineUp(hold, () => demote(demoting), () => moveAndDeactivate(demoting)), `lined-up round ${round}`, 'member', false);
      const handing = await facilitatorToMove(`en fila, portavoz ${round}`);
      const focal = await holdRows(h.server.config.databaseUrl!, lockGroups, [[handing.led]]);
      await expectMoved(handing, await lineUp(focal, () => takeFocal(handing), () => moveAndDeactivate(handing)), `lined-up focal round ${round}`, 'facilitator', true);
    }
  });

  it('an invitation accepted while its person is deactivated: refused once the deactivation is through, and no membership', async () => {
    const fac = await h.world.user('Fabiola Invita', 'UNODC');
    const ws = await h.world.workspace(fac.api, 'Mesa con invitación');
    // One after the other (PGlite runs one transaction at a time): the deactivation signed them out.
    const late = await h.world.user('Lalo Tardío', 'FGR');
    const link = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation as { token: string };
    expect((await h.world.admin.patch(`/api/users/${late.id}`, { active: false })).status).toBe(200);
    expect((await late.api.post('/api/invitations/accept', { token: link.token })).status).toBe(401);
    expect((await membersOf(fac.api, ws)).map((m) => m.userId)).not.toContain(late.id);
    if (backend.name !== 'postgres') return;
    for (let round = 0; round < LINED_UP; round++) {
      const leaving = await h.world.user(`Lidia Saliente ${round}`, 'FGR');
      const { token } = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation as { token: string };
      // The deactivation waits at the person's row; the acceptance, signed in before it, comes meanwhile and waits there too.
      const hold = await holdRows(h.server.config.databaseUrl!, 'select id from users where id = any($1) for update', [[leaving.id]]);
      const [off, accepted] = await lineUp(
        hold,
        () => h.world.admin.patch(`/api/users/${leaving.id}`, { active: false }),
        () => leaving.api.post('/api/invitations/accept', { token }),
      );
      expect([off.status, off.body.active], `round ${round}: deactivated`).toEqual([200, false]);
      expect([accepted.status, accepted.body.error?.code], `round ${round}: accepted`).toEqual([401, 'unauthenticated']);
      expect((await membersOf(fac.api, ws)).map((m) => m.userId), `round ${round}: members`).not.toContain(leaving.id);
    }
  });

  it('a member deactivated waits for a change in progress in each of their groups, so a promotion to facilitator made meanwhile is seen', async () => {
    const fac = await h.world.user('Fabiola Espera', 'UNODC');
    const member = await h.world.user('Mauro Miembro', 'FGR');
    const ws = await h.world.workspace(fac.api, 'Mesa en cambio');
    await h.world.addMember(ws, fac.api, member.id, 'member');
    // A member of the group, deactivated with nothing in its way: shown as inactive, the facilitator still there.
    const alone = await h.world.user('Mina Sola', 'FGR');
    await h.world.addMember(ws, fac.api, alone.id, 'member');
    expect((await h.world.admin.patch(`/api/users/${alone.id}`, { active: false })).status).toBe(200);
    const members = await membersOf(fac.api, ws);
    expect(members.find((m) => m.userId === alone.id)?.active).toBe(false);
    expect(members.find((m) => m.userId === fac.id)?.role).toBe('facilitator');
    if (backend.name !== 'postgres') return;
    // The group's row held, as another deactivation naming this member its facilitator holds it until it commits.
    const hold = await holdRows(h.server.config.databaseUrl!, lockGroups, [[ws]]);
    let answered = false;
    let off: Promise<ApiResponse> | undefined;
    try {
      off = h.world.admin.patch(`/api/users/${member.id}`, { active: false }).finally(() => {
        answered = true;
      });
      await hold.waiters(1);
      expect(answered, 'the deactivation waits for the group').toBe(false);
    } finally {
      await hold.release();
    }
    expect((await off)?.status).toBe(200);
  });
});
