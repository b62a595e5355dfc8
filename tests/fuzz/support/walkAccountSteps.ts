/**
 * An admin deactivates and reactivates people and organizations. Deactivation ends every session (sockets closed,
 * 4401 on plan sockets) and names a successor where the person was the last active facilitator; an organization
 * switched off keeps its people in their groups (by design) but may own nothing new.
 */
import type { ExpectedAudit, Group, Person } from './walkModel.js';
import { entry } from './walkPick.js';
import { planSocketThatMustClose } from './walkPlanSteps.js';
import type { Walk } from './walkWorld.js';

/**
 * An admin deactivates or reactivates a person. Deactivation ends every session (sockets closed, 4401 on plan
 * sockets) and names a successor where they were the last active facilitator; reactivation lets them sign in again.
 */
export async function toggleAccount(w: Walk): Promise<void> {
  const person = w.rng.pick(w.model.people.filter((p) => !p.isAdmin));
  // Mostly a change; sometimes the state it already has (answered, not recorded).
  const active = w.rng.chance(0.85) ? !person.active : person.active;
  if (active === person.active) {
    await w.call({ label: `set ${person.key} active=${active} again`, actor: w.admin, method: 'PATCH', path: `/api/users/${person.id}`, body: { active }, expect: 200, groups: w.model.groupsOf(person) });
    return;
  }
  if (active) {
    await w.call({ label: `reactivate ${person.key}`, actor: w.admin, method: 'PATCH', path: `/api/users/${person.id}`, body: { active: true }, expect: 200, instance: () => [entry('user.reactivated', w.admin, person.id)] });
    person.active = true;
    await w.signIn(person);
    return;
  }
  const successors = w.model
    .groupsOf(person)
    .filter((g) => g.members.get(person.id)?.role === 'facilitator' && !w.model.activeFacilitators(g, person.id).length)
    .flatMap((g): Array<[Group, Person]> => {
      const s = w.model.successor(g, person);
      return s ? [[g, s]] : [];
    });
  const group = w.rng.maybe(w.model.groupsOf(person));
  const planClosed = group && w.rng.chance(0.5) ? await planSocketThatMustClose(w, person, group, 4401) : undefined;
  await w.call({
    label: `deactivate ${person.key}`,
    actor: w.admin,
    method: 'PATCH',
    path: `/api/users/${person.id}`,
    body: { active: false },
    expect: 200,
    groups: w.model.groupsOf(person),
    audits: () => successors.map(([g, s]): [Group, ExpectedAudit] => [g, entry('member.updated', w.admin, s.id)]),
    instance: () => [entry('user.deactivated', w.admin, person.id)],
  });
  person.active = false;
  for (const [g, s] of successors) g.members.get(s.id)!.role = 'facilitator';
  const live = w.live.get(person.id);
  w.live.delete(person.id);
  if (live) await w.guard(() => live.ended(`deactivating ${person.key}`));
  if (planClosed) await planClosed();
}

/** An admin deactivates or reactivates an agency (never the admin's own): its people keep their groups. */
export async function toggleOrganization(w: Walk): Promise<void> {
  const organizationId = w.rng.pick(w.organizations.slice(1));
  const active = w.rng.chance(0.5);
  const changed = w.model.organizations.get(organizationId) !== active;
  await w.call({
    label: `set organization ${organizationId.slice(-4)} active=${active}`,
    actor: w.admin,
    method: 'PATCH',
    path: `/api/organizations/${organizationId}`,
    body: { active },
    expect: 200,
    instance: () => (changed ? [entry('organization.updated', w.admin, organizationId)] : []),
  });
  w.model.organizations.set(organizationId, active);
}

