/**
 * A model-based random walk over the public interface, holding two invariants after every step:
 *  1. Need-to-know: nobody sees or touches a working group they are not in (404 on its records, no Socket.IO event
 *     of it after access:revoked, 4403 on its plan sockets, none of its activities in the matrix, its CSV or the
 *     overlaps unless the group shares overlaps, and then only as a hidden side); roles hold (observers comment but
 *     their plan writes are dropped; facilitators run members, decisions' status, meetings and the audit trail;
 *     stances by the organization's focal point or a facilitator on its behalf).
 *  2. Every successful write is in the group's audit trail (or the instance's) exactly once, with its actor; a
 *     refused write leaves no entry and changes nothing (read back).
 * Fixed seeds: a failure names its seed and step, and the last steps, and replays identically (WALK_SEEDS=… runs
 * others).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/yjsClient.js';
import { toggleAccount, toggleOrganization } from './support/walkAccountSteps.js';
import { checkActions, checkComments, checkDecision, checkMeeting, checkMembers, checkVersions, checkVisibility, outsiderProbes, randomOutsiderProbe } from './support/walkChecks.js';
import { approveVersion, changeComment, crossReference, exportOrVisit, nameVersion, postComment, restoreVersion } from './support/walkCommentSteps.js';
import { castStance, changeDecision, createAction, createDecision, createMeeting, runMeeting, updateAction } from './support/walkDecisionSteps.js';
import {
  acceptInvitation,
  createGroup,
  createInvitation,
  createPlan,
  createPlanAs,
  putMember,
  putMemberAs,
  readAudit,
  readNotifications,
  removeMember,
  renamePlan,
  revokeInvitation,
  shareOverlaps,
} from './support/walkGroupSteps.js';
import type { Person } from './support/walkModel.js';
import { addActivity, planSocketStep, planSocketThatMustClose, resolveOverlap } from './support/walkPlanSteps.js';
import { LiveEvents } from './support/walkSockets.js';
import { Walk } from './support/walkWorld.js';

/** Seeds 53 and 89 find the overlap-notice leak (someone removed hearing notification:read of the group) when it is there. */
const SEEDS = (process.env.WALK_SEEDS ?? '11,53,89').split(',').map(Number);
const STEPS = 150;
const PEOPLE = 8;
const MAX_GROUPS = 5;

/** Steps after which who belongs where is read back (refused ones too: they must change nothing). */
const MEMBERSHIP_STEPS = new Set(['putMember', 'removeMember', 'acceptInvitation', 'toggleAccount']);

type Step = { weight: (w: Walk) => number; run: (w: Walk) => Promise<void> };

/** Reads a record back (after a refusal too: it must be as the model says, i.e. unchanged). */
function thenRead<T>(step: (w: Walk) => Promise<T | undefined>, check: (w: Walk, record: T) => Promise<void>): (w: Walk) => Promise<void> {
  return async (w) => {
    const record = await step(w);
    if (record) await check(w, record);
  };
}

const STEP_KINDS: Record<string, Step> = {
  createGroup: { weight: (w) => (w.model.groups.length < MAX_GROUPS ? 2 : 0), run: (w) => createGroup(w) },
  putMember: { weight: () => 14, run: putMember },
  removeMember: { weight: () => 10, run: (w) => removeMember(w, (target, group) => planSocketThatMustClose(w, target, group, 4403)) },
  createInvitation: { weight: () => 2, run: createInvitation },
  acceptInvitation: { weight: () => 2, run: acceptInvitation },
  revokeInvitation: { weight: () => 1, run: revokeInvitation },
  createPlan: { weight: () => 4, run: createPlan },
  renamePlan: { weight: () => 1, run: renamePlan },
  createDecision: { weight: () => 5, run: createDecision },
  changeDecision: { weight: () => 5, run: thenRead(changeDecision, checkDecision) },
  castStance: { weight: () => 8, run: thenRead(castStance, checkDecision) },
  createAction: { weight: () => 3, run: createAction },
  updateAction: { weight: () => 3, run: thenRead(async (w) => (await updateAction(w))?.decision.group, checkActions) },
  createMeeting: { weight: () => 2, run: createMeeting },
  runMeeting: { weight: () => 5, run: thenRead(runMeeting, checkMeeting) },
  postComment: { weight: () => 9, run: thenRead(postComment, checkComments) },
  changeComment: { weight: () => 8, run: thenRead(changeComment, checkComments) },
  nameVersion: { weight: () => 3, run: thenRead(nameVersion, checkVersions) },
  approveVersion: { weight: () => 4, run: thenRead(approveVersion, checkVersions) },
  restoreVersion: { weight: () => 2, run: restoreVersion },
  exportOrVisit: { weight: () => 2, run: exportOrVisit },
  readNotifications: { weight: () => 1, run: readNotifications },
  readAudit: { weight: () => 2, run: readAudit },
  shareOverlaps: { weight: () => 2, run: shareOverlaps },
  addActivity: { weight: () => 5, run: addActivity },
  resolveOverlap: { weight: () => 3, run: resolveOverlap },
  planSocket: { weight: () => 2, run: planSocketStep },
  toggleAccount: { weight: () => 2, run: toggleAccount },
  toggleOrganization: { weight: () => 1, run: toggleOrganization },
  crossReference: { weight: () => 2, run: crossReference },
};

async function walk(server: TestServer, seed: number, admin: Person, organizations: string[]): Promise<void> {
  const w = new Walk(server, seed, admin, organizations);
  try {
    // A seed that failed midway may have left an agency off: each seed starts with all of them on.
    const listed = (await admin.api.get<{ organizations: Array<{ id: string; active: boolean }> }>('/api/organizations')).body.organizations;
    for (const o of listed.filter((x) => organizations.includes(x.id) && !x.active)) await admin.api.patch(`/api/organizations/${o.id}`, { active: true });
    await w.ledger.startInstance();
    // The admin belongs to no group: their socket must hear nothing of any.
    w.allLive.push(await LiveEvents.open(server.url, admin.api.token!, 'admin', () => w.step));
    const people: Person[] = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await w.addPerson(i, organizations[(i + 1) % organizations.length]));
    // Two groups with a few people and a plan each, so the walk starts where things happen.
    for (const [i, creator] of [people[0], people[1]].entries()) {
      await createGroup(w, creator);
      const group = w.model.groups[i];
      const roles = [['facilitator', false], ['member', true], ['observer', undefined]] as const;
      for (const [j, [role, focal]] of roles.entries()) await putMemberAs(w, creator, group, people[2 + ((i * 3 + j) % (PEOPLE - 2))], role, focal);
      await createPlanAs(w, creator, group);
    }
    await w.settle();

    for (w.step = 1; w.step <= STEPS; w.step++) {
      const kind = w.rng.weighted(Object.fromEntries(Object.entries(STEP_KINDS).map(([k, s]) => [k, s.weight(w)])));
      const groupsBefore = new Set(w.model.groups);
      await STEP_KINDS[kind].run(w);
      await randomOutsiderProbe(w);
      const touched = [...w.touched];
      await w.settle();
      if (MEMBERSHIP_STEPS.has(kind)) for (const g of touched) if (groupsBefore.has(g)) await checkMembers(w, g);
      if (w.step % 15 === 0) await checkVisibility(w, w.rng.pick(w.model.people.filter((p) => p.active)));
    }
    w.step = STEPS + 1;
    await finalSweep(w);
  } finally {
    w.close();
  }
}

/** The end of a seed: every probe on every group, everyone's cross-group lists, every trail to its end, live events. */
async function finalSweep(w: Walk): Promise<void> {
  const { model } = w;
  // Every probe on every group: by someone removed from it where there is one (else someone never in it), and on
  // one group by the instance admin; a dead session's probe on each.
  const adminProbed = w.rng.pick(model.groups);
  for (const group of model.groups) {
    const former = model.people.find((p) => group.former.has(p.id) && !group.members.has(p.id));
    const outsider = former ?? w.rng.maybe(model.people.filter((p) => !p.isAdmin && !group.members.has(p.id)));
    if (outsider) await outsiderProbes(w, outsider, group, true);
    if (group === adminProbed) await outsiderProbes(w, w.admin, group, true);
    const dead = model.people.find((p) => !p.active);
    if (dead) await outsiderProbes(w, dead, group, false);
  }
  await w.settle();
  for (const person of model.people) await checkVisibility(w, person);
  // Everyone back, so every trail can be read to its end and the next seed may use every organization.
  for (const person of model.people.filter((p) => !p.active)) {
    await w.call({ label: `reactivate ${person.key} (end)`, actor: w.admin, method: 'PATCH', path: `/api/users/${person.id}`, body: { active: true }, expect: 200, instance: () => [{ action: 'user.reactivated', actorId: w.admin.id, targetId: person.id }] });
    person.active = true;
    await w.signIn(person);
  }
  for (const [organizationId, active] of model.organizations) {
    if (active) continue;
    await w.call({ label: 'reactivate organization (end)', actor: w.admin, method: 'PATCH', path: `/api/organizations/${organizationId}`, body: { active: true }, expect: 200, instance: () => [{ action: 'organization.updated', actorId: w.admin.id, targetId: organizationId }] });
    model.organizations.set(organizationId, true);
  }
  for (const group of model.groups) {
    w.touched.add(group);
    await checkMembers(w, group);
  }
  await w.settle();
  for (const group of model.groups) if (w.ledger.hasPending(group)) w.fail(`${group.key}'s trail could not be read to its end`);

  // Positive control of live events: a decision in each group reaches every member's socket (and, checked by
  // settle, no one else's).
  for (const group of model.groups) {
    const proposer = model.people.find((p) => p.active && model.can(p, group, 'propose'));
    if (!proposer) continue;
    const before = new Map([...w.live].map(([id, live]) => [id, live.count('decision:created', group.id)]));
    await w.call({
      label: `final decision in ${group.key}`,
      actor: proposer,
      method: 'POST',
      path: `/api/workspaces/${group.id}/decisions`,
      body: { title: `Acuerdo final ${group.token}` },
      expect: 201,
      audits: (b) => [[group, { action: 'decision.created', actorId: proposer.id, targetId: (b.decision as { id: string }).id }]],
    });
    for (const id of group.members.keys()) {
      const live = w.live.get(id);
      if (live) await w.guard(() => waitFor(() => live.count('decision:created', group.id) > (before.get(id) ?? 0), 3000, `${model.person(id).key} hearing ${group.key}'s final decision`));
    }
  }
  // Time for anything sent late (after-commit work) to arrive before the last look.
  await new Promise((r) => setTimeout(r, 200));
  await w.settle();
}

describe.each(BACKENDS)('access walk on $name', (backend) => {
  let server: TestServer;
  let admin: Person;
  let organizations: string[];

  beforeAll(async () => {
    // The walk comments far faster than a person would: the comment rate limit is not what it tests.
    server = await startTestServer({ ...(await backend.fresh()), limits: { commentBurst: 100_000, commentsPerMinute: 1_000_000 } });
    const world = await createWorld(server.url);
    admin = { key: 'admin', id: world.adminUser.id, name: 'Administradora', email: 'admin@enlace.test', organizationId: world.adminUser.organizationId, api: world.admin, active: true, isAdmin: true };
    organizations = [world.orgs.UNODC.id, world.orgs.SSPC.id, world.orgs.FGR.id, world.orgs['FGE-CHIH'].id, world.orgs['MUN-JUAREZ'].id];
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(SEEDS)('seed %i holds need-to-know and the audit trail over a random walk', (seed) => walk(server, seed, admin, organizations), 180_000);
});
