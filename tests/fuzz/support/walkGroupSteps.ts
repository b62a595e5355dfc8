/**
 * The walk's steps over working groups and who belongs to them: creating groups, adding, re-roling and removing
 * members (with the server's order of refusals), invitation links, plans, the overlap-sharing setting, and marking
 * notifications read.
 */
import { ROLES, type ExpectedAudit, type Group, type Person, type Role } from './walkModel.js';
import { editors, entry, facilitators, idOf, pickActor, pickGroup } from './walkPick.js';
import type { Walk } from './walkWorld.js';

/** The instance admin stays outside every group (the walk shares them across seeds): people create groups. */
export async function createGroup(w: Walk, actor = w.rng.pick(w.model.people.filter((p) => !p.isAdmin))): Promise<void> {
  const token = w.newToken();
  const res = await w.call({
    label: `create group ${token}`,
    actor,
    method: 'POST',
    path: '/api/workspaces',
    body: { name: `Mesa ${token}`, description: `Grupo ${token}`, mandateAreas: ['corruption'] },
    expect: 201,
    allow: [token],
  });
  if (res.status !== 201) return;
  const id = idOf(res.body, 'workspace');
  const group: Group = { key: `g${w.model.groups.length}`, id, name: `Mesa ${token}`, token, members: new Map(), former: new Set(), removals: [], shareOverlaps: false, plans: [] };
  group.members.set(actor.id, { role: 'facilitator', focalPoint: false, seq: w.model.nextSeq() });
  w.model.groups.push(group);
  w.ledger.expect(group, entry('workspace.created', actor, id));
  w.touched.add(group);
  w.grantLive(actor, group);
  await w.joinLive(actor, group);
}

/** PUT a member: add, re-role, move the focal point, with the server's order of refusals. */
export async function putMember(w: Walk): Promise<void> {
  const group = pickGroup(w);
  if (!group) return;
  const actor = pickActor(w, group, facilitators);
  const outside = w.model.people.filter((p) => !p.isAdmin && !group.members.has(p.id));
  const target = outside.length && w.rng.chance(0.5) ? w.rng.pick(outside) : w.rng.pick(w.model.people.filter((p) => !p.isAdmin));
  const role: Role = w.rng.pick(ROLES);
  // Observers are never focal points (a 400 before anything else): only voting roles are sent the flag.
  const focal = role === 'observer' ? undefined : w.rng.pick([undefined, true, false]);
  await putMemberAs(w, actor, group, target, role, focal);
}

export async function putMemberAs(w: Walk, actor: Person, group: Group, target: Person, role: Role, focal: boolean | undefined): Promise<void> {
  const before = group.members.get(target.id);
  const focalPoint = focal ?? (role === 'observer' ? false : (before?.focalPoint ?? false));
  const granted = (role === 'facilitator' && before?.role !== 'facilitator') || (focalPoint && !before?.focalPoint);
  const holders = focalPoint
    ? [...group.members.entries()].filter(([id, m]) => id !== target.id && m.focalPoint && w.model.person(id).organizationId === target.organizationId).map(([id]) => w.model.person(id))
    : [];
  let expect = w.model.refusal(actor, group, 'manageMembers') ?? 200;
  if (expect === 200 && !before && !target.active) expect = 409;
  if (expect === 200 && before?.role === 'facilitator' && role !== 'facilitator' && !w.model.activeFacilitators(group, target.id).length) expect = 409;
  if (expect === 200 && !target.active && granted) expect = 409;
  const unchanged = before && before.role === role && before.focalPoint === focalPoint;
  if (expect === 200 && !before && actor.active) w.grantLive(target, group);
  await w.call({
    label: `put ${target.key} in ${group.key} as ${role}${focal === undefined ? '' : focal ? '+focal' : '-focal'}`,
    actor,
    method: 'PUT',
    path: `/api/workspaces/${group.id}/members/${target.id}`,
    body: focal === undefined ? { role } : { role, focalPoint: focal },
    expect,
    groups: [group],
    audits: () =>
      unchanged
        ? []
        : [
            ...holders.map((h): [Group, ExpectedAudit] => [group, entry('member.updated', actor, h.id, (c) => { const f = c.focalPoint as { from?: unknown; to?: unknown } | undefined; return f?.from === true && f.to === false ? undefined : 'focal point not moved'; })]),
            [group, entry(before ? 'member.updated' : 'member.added', actor, target.id, (c) => ((c.role as { to?: string })?.to === role ? undefined : `role ${JSON.stringify(c.role)}`))],
          ],
  });
  if (expect !== 200 || !actor.active || unchanged) return;
  for (const h of holders) group.members.get(h.id)!.focalPoint = false;
  group.members.set(target.id, { role, focalPoint, seq: before?.seq ?? w.model.nextSeq() });
  if (!before) await w.joinLive(target, group);
}

export async function removeMember(w: Walk, openPlanSocket: (target: Person, group: Group) => Promise<(() => Promise<void>) | undefined>): Promise<void> {
  const group = pickGroup(w);
  if (!group) return;
  const actor = pickActor(w, group, facilitators);
  // Often someone holding the group's notices (a facilitator or focal point), mostly a member, sometimes anyone.
  const roster = [...group.members.entries()];
  const holders = roster.filter(([, m]) => m.role === 'facilitator' || m.focalPoint).map(([id]) => id);
  const r = w.rng.next();
  const target =
    holders.length > 1 && r < 0.5 ? w.model.person(w.rng.pick(holders)) : roster.length && r < 0.85 ? w.model.person(w.rng.pick(roster)[0]) : w.rng.pick(w.model.people.filter((p) => !p.isAdmin));
  const before = group.members.get(target.id);
  // Anyone may leave a group themselves; removing someone else takes managing members.
  let expect = w.model.refusal(actor, group, target.id === actor.id ? 'read' : 'manageMembers') ?? 204;
  if (expect === 204 && !before) expect = 404;
  if (expect === 204 && before?.role === 'facilitator' && !w.model.activeFacilitators(group, target.id).length) expect = 409;
  const succeeds = expect === 204 && actor.active;
  // The contract: the removed person's open plan sockets close within a second.
  const planClosed = succeeds && target.active && w.rng.chance(0.5) ? await openPlanSocket(target, group) : undefined;
  await w.call({
    label: `remove ${target.key} from ${group.key}`,
    actor,
    method: 'DELETE',
    path: `/api/workspaces/${group.id}/members/${target.id}`,
    expect,
    groups: [group],
    audits: () => [[group, entry('member.removed', actor, target.id)]],
  });
  if (!succeeds) return;
  group.members.delete(target.id);
  group.former.add(target.id);
  group.removals.push({ personId: target.id, step: w.step });
  const live = w.live.get(target.id);
  if (live) await w.guard(() => live.revoked(group.id, `removing ${target.key} from ${group.key}`));
  if (planClosed) await planClosed();
}

export async function createPlan(w: Walk): Promise<void> {
  const group = pickGroup(w);
  if (!group || group.plans.length >= 3) return;
  await createPlanAs(w, pickActor(w, group, editors), group);
}

export async function createPlanAs(w: Walk, actor: Person, group: Group): Promise<void> {
  const expect = w.model.refusal(actor, group, 'edit') ?? 201;
  const res = await w.call({
    label: `create plan in ${group.key}`,
    actor,
    method: 'POST',
    path: `/api/workspaces/${group.id}/documents`,
    body: { title: `Plan ${group.token} ${group.plans.length}`, template: 'blank' },
    expect,
    groups: [group],
    audits: (b) => [[group, entry('document.created', actor, idOf(b, 'document'))]],
  });
  if (res.status === 201) group.plans.push({ key: `${group.key}.d${group.plans.length}`, id: idOf(res.body, 'document'), group, activities: [] });
}

export async function renamePlan(w: Walk): Promise<void> {
  const plan = w.rng.maybe(w.model.plans);
  if (!plan) return;
  const actor = pickActor(w, plan.group, editors);
  await w.call({
    label: `rename ${plan.key}`,
    actor,
    method: 'PATCH',
    path: `/api/documents/${plan.id}`,
    body: { title: `Plan ${plan.group.token} renombrado ${w.step}` },
    expect: w.model.refusal(actor, plan.group, 'edit') ?? 200,
    groups: [plan.group],
    audits: () => [[plan.group, entry('document.renamed', actor, plan.id)]],
  });
}

export async function shareOverlaps(w: Walk): Promise<void> {
  const group = pickGroup(w);
  if (!group) return;
  const actor = pickActor(w, group, facilitators);
  const value = w.rng.chance(0.5);
  const res = await w.call({
    label: `share overlaps of ${group.key}: ${value}`,
    actor,
    method: 'PATCH',
    path: `/api/workspaces/${group.id}`,
    body: { shareOverlaps: value },
    expect: w.model.refusal(actor, group, 'manageMembers') ?? 200,
    groups: [group],
    audits: () => (group.shareOverlaps === value ? [] : [[group, entry('workspace.updated', actor, group.id)]]),
  });
  if (res.status === 200) group.shareOverlaps = value;
}


/** A facilitator makes a single-use link (the token is in the answer, once). */
export async function createInvitation(w: Walk): Promise<void> {
  const group = pickGroup(w);
  if (!group) return;
  const actor = pickActor(w, group, facilitators);
  const role: Role = w.rng.pick(ROLES);
  const res = await w.call({
    label: `invite to ${group.key} as ${role}`,
    actor,
    method: 'POST',
    path: `/api/workspaces/${group.id}/invitations`,
    body: { role, expiresInHours: 24 },
    expect: w.model.refusal(actor, group, 'manageMembers') ?? 201,
    groups: [group],
    audits: (b) => [[group, entry('invitation.created', actor, idOf(b, 'invitation'))]],
  });
  if (res.status !== 201) return;
  const invitation = res.body.invitation as { id: string; token: string };
  w.model.invitations.push({ key: `${group.key}.i${w.model.invitations.length}`, id: invitation.id, token: invitation.token, group, role, createdById: actor.id, createdStep: w.step, revoked: false });
}

/**
 * Someone opens a link: it lets them in unless it is used, revoked, or its maker no longer facilitates the group
 * (404 alike), they are in already (409), or they were removed from the group after it was made (403).
 */
export async function acceptInvitation(w: Walk): Promise<void> {
  const invitation = w.rng.maybe(w.model.invitations);
  if (!invitation) return;
  const { group } = invitation;
  const outside = w.model.people.filter((p) => !p.isAdmin && !group.members.has(p.id));
  const actor = outside.length && w.rng.chance(0.7) ? w.rng.pick(outside) : w.rng.pick(w.model.people);
  const maker = w.model.person(invitation.createdById);
  const makerRuns = maker.active && group.members.get(maker.id)?.role === 'facilitator';
  const unusable = invitation.revoked || invitation.usedById !== undefined;
  let expect: number;
  if (unusable) expect = invitation.usedById === actor.id && group.members.has(actor.id) ? 409 : 404;
  else if (!makerRuns) expect = 404;
  else if (group.members.has(actor.id)) expect = 409;
  else if (group.removals.some((r) => r.personId === actor.id && r.step >= invitation.createdStep)) expect = 403;
  else expect = 200;
  if (expect === 200 && actor.active) w.grantLive(actor, group);
  const res = await w.call({
    label: `accept ${invitation.key}`,
    actor,
    method: 'POST',
    path: '/api/invitations/accept',
    body: { token: invitation.token },
    expect,
    groups: [group],
    audits: () => [[group, entry('invitation.accepted', actor, invitation.id)]],
  });
  if (res.status !== 200) return;
  invitation.usedById = actor.id;
  group.members.set(actor.id, { role: invitation.role, focalPoint: false, seq: w.model.nextSeq() });
  await w.joinLive(actor, group);
}

export async function revokeInvitation(w: Walk): Promise<void> {
  const invitation = w.rng.maybe(w.model.invitations);
  if (!invitation) return;
  const { group } = invitation;
  const actor = pickActor(w, group, facilitators);
  let expect = w.model.refusal(actor, group, 'manageMembers') ?? 204;
  if (expect === 204 && invitation.usedById !== undefined) expect = 409;
  const res = await w.call({
    label: `revoke ${invitation.key}`,
    actor,
    method: 'DELETE',
    path: `/api/invitations/${invitation.id}`,
    expect,
    groups: [group],
    audits: () => (invitation.revoked ? [] : [[group, entry('invitation.revoked', actor, invitation.id)]]),
  });
  if (res.status === 204) invitation.revoked = true;
}

/** Someone marks their notifications read: recorded in the instance's trail when anything was unread. */
export async function readNotifications(w: Walk): Promise<void> {
  const actor = w.rng.pick(w.model.people);
  await w.call({
    label: 'read all notifications',
    actor,
    method: 'POST',
    path: '/api/notifications/read',
    body: { all: true },
    expect: 200,
    instance: (b) => ((b.read as string[]).length ? [entry('notifications.read', actor, actor.id)] : []),
  });
}

/** The audit trail is the facilitators' to read; a CSV copy of it is itself recorded. */
export async function readAudit(w: Walk): Promise<void> {
  const group = pickGroup(w);
  if (!group) return;
  const actor = pickActor(w, group);
  const csv = w.rng.chance(0.3);
  await w.call({
    label: `read the trail of ${group.key}${csv ? ' as CSV' : ''}`,
    actor,
    method: 'GET',
    path: `/api/workspaces/${group.id}/audit${csv ? '.csv' : ''}`,
    expect: w.model.refusal(actor, group, 'viewAudit') ?? 200,
    groups: [group],
    audits: () => (csv ? [[group, entry('audit.exported', actor, group.id)]] : []),
  });
}
