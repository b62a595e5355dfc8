/** What every step shares: picking who acts (mostly someone likely allowed), and the shape of expected audit entries. */
import type { ExpectedAudit, Group, Membership, Person } from './walkModel.js';
import type { Walk } from './walkWorld.js';

export type Id = { id: string };
export const idOf = (b: Record<string, unknown>, key: string): string => (b[key] as Id).id;
export const entry = (action: string, actor: Person, targetId?: string, check?: ExpectedAudit['check']): ExpectedAudit => ({ action, actorId: actor.id, targetId, check });

/** Who is likely allowed: an active member of the group in one of these roles (any role when none are named). */
export type Preference = (m: Membership, p: Person) => boolean;
export const editors: Preference = (m) => m.role !== 'observer';
export const facilitators: Preference = (m) => m.role === 'facilitator';

/**
 * Mostly someone likely allowed (`prefer`), often any member (any role, maybe deactivated), sometimes anyone at all,
 * the admin included: the walk needs successes to move and refusals to test.
 */
export function pickActor(w: Walk, group?: Group, prefer?: Preference): Person {
  const members = group ? [...group.members.entries()].map(([id, m]) => ({ p: w.model.person(id), m })) : [];
  const likely = members.filter(({ p, m }) => p.active && (!prefer || prefer(m, p)));
  const r = w.rng.next();
  if (likely.length && r < 0.6) return w.rng.pick(likely).p;
  if (members.length && r < 0.85) return w.rng.pick(members).p;
  return w.rng.chance(0.15) ? w.admin : w.rng.pick(w.model.people.filter((p) => !p.isAdmin));
}

export function pickGroup(w: Walk): Group | undefined {
  return w.rng.maybe(w.model.groups);
}
