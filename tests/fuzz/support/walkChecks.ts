/**
 * The walk's invariant checks. Need-to-know probes: someone outside a group (never in it, removed, or the instance
 * admin) gets 404 on every read and write of its records, and a dead session 401. Read-backs: members read exactly
 * the model (members and roles, stances, comments, meetings, actions, versions). Visibility sweeps: what a person
 * lists across groups (groups, memberships, matrix, matrix CSV, overlaps, notifications, attention, search) holds their groups
 * only, and all of what they may see of them.
 */
import type { Comment, Decision, Group, Meeting, Person, Plan } from './walkModel.js';
import { probePlanSocket, type OverlapJson } from './walkPlanSteps.js';
import type { Body, Walk } from './walkWorld.js';

type Probe = [method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown];

/** Every read and write of the group's records, each naming one record of it. */
function probesOf(w: Walk, person: Person, group: Group): Probe[] {
  const g = `/api/workspaces/${group.id}`;
  const plan = w.rng.maybe(group.plans);
  const decision = w.rng.maybe(w.model.decisions.filter((d) => d.group === group));
  const action = w.rng.maybe(w.model.actions.filter((a) => a.decision.group === group));
  const meeting = w.rng.maybe(w.model.meetings.filter((m) => m.group === group));
  const comment = w.rng.maybe(w.model.comments.filter((c) => c.plan.group === group));
  const version = w.rng.maybe(w.model.versions.filter((v) => v.plan.group === group));
  const member = w.rng.maybe([...group.members.keys()]);
  const memberOf = w.model.memberOf(person);
  const hiddenFlag = w.rng.maybe(w.model.families.filter((f) => f.overlapId && f.activities.some((a) => a.plan.group === group) && !w.model.mayViewOverlap(f, memberOf)));
  const out: Probe[] = [
    ['GET', g],
    ['GET', `${g}/documents`],
    ['GET', `${g}/decisions`],
    ['GET', `${g}/actions`],
    ['GET', `${g}/meetings`],
    ['GET', `${g}/audit`],
    ['GET', `${g}/audit.csv`],
    ['GET', `${g}/dashboard`],
    ['GET', `${g}/changes-since-visit`],
    ['GET', `${g}/invitations`],
    ['GET', `/api/matrix?workspaceId=${group.id}`],
    ['GET', `/api/matrix.csv?workspaceId=${group.id}`],
    ['GET', `/api/overlaps?workspaceId=${group.id}`],
    ['GET', `/api/search?q=${group.token}&workspaceId=${group.id}`],
    ['PATCH', g, { description: 'Intrusión' }],
    ['PUT', `${g}/members/${person.id}`, { role: 'facilitator' }],
    ['POST', `${g}/documents`, { title: 'Plan intruso', template: 'blank' }],
    ['POST', `${g}/decisions`, { title: 'Acuerdo intruso' }],
    ['POST', `${g}/meetings`, { title: 'Sesión intrusa', startsAt: '2027-04-01T16:00:00Z', agenda: [{ title: 'Apertura' }] }],
    ['POST', `${g}/invitations`, { role: 'member' }],
  ];
  if (member) out.push(['DELETE', `${g}/members/${member}`]);
  if (plan) {
    const d = `/api/documents/${plan.id}`;
    out.push(
      ['GET', d],
      ['GET', `${d}/comments`],
      ['GET', `${d}/versions`],
      ['GET', `${d}/export?format=json`],
      ['GET', `${d}/export?format=md`],
      ['GET', `${d}/changes-since-visit`],
      ['GET', `/api/matrix?documentId=${plan.id}`],
      ['PATCH', d, { title: 'Plan intruso' }],
      ['POST', `${d}/comments`, { body: 'Comentario intruso' }],
      ['POST', `${d}/versions`, { name: 'Versión intrusa' }],
      ['POST', `${d}/visit`],
    );
    if (version) out.push(['GET', `${d}/diff?from=${version.id}`], ['GET', `${d}/export?format=json&version=${version.id}`]);
  }
  if (version) out.push(['GET', `/api/versions/${version.id}`], ['POST', `/api/versions/${version.id}/approvals`], ['POST', `/api/versions/${version.id}/restore`]);
  if (decision) {
    const x = `/api/decisions/${decision.id}`;
    out.push(['GET', x], ['PATCH', x, { status: 'agreed' }], ['PATCH', x, { title: 'Acuerdo intruso' }], ['PUT', `${x}/stances/${person.organizationId}`, { stance: 'object' }], [
      'POST',
      `${x}/actions`,
      { title: 'Tarea intrusa', ownerOrganizationId: person.organizationId, dueDate: '2027-07-31' },
    ]);
  }
  if (action) out.push(['PATCH', `/api/actions/${action.id}`, { status: 'cancelled' }]);
  if (meeting) {
    const m = `/api/meetings/${meeting.id}`;
    out.push(
      ['GET', m],
      ['GET', `${m}/minutes?format=md`],
      ['POST', `${m}/start`],
      ['POST', `${m}/close`],
      ['POST', `${m}/cancel`],
      ['PUT', `${m}/current-item`, { index: 0 }],
      ['PUT', `${m}/attendance`, { organizationIds: [] }],
      ['PATCH', m, { title: 'Sesión intrusa' }],
    );
  }
  if (comment) {
    const c = `/api/comments/${comment.id}`;
    out.push(['PATCH', c, { body: 'Editado por intruso' }], ['DELETE', c], ['POST', `${c}/resolve`], ['POST', `${c}/reopen`], ['POST', `/api/documents/${comment.plan.id}/comments`, { body: 'Respuesta intrusa', parentId: comment.id }]);
  }
  if (hiddenFlag?.overlapId) out.push(['GET', `/api/overlaps/${hiddenFlag.overlapId}`], ['POST', `/api/overlaps/${hiddenFlag.overlapId}/resolve`, { resolution: 'merge' }]);
  return out;
}

/**
 * Someone outside the group (or with a dead session) on its records: 404 (401), nothing recorded. One probe, or
 * with `all` every probe plus the group's Socket.IO room and a plan socket.
 */
export async function outsiderProbes(w: Walk, person: Person, group: Group, all: boolean): Promise<void> {
  if (group.members.has(person.id) && person.active) throw new Error(`${person.key} is in ${group.key}: not an outsider`);
  const probes = probesOf(w, person, group);
  for (const [method, path, body] of all ? probes : [w.rng.pick(probes)]) {
    await w.call({ label: `outsider ${method} ${path.replace(group.id, group.key)}`, actor: person, method, path, body, expect: 404, groups: [group] });
  }
  if (!all || !person.active) return;
  const live = w.live.get(person.id);
  if (live) {
    const joined = await live.join(group.id);
    if (joined !== 'not_found') w.fail(`${person.key} joining ${group.key}'s room: expected not_found, got ${joined}`);
  }
  if (group.plans[0]) await probePlanSocket(w, person, group.plans[0].id, group, `outsider opens ${group.plans[0].key}`);
}

/** A random outsider probe: someone not in a random group, or anyone with a dead session. */
export async function randomOutsiderProbe(w: Walk): Promise<void> {
  const group = w.rng.maybe(w.model.groups);
  if (!group) return;
  // Mostly someone outside it; sometimes a member whose session is dead (401).
  const outsiders = w.model.people.filter((p) => !group.members.has(p.id));
  const dead = w.model.people.filter((p) => group.members.has(p.id) && !p.active);
  const person = dead.length && w.rng.chance(0.15) ? w.rng.pick(dead) : w.rng.maybe(outsiders);
  if (person) await outsiderProbes(w, person, group, false);
}

/** The group's member list as a member reads it: the model's people, roles, focal points and deactivated marks. */
export async function checkMembers(w: Walk, group: Group): Promise<void> {
  const reader = w.model.reader(group);
  if (!reader) return;
  const res = await w.call({ label: `read ${group.key}`, actor: reader, method: 'GET', path: `/api/workspaces/${group.id}`, expect: 200 });
  const members = res.body.members as Array<{ userId: string; role: string; focalPoint: boolean; active?: boolean }>;
  const name = (id: string) => w.model.people.find((p) => p.id === id)?.key ?? id;
  const actual = members.map((m) => `${name(m.userId)}:${m.role}${m.focalPoint ? '+focal' : ''}${m.active === false ? ':off' : ''}`).sort();
  const model = [...group.members.entries()].map(([id, m]) => `${name(id)}:${m.role}${m.focalPoint ? '+focal' : ''}${w.model.person(id).active ? '' : ':off'}`).sort();
  if (actual.join() !== model.join()) w.fail(`members of ${group.key}: server ${actual.join(' ')}, model ${model.join(' ')}`);
}

/** A decision as a member reads it: status, which organizations have a stance, and each stance they may see. */
export async function checkDecision(w: Walk, decision: Decision): Promise<void> {
  const reader = w.model.reader(decision.group);
  if (!reader) return;
  const res = await w.call({ label: `read ${decision.key}`, actor: reader, method: 'GET', path: `/api/decisions/${decision.id}`, expect: 200 });
  const status = (res.body.decision as { status: string }).status;
  if (status !== decision.status) w.fail(`${decision.key} is ${status}, the model says ${decision.status}`);
  const stances = res.body.stances as Array<{ organizationId: string; stance?: string; reason?: string; castById?: string; onBehalf?: boolean; hidden?: boolean }>;
  if (stances.map((s) => s.organizationId).sort().join() !== [...decision.stances.keys()].sort().join()) w.fail(`${decision.key} has stances of ${stances.map((s) => s.organizationId).join()}, the model ${[...decision.stances.keys()].join()}`);
  for (const s of stances) {
    const hidden = decision.hidden && decision.status === 'proposed' && s.organizationId !== reader.organizationId;
    const m = decision.stances.get(s.organizationId)!;
    if (hidden !== !!s.hidden) w.fail(`${decision.key}: the stance of ${s.organizationId} is ${s.hidden ? '' : 'not '}hidden from ${reader.key}`);
    if (!hidden && (s.stance !== m.stance || s.reason !== m.reason || s.castById !== m.castById || s.onBehalf !== m.onBehalf)) w.fail(`${decision.key}: stance ${JSON.stringify(s)}, model ${JSON.stringify(m)}`);
  }
}

/** A plan's comments: each one, its words (or the deleted marker), its thread and the thread's state. */
export async function checkComments(w: Walk, plan: Plan): Promise<void> {
  const reader = w.model.reader(plan.group);
  if (!reader) return;
  const res = await w.call({ label: `read comments of ${plan.key}`, actor: reader, method: 'GET', path: `/api/documents/${plan.id}/comments?status=all`, expect: 200 });
  const rows = res.body.comments as Array<{ id: string; threadId: string; parentId: string | null; authorId: string; body: string; deleted: boolean; resolvedAt: string | null }>;
  const model = w.model.comments.filter((c) => c.plan === plan);
  if (rows.length !== model.length) w.fail(`${plan.key} has ${rows.length} comments, the model ${model.length}`);
  for (const c of model) {
    const r = rows.find((x) => x.id === c.id);
    const root: Comment = w.model.comments.find((x) => x.id === c.threadId) ?? c;
    const want = { threadId: c.threadId, parentId: c.parentId, authorId: c.authorId, body: c.deleted ? '' : c.body, deleted: c.deleted, resolved: root.resolved };
    const got = r && { threadId: r.threadId, parentId: r.parentId, authorId: r.authorId, body: r.body, deleted: r.deleted, resolved: r.resolvedAt !== null };
    if (JSON.stringify(got) !== JSON.stringify(want)) w.fail(`${c.key}: server ${JSON.stringify(got)}, model ${JSON.stringify(want)}`);
  }
}

export async function checkMeeting(w: Walk, meeting: Meeting): Promise<void> {
  const reader = w.model.reader(meeting.group);
  if (!reader) return;
  const res = await w.call({ label: `read ${meeting.key}`, actor: reader, method: 'GET', path: `/api/meetings/${meeting.id}`, expect: 200 });
  const got = res.body.meeting as { status: string; currentItem: number | null; currentItemStartedAt: string | null; attendance: string[] };
  const actual = { status: got.status, currentItem: got.currentItem, itemClock: got.currentItemStartedAt !== null, attendance: got.attendance };
  const model = { status: meeting.status, currentItem: meeting.currentItem, itemClock: meeting.itemClock, attendance: meeting.attendance };
  if (JSON.stringify(actual) !== JSON.stringify(model)) w.fail(`${meeting.key}: server ${JSON.stringify(actual)}, model ${JSON.stringify(model)}`);
}

export async function checkActions(w: Walk, group: Group): Promise<void> {
  const reader = w.model.reader(group);
  if (!reader) return;
  const res = await w.call({ label: `read actions of ${group.key}`, actor: reader, method: 'GET', path: `/api/workspaces/${group.id}/actions`, expect: 200 });
  const actual = (res.body.actions as Array<{ id: string; status: string }>).map((a) => `${a.id}:${a.status}`).sort();
  const model = w.model.actions.filter((a) => a.decision.group === group).map((a) => `${a.id}:${a.status}`).sort();
  if (actual.join() !== model.join()) w.fail(`actions of ${group.key}: server ${actual.join(' ')}, model ${model.join(' ')}`);
}

/** A plan's versions: the model's, each with the organizations that signed it off. */
export async function checkVersions(w: Walk, plan: Plan): Promise<void> {
  const reader = w.model.reader(plan.group);
  if (!reader) return;
  const res = await w.call({ label: `read versions of ${plan.key}`, actor: reader, method: 'GET', path: `/api/documents/${plan.id}/versions`, expect: 200 });
  const actual = (res.body.versions as Array<{ id: string; kind: string; approvals: Array<{ organizationId: string }> }>).map((v) => `${v.id}:${v.kind}:${v.approvals.map((a) => a.organizationId).sort().join('+')}`).sort();
  const model = w.model.versions.filter((v) => v.plan === plan).map((v) => `${v.id}:${v.kind}:${[...v.approvals].sort().join('+')}`).sort();
  if (actual.join() !== model.join()) w.fail(`versions of ${plan.key}: server ${actual.join(' ')}, model ${model.join(' ')}`);
}

/** Maps an overlap to its family through a visible side, checks it is one the person may see and as they may see it. */
function checkOverlap(w: Walk, person: Person, o: OverlapJson, memberOf: Set<string>): void {
  const visible = [o.a, o.b].filter((s) => !s.hidden).map((s) => s.activityId);
  const family = w.model.families.find((f) => f.activities.some((a) => visible.includes(a.id)));
  if (!family || family.activities.length < 2) w.fail(`${person.key} sees overlap ${o.id} of rows ${visible.join(',')}, which the model does not flag`);
  if (!w.model.mayViewOverlap(family, memberOf)) w.fail(`${person.key} sees the overlap of family ${family.index}, which they may not (sides in ${family.activities.map((a) => a.plan.group.key).join(', ')})`);
  family.overlapId ??= o.id;
  for (const side of [o.a, o.b]) {
    if (side.hidden) continue;
    const a = family.activities.find((x) => x.id === side.activityId);
    if (!a || !memberOf.has(a.plan.group.id)) w.fail(`${person.key} sees side ${side.activityId} of family ${family.index}, in a group they are not in`);
  }
  const hiddenSides = [o.a, o.b].filter((s) => s.hidden).length;
  const foreign = family.activities.filter((a) => !memberOf.has(a.plan.group.id)).length;
  if (hiddenSides !== foreign) w.fail(`${person.key} sees ${hiddenSides} hidden sides of family ${family.index}, ${foreign} are outside their groups`);
  if (o.status !== family.status) w.fail(`the overlap of family ${family.index} is ${o.status}, the model says ${family.status}`);
}

/** What the person lists across groups: only their groups' records, and all of what they may see of them. */
export async function checkVisibility(w: Walk, person: Person): Promise<void> {
  if (!person.active) return;
  const memberOf = w.model.memberOf(person);
  const get = (label: string, path: string) => w.call({ label: `${label} of ${person.key}`, actor: person, method: 'GET', path, expect: 200 });
  const groups = ((await get('groups', '/api/workspaces')).body.workspaces as Array<{ id: string }>).map((g) => g.id).sort();
  if (groups.join() !== [...memberOf].sort().join()) w.fail(`${person.key} lists groups ${groups.join()}, the model ${[...memberOf].join()}`);
  const me = (await get('me', '/api/me')).body.memberships as Array<{ workspaceId: string; role: string; focalPoint: boolean }>;
  const mine = me.map((m) => `${m.workspaceId}:${m.role}:${m.focalPoint}`).sort();
  const model = w.model.groupsOf(person).map((g) => `${g.id}:${g.members.get(person.id)!.role}:${g.members.get(person.id)!.focalPoint}`).sort();
  if (mine.join() !== model.join()) w.fail(`${person.key}'s memberships: server ${mine.join(' ')}, model ${model.join(' ')}`);

  const rows = (await get('matrix', '/api/matrix')).body.activities as Array<{ workspaceId: string; activityId: string }>;
  const seen = rows.map((r) => r.activityId).sort();
  const mayKnow = w.model.activities.filter((a) => memberOf.has(a.plan.group.id));
  if (seen.join() !== mayKnow.map((a) => a.id).sort().join()) w.fail(`${person.key}'s matrix has rows ${seen.join(',')}, the model ${mayKnow.map((a) => a.id).join(',')}`);
  const csv = (await get('matrix.csv', '/api/matrix.csv')).body as unknown as string;
  const missing = mayKnow.filter((a) => !csv.includes(a.title));
  if (missing.length) w.fail(`${person.key}'s matrix.csv lacks ${missing.map((a) => a.id).join(',')}`);

  const overlaps = ((await get('overlaps', '/api/overlaps?status=all&limit=500')).body.overlaps as OverlapJson[]) ?? [];
  for (const o of overlaps) checkOverlap(w, person, o, memberOf);
  const now = Date.now();
  for (const f of w.model.families) {
    const due = f.activities.length === 2 && (f.overlapId !== undefined || (f.settledAt !== undefined && f.settledAt <= now));
    if (due && w.model.mayViewOverlap(f, memberOf) && !overlaps.some((o) => o.id === f.overlapId || [o.a, o.b].some((s) => f.activities.some((a) => a.id === s.activityId)))) {
      w.fail(`${person.key} does not see the overlap of family ${f.index}, which they may`);
    }
  }
  const notes = (await get('notifications', '/api/notifications')).body.notifications as Array<{ workspaceId: string }>;
  const foreign = notes.filter((n) => !memberOf.has(n.workspaceId));
  if (foreign.length) w.fail(`${person.key} has notifications of groups they are not in: ${foreign.map((n) => n.workspaceId).join()}`);
  const attention = (await get('attention', '/api/me/attention')).body.workspaces as Array<{ workspaceId: string }>;
  if (attention.map((a) => a.workspaceId).sort().join() !== [...memberOf].sort().join()) w.fail(`${person.key}'s attention lists ${attention.map((a) => a.workspaceId).join()}, the model ${[...memberOf].join()}`);
  const token = w.rng.pick(w.model.groups).token;
  const found = (await get('search', `/api/search?q=${token}`)).body as Body;
  const outside = (found.results as Array<{ workspaceId: string }>).filter((r) => !memberOf.has(r.workspaceId));
  if (outside.length) w.fail(`${person.key}'s search for ${token} finds records of groups they are not in`);
}
