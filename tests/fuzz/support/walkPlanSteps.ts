/**
 * The walk's steps over plan sockets and overlaps: activity rows written through stock y-websocket clients
 * (observers' writes dropped), who may open a plan socket, and resolving overlap flags (with the groups' sharing
 * setting).
 */
import { MANDATE_AREAS } from '../../../shared/constants.js';
import type { Activity as PlanActivity } from '../../../shared/planModel.js';
import { waitFor } from '../../helpers/yjsClient.js';
import { admission, closesWithin, storedActivityIds, writeActivities } from './walkPlans.js';
import type { Activity, ExpectedAudit, Family, Group, Person } from './walkModel.js';
import { editors, entry, pickActor } from './walkPick.js';
import type { Walk } from './walkWorld.js';

type OverlapSide = { documentId?: string; activityId?: string; hidden?: boolean };
export interface OverlapJson {
  id: string;
  a: OverlapSide;
  b: OverlapSide;
  status: string;
}

/** Each family has its own mandate area and state (three states a walk): they overlap each other only. */
const FAMILIES_PER_WALK = MANDATE_AREAS.length * 3;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Opens a plan socket of the group for the person and returns a check that it closed with `code` within the
 * contract's second (or undefined when the group has no plan).
 */
export async function planSocketThatMustClose(w: Walk, person: Person, group: Group, code: number): Promise<(() => Promise<void>) | undefined> {
  const plan = group.plans[0];
  if (!plan) return undefined;
  const { result, closed } = await admission(w.server, plan.id, person.api.token);
  if (result !== 'open') w.fail(`${person.key} could not open ${plan.key} before the change: ${result}`);
  return async () => {
    // Called once the change is answered: a second and a half from there covers the contract's second.
    const got = await closesWithin(closed, 1500);
    if (got !== code) w.fail(`${person.key}'s socket on ${plan.key} should close with ${code} within a second; got ${got}`);
  };
}

/** Who may open a plan socket: 4401 without a live session, 4403 outside the group, 4404 for no plan; members get in. */
export async function probePlanSocket(w: Walk, person: Person, documentId: string, group: Group | undefined, label: string): Promise<void> {
  const want = !person.active ? 4401 : !group ? 4404 : group.members.has(person.id) ? 'open' : 4403;
  w.note(`${label} (${person.key}) → expect ${want}`);
  const { ws, result } = await admission(w.server, documentId, person.api.token);
  ws.close();
  if (result !== want) w.fail(`${label} as ${person.key}: expected ${want}, got ${result}`);
}

export async function planSocketStep(w: Walk): Promise<void> {
  const plan = w.rng.maybe(w.model.plans);
  if (!plan) return;
  const person = w.rng.pick(w.model.people);
  if (w.rng.chance(0.15)) return probePlanSocket(w, person, `doc_${w.seed}_missing${w.step}`, undefined, 'open a plan that does not exist');
  await probePlanSocket(w, person, plan.id, plan.group, `open ${plan.key}`);
}

/** Poll the viewer's overlap list until the family's flag shows (a side of the new row visible to them). */
async function discover(w: Walk, family: Family): Promise<void> {
  const ids = new Set(family.activities.map((a) => a.id));
  const viewer = w.model.people.find((p) => p.active && w.model.mayViewOverlap(family, w.model.memberOf(p)));
  if (!viewer) return;
  await w.guard(() =>
    waitFor(
      async () => {
        const res = await viewer.api.get<{ overlaps: OverlapJson[] }>('/api/overlaps?status=all&limit=500');
        const found = res.body.overlaps.find((o) => ids.has(o.a.activityId ?? '') || ids.has(o.b.activityId ?? ''));
        if (found) family.overlapId = found.id;
        return !!found;
      },
      5000,
      `the overlap of family ${family.index} showing to ${viewer.key}`,
    ),
  );
}

/**
 * Adds activity rows: members and facilitators land them (the matrix shows them), observers' writes are dropped,
 * everyone else is refused the socket. Rows come in families of two that overlap only each other: a whole family
 * into one plan at once, or one row (a new family's first, or an open family's second, mostly in its first's group).
 */
export async function addActivity(w: Walk): Promise<void> {
  const open = w.model.families.filter((f) => f.activities.length === 1);
  const full = w.model.families.length >= FAMILIES_PER_WALK;
  const pair = !full && w.rng.chance(0.4);
  const joining = !pair && open.length && (full || w.rng.chance(0.6)) ? w.rng.pick(open) : undefined;
  if (full && !joining) return;
  const plan = joining && w.rng.chance(0.7) ? w.rng.pick(joining.activities[0].plan.group.plans) : w.rng.maybe(w.model.plans);
  if (!plan) return;
  const actor = pickActor(w, plan.group, editors);
  const m = plan.group.members.get(actor.id);
  if (!actor.active || !m) return probePlanSocket(w, actor, plan.id, plan.group, `write a row into ${plan.key}`);
  const index = w.model.families.length;
  const family: Family = joining ?? { index, mandateArea: MANDATE_AREAS[index % MANDATE_AREAS.length], stateCode: w.states[Math.floor(index / MANDATE_AREAS.length)], activities: [], status: 'open' };
  // Two agencies' rows are flagged whatever their titles: a second lead unlike the first.
  const firstLead = family.activities[0]?.leadOrganizationId ?? actor.organizationId;
  const leads = pair ? [firstLead, w.rng.pick(w.organizations.filter((o) => o !== firstLead))] : joining ? [w.rng.pick(w.organizations.filter((o) => o !== firstLead))] : [firstLead];
  const title = `Taller ${plan.group.token} f${family.index}`;
  const rows: PlanActivity[] = leads.map((lead, i) => ({
    id: `act-${w.seed}-${w.step}-${i}`,
    title,
    description: '',
    leadOrganizationId: lead,
    partnerOrganizationIds: [],
    mandateArea: family.mandateArea,
    stateCodes: [family.stateCode],
    municipalityCodes: [],
    startDate: '2027-02-01',
    endDate: '2027-06-30',
    status: 'planned',
    target: '200 personas capacitadas',
    indicator: '',
  }));
  const ids = rows.map((r) => r.id);
  const token = actor.api.token!;
  if (m.role === 'observer') {
    w.note(`observer ${actor.key} writes ${ids.join(',')} into ${plan.key} → expect dropped`);
    // Long enough for the server to have taken (and dropped) the frame before the socket goes.
    await writeActivities(w.server, plan.id, token, rows, () => sleep(250));
    const stored = await storedActivityIds(w.server, plan.id, token);
    if (ids.some((id) => stored.includes(id))) w.fail(`observer ${actor.key}'s rows reached ${plan.key}`);
    return;
  }
  w.note(`${actor.key} writes ${ids.join(',')} (family ${family.index}) into ${plan.key} → expect them in the matrix`);
  await writeActivities(w.server, plan.id, token, rows, () =>
    w.guard(() =>
      waitFor(
        async () => {
          const listed = (await actor.api.get<{ activities: Array<{ activityId: string }> }>(`/api/matrix?documentId=${plan.id}`)).body.activities ?? [];
          return ids.every((id) => listed.some((a) => a.activityId === id));
        },
        5000,
        `rows ${ids.join(',')} in the matrix`,
      ),
    ),
  );
  // Stored before the rows reached the matrix: its entry is in the trail ahead of anything the next steps write.
  const session = `${plan.id}|${actor.id}`;
  if (!w.model.editedPlans.has(session)) {
    w.model.editedPlans.add(session);
    w.ledger.expect(plan.group, entry('document.edited', actor, plan.id));
    w.touched.add(plan.group);
  }
  if (!w.model.families.includes(family)) w.model.families.push(family);
  for (const [i, row] of rows.entries()) {
    const activity: Activity = { id: row.id, plan, family, title, leadOrganizationId: leads[i] };
    plan.activities.push(activity);
    family.activities.push(activity);
  }
  if (family.activities.length === 2) {
    family.settledAt = Date.now() + 2500;
    family.pairedAtStep = w.step;
    await discover(w, family);
  }
}

/** The overlap row's sides in the server's order (by `documentId:activityId`): whose group acts first matters. */
function sideGroups(family: Family): Group[] {
  const key = (a: Activity) => `${a.plan.id}:${a.id}`;
  const [x, y] = family.activities;
  const [a, b] = key(x) < key(y) ? [x, y] : [y, x];
  return [...new Set([a.plan.group, b.plan.group])];
}

/**
 * Resolve a flag: anyone who may see it and edits in a group of either side. The audit entry goes to the group acted
 * for and to every side's group that may see the flag (its other side shared, or in it too).
 */
export async function resolveOverlap(w: Walk): Promise<void> {
  // Mostly a flag open for a while: resolving it settles the overlap notices people were given when it was raised,
  // some of whom may have left the group since.
  const flagged = w.model.families.filter((f) => f.overlapId);
  const aged = flagged.filter((f) => f.status === 'open' && (f.pairedAtStep ?? 0) <= w.step - 10);
  const family = aged.length && w.rng.chance(0.7) ? w.rng.pick(aged) : w.rng.maybe(flagged);
  if (!family?.overlapId) return;
  const actor = pickActor(w, w.rng.pick(family.activities).plan.group);
  const groups = sideGroups(family);
  const actingIn = groups.find((g) => w.model.can(actor, g, 'edit'));
  let expect = w.model.mayViewOverlap(family, w.model.memberOf(actor)) ? 200 : 404;
  if (expect === 200 && !actingIn) expect = 403;
  const overlapId = family.overlapId;
  const resolution = w.rng.pick(['coordinate', 'co_lead', 'merge', 'not_duplicate'] as const);
  // Resolved already the same way (the note is always the same): nothing changes, so nothing is recorded.
  const same = family.status === 'resolved' && family.resolution === resolution;
  const res = await w.call({
    label: `resolve the overlap of family ${family.index}`,
    actor,
    method: 'POST',
    path: `/api/overlaps/${overlapId}/resolve`,
    body: { resolution, note: 'Lo coordinamos' },
    expect,
    groups,
    audits: () => (same ? [] : groups.filter((g) => g === actingIn || w.model.mayViewOverlap(family, new Set([g.id]))).map((g): [Group, ExpectedAudit] => [g, entry('overlap.resolved', actor, overlapId)])),
  });
  if (res.status !== 200) return;
  family.status = 'resolved';
  family.resolution = resolution;
}

