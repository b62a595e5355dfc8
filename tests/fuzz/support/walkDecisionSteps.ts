/** The walk's steps over decisions, stances, actions and meetings. */
import { DECISION_STATUSES, STANCES, type ActionItem, type Decision, type ExpectedAudit, type Meeting } from './walkModel.js';
import { editors, entry, facilitators, idOf, pickActor, pickGroup } from './walkPick.js';
import type { Walk } from './walkWorld.js';

export async function createDecision(w: Walk): Promise<void> {
  const group = pickGroup(w);
  if (!group) return;
  const actor = pickActor(w, group, editors);
  const hidden = w.rng.chance(0.3);
  const title = `Acuerdo ${group.token} ${w.step}`;
  const res = await w.call({
    label: `propose decision in ${group.key}${hidden ? ' (hidden stances)' : ''}`,
    actor,
    method: 'POST',
    path: `/api/workspaces/${group.id}/decisions`,
    body: { title, stanceVisibility: hidden ? 'hidden_until_closed' : 'open' },
    expect: w.model.refusal(actor, group, 'propose') ?? 201,
    groups: [group],
    audits: (b) => [[group, entry('decision.created', actor, idOf(b, 'decision'))]],
  });
  if (res.status !== 201) return;
  w.model.decisions.push({ key: `${group.key}.D${w.model.decisions.length}`, id: idOf(res.body, 'decision'), group, createdById: actor.id, title, status: 'proposed', hidden, stances: new Map() });
}

export async function changeDecision(w: Walk): Promise<Decision | undefined> {
  const decision = w.rng.maybe(w.model.decisions);
  if (!decision) return undefined;
  const { group } = decision;
  const actor = pickActor(w, group, w.rng.chance(0.5) ? facilitators : (_m, p) => p.id === decision.createdById);
  if (w.rng.chance(0.7)) {
    const status = w.rng.pick(DECISION_STATUSES);
    let expect = w.model.refusal(actor, group, 'read') ?? 200;
    if (expect === 200 && !w.model.can(actor, group, 'decide')) expect = 403;
    const same = status === decision.status;
    const res = await w.call({
      label: `set ${decision.key} ${status}`,
      actor,
      method: 'PATCH',
      path: `/api/decisions/${decision.id}`,
      body: { status },
      expect,
      groups: [group],
      audits: () => (same ? [] : [[group, entry('decision.updated', actor, decision.id)]]),
    });
    if (res.status === 200) {
      // Hidden stances shown at closing stay shown once it is reopened.
      if (decision.status !== 'proposed' && status === 'proposed') decision.hidden = false;
      decision.status = status;
    }
    return decision;
  }
  const proposer = decision.createdById === actor.id && w.model.can(actor, group, 'propose');
  let expect = w.model.refusal(actor, group, 'read') ?? 200;
  if (expect === 200 && !proposer && !w.model.can(actor, group, 'decide')) expect = 403;
  if (expect === 200 && decision.status !== 'proposed') expect = 409;
  const title = `Acuerdo ${group.token} revisado ${w.step}`;
  const res = await w.call({
    label: `retitle ${decision.key}`,
    actor,
    method: 'PATCH',
    path: `/api/decisions/${decision.id}`,
    body: { title },
    expect,
    groups: [group],
    audits: () => [[group, entry('decision.updated', actor, decision.id)]],
  });
  if (res.status === 200) decision.title = title;
  return decision;
}

/** A stance: the organization's focal point, or a facilitator on its behalf; only organizations taking part. */
export async function castStance(w: Walk): Promise<Decision | undefined> {
  const decision = w.rng.maybe(w.model.decisions);
  if (!decision) return undefined;
  const { group } = decision;
  const actor = pickActor(w, group, (m) => m.focalPoint || m.role === 'facilitator');
  const organizationId = w.rng.chance(0.7) ? actor.organizationId : w.rng.pick(w.model.people).organizationId;
  const stance = w.rng.pick(STANCES);
  const reason = w.rng.pick(['', 'Con presupuesto', 'Falta información']);
  const m = group.members.get(actor.id);
  const own = !!m && m.focalPoint && actor.organizationId === organizationId;
  let expect = w.model.refusal(actor, group, 'read') ?? 200;
  if (expect === 200 && !own && m?.role !== 'facilitator') expect = 403;
  if (expect === 200 && !w.model.participating(group).has(organizationId)) expect = w.model.present(group).has(organizationId) ? 403 : 404;
  if (expect === 200 && decision.status !== 'proposed') expect = 409;
  const before = decision.stances.get(organizationId);
  const record = { stance, reason, castById: actor.id, onBehalf: !own };
  const same = before && JSON.stringify(before) === JSON.stringify(record);
  const check: ExpectedAudit['check'] = (c) => {
    if (decision.hidden) return 'stance' in c ? 'a hidden stance is in the audit trail before closing' : undefined;
    return (c.stance as { to?: string } | undefined)?.to === stance ? undefined : 'stance not recorded as cast';
  };
  const res = await w.call({
    label: `stance ${stance} on ${decision.key} for ${organizationId.slice(-4)}`,
    actor,
    method: 'PUT',
    path: `/api/decisions/${decision.id}/stances/${organizationId}`,
    body: reason ? { stance, reason } : { stance },
    expect,
    groups: [group],
    audits: () => (same ? [] : [[group, entry('stance.recorded', actor, decision.id, check)]]),
  });
  if (res.status === 200) decision.stances.set(organizationId, record);
  return decision;
}

export async function createAction(w: Walk): Promise<void> {
  const decision = w.rng.maybe(w.model.decisions);
  if (!decision) return;
  const { group } = decision;
  const actor = pickActor(w, group, editors);
  const owner = w.rng.pick([...w.model.organizations.keys()]);
  const assignee = w.rng.chance(0.5) ? w.rng.pick(w.model.people) : undefined;
  let expect = w.model.refusal(actor, group, 'propose') ?? 201;
  if (expect === 201 && !w.model.organizations.get(owner)) expect = 400;
  if (expect === 201 && assignee && !group.members.has(assignee.id)) expect = 400;
  const res = await w.call({
    label: `action on ${decision.key}${assignee ? ` for ${assignee.key}` : ''}`,
    actor,
    method: 'POST',
    path: `/api/decisions/${decision.id}/actions`,
    body: { title: `Tarea ${group.token} ${w.step}`, ownerOrganizationId: owner, dueDate: '2027-06-30', ...(assignee ? { assigneeId: assignee.id } : {}) },
    expect,
    groups: [group],
    audits: (b) => [[group, entry('action.created', actor, idOf(b, 'action'))]],
  });
  if (res.status === 201) w.model.actions.push({ key: `${decision.key}.A${w.model.actions.length}`, id: idOf(res.body, 'action'), decision, status: 'open' });
}

export async function updateAction(w: Walk): Promise<ActionItem | undefined> {
  const action = w.rng.maybe(w.model.actions);
  if (!action) return undefined;
  const { group } = action.decision;
  const actor = pickActor(w, group, editors);
  const status = w.rng.pick(['open', 'done', 'cancelled'] as const);
  const res = await w.call({
    label: `set ${action.key} ${status}`,
    actor,
    method: 'PATCH',
    path: `/api/actions/${action.id}`,
    body: { status },
    expect: w.model.refusal(actor, group, 'propose') ?? 200,
    groups: [group],
    // The status it already has changes nothing: answered, not recorded.
    audits: () => (action.status === status ? [] : [[group, entry('action.updated', actor, action.id)]]),
  });
  if (res.status === 200) action.status = status;
  return action;
}

export async function createMeeting(w: Walk): Promise<void> {
  const group = pickGroup(w);
  if (!group) return;
  const actor = pickActor(w, group, facilitators);
  const res = await w.call({
    label: `schedule meeting in ${group.key}`,
    actor,
    method: 'POST',
    path: `/api/workspaces/${group.id}/meetings`,
    body: { title: `Sesión ${group.token} ${w.step}`, startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Apertura' }, { title: 'Acuerdos' }] },
    expect: w.model.refusal(actor, group, 'decide') ?? 201,
    groups: [group],
    audits: (b) => [[group, entry('meeting.created', actor, idOf(b, 'meeting'))]],
  });
  if (res.status === 201) w.model.meetings.push({ key: `${group.key}.M${w.model.meetings.length}`, id: idOf(res.body, 'meeting'), group, status: 'scheduled', currentItem: null, itemClock: false, attendance: [] });
}

/**
 * Run a meeting (facilitators): start, move to an agenda item, record attendance, correct its title, close (which
 * saves a meeting version of each plan) or cancel. A change that changes nothing is answered, not recorded.
 */
export async function runMeeting(w: Walk): Promise<Meeting | undefined> {
  const meeting = w.rng.maybe(w.model.meetings);
  if (!meeting) return undefined;
  const { group } = meeting;
  const actor = pickActor(w, group, facilitators);
  const what = w.rng.weighted({ start: 3, item: 2, attendance: 2, retitle: 1, close: 2, cancel: 1 });
  const ended = meeting.status === 'closed' || meeting.status === 'cancelled';
  const index = w.rng.pick([0, 1, 1, 2]);
  const attendance = w.rng.chance(0.5) ? [...meeting.attendance] : [...new Set([w.rng.pick(w.organizations), w.rng.pick(w.organizations)])];
  const title = `Sesión ${group.token} corregida ${w.step}`;
  let expect = w.model.refusal(actor, group, 'decide') ?? 200;
  const actions: Record<typeof what, string> = {
    start: 'meeting.started',
    item: 'meeting.item_changed',
    attendance: 'meeting.attendance',
    retitle: 'meeting.updated',
    close: 'meeting.closed',
    cancel: 'meeting.cancelled',
  };
  let action: string | undefined = actions[what];
  if (expect === 200) {
    if (what === 'cancel' && meeting.status === 'cancelled') action = undefined;
    else if (ended) expect = 409;
    else if (what === 'start' && meeting.status === 'live') action = undefined;
    else if (what === 'cancel' && meeting.status === 'live') expect = 409;
    // The walk's agendas have two items: a third is refused once the meeting is found open.
    else if (what === 'item' && index > 1) expect = 400;
    else if (what === 'item' && index === meeting.currentItem && (meeting.status === 'scheduled' || meeting.itemClock)) action = undefined;
    else if (what === 'attendance' && JSON.stringify(attendance) === JSON.stringify(meeting.attendance)) action = undefined;
  }
  const requests: Record<typeof what, { method: 'POST' | 'PUT' | 'PATCH'; path: string; body?: unknown }> = {
    start: { method: 'POST', path: '/start' },
    item: { method: 'PUT', path: '/current-item', body: { index } },
    attendance: { method: 'PUT', path: '/attendance', body: { organizationIds: attendance } },
    retitle: { method: 'PATCH', path: '', body: { title } },
    close: { method: 'POST', path: '/close' },
    cancel: { method: 'POST', path: '/cancel' },
  };
  const request = requests[what];
  const res = await w.call({
    label: `${what} ${meeting.key} (${meeting.status})`,
    actor,
    method: request.method,
    path: `/api/meetings/${meeting.id}${request.path}`,
    body: request.body,
    expect,
    groups: [group],
    audits: () => (action ? [[group, entry(action, actor, meeting.id)]] : []),
  });
  if (res.status !== 200) return meeting;
  if (what === 'item') {
    meeting.currentItem = index;
    meeting.itemClock = meeting.status === 'live';
    return meeting;
  }
  if (what === 'attendance') {
    meeting.attendance = attendance;
    return meeting;
  }
  if (what === 'retitle') return meeting;
  if (what === 'start' && meeting.status === 'scheduled') {
    meeting.currentItem ??= 0;
    meeting.itemClock = true;
  }
  meeting.status = what === 'start' ? 'live' : what === 'close' ? 'closed' : 'cancelled';
  if (what === 'close') {
    // The meeting versions are not in the answer: read them from each plan's list.
    for (const plan of group.plans) {
      const list = await actor.api.get<{ versions: Array<{ id: string; kind: string }> }>(`/api/documents/${plan.id}/versions`);
      const known = new Set(w.model.versions.map((v) => v.id));
      const added = list.body.versions.filter((v) => v.kind === 'meeting' && !known.has(v.id));
      if (added.length !== 1) w.fail(`closing ${meeting.key} should save one meeting version of ${plan.key}, found ${added.length} new`);
      w.model.versions.push({ key: `${plan.key}.v${w.model.versions.length}`, id: added[0].id, plan, kind: 'meeting', approvals: new Set(), activityCount: plan.activities.length });
    }
  }
  return meeting;
}

