/** The walk's steps over comments, versions and sign-offs, exports, and references across groups. */
import type { Comment, Plan, Version } from './walkModel.js';
import { editors, entry, idOf, pickActor } from './walkPick.js';
import type { Walk } from './walkWorld.js';

function rootOf(w: Walk, c: Comment): Comment {
  return w.model.comments.find((x) => x.id === c.threadId) ?? c;
}

/** A comment or a reply (observers comment too); a reply to a resolved thread reopens it if the replier may. */
export async function postComment(w: Walk): Promise<Plan | undefined> {
  const plan = w.rng.maybe(w.model.plans);
  if (!plan) return undefined;
  const actor = pickActor(w, plan.group);
  const parent = w.rng.chance(0.4) ? w.rng.maybe(w.model.comments.filter((c) => c.plan === plan)) : undefined;
  const root = parent ? rootOf(w, parent) : undefined;
  const reopens = !!root?.resolved && (w.model.can(actor, plan.group, 'edit') || root.authorId === actor.id);
  // Sometimes naming someone (in the group or not: only members are notified, and only while they are).
  const named = w.rng.chance(0.4) ? w.rng.pick(w.model.people.filter((p) => !p.isAdmin)) : undefined;
  const body = `Comentario ${plan.group.token} ${w.step}${named ? ` @{${named.id}}` : ''}`;
  const res = await w.call({
    label: `${parent ? `reply to ${parent.key}` : 'comment'} on ${plan.key}${named ? ` naming ${named.key}` : ''}`,
    actor,
    method: 'POST',
    path: `/api/documents/${plan.id}/comments`,
    body: parent ? { body, parentId: parent.id } : { body },
    expect: w.model.refusal(actor, plan.group, 'comment') ?? 201,
    groups: [plan.group],
    audits: (b) => [[plan.group, entry('comment.created', actor, idOf(b, 'comment'), (c) => (c.reopenedThread === reopens ? undefined : `reopenedThread ${String(c.reopenedThread)}, expected ${reopens}`))]],
  });
  if (res.status !== 201) return plan;
  const id = idOf(res.body, 'comment');
  w.model.comments.push({ key: `${plan.key}.c${w.model.comments.length}`, id, plan, authorId: actor.id, parentId: parent?.id ?? null, threadId: root?.id ?? id, body, deleted: false, resolved: false });
  if (reopens && root) root.resolved = false;
  return plan;
}

/** Edit (author), delete (author or facilitator), resolve or reopen (editors and the thread's author). */
export async function changeComment(w: Walk): Promise<Plan | undefined> {
  const comment = w.rng.maybe(w.model.comments);
  if (!comment) return undefined;
  const { plan } = comment;
  const actor = pickActor(w, plan.group, (m, p) => p.id === comment.authorId || m.role === 'facilitator');
  const m = plan.group.members.get(actor.id);
  const what = w.rng.weighted({ edit: 3, delete: 2, resolve: 3, reopen: 2 });
  const root = rootOf(w, comment);
  let expect = m ? 200 : 404;
  let action: string | undefined;
  let target = comment.id;
  if (what === 'edit') {
    if (expect === 200 && comment.authorId !== actor.id) expect = 403;
    if (expect === 200 && comment.deleted) expect = 409;
    action = 'comment.edited';
  } else if (what === 'delete') {
    if (expect === 200 && comment.authorId !== actor.id && m?.role !== 'facilitator') expect = 403;
    if (expect === 200) expect = 204;
    action = comment.deleted ? undefined : 'comment.deleted';
  } else {
    if (expect === 200 && !w.model.can(actor, plan.group, 'edit') && root.authorId !== actor.id) expect = 403;
    action = root.resolved === (what === 'resolve') ? undefined : `comment.${what === 'resolve' ? 'resolved' : 'reopened'}`;
    target = root.id;
  }
  const body = `Comentario ${plan.group.token} editado ${w.step}`;
  const res = await w.call({
    label: `${what} ${comment.key}`,
    actor,
    method: what === 'edit' ? 'PATCH' : what === 'delete' ? 'DELETE' : 'POST',
    path: what === 'edit' || what === 'delete' ? `/api/comments/${comment.id}` : `/api/comments/${comment.id}/${what}`,
    body: what === 'edit' ? { body } : undefined,
    expect,
    groups: [plan.group],
    audits: () => (action ? [[plan.group, entry(action, actor, target)]] : []),
  });
  if (res.status >= 300) return plan;
  if (what === 'edit') comment.body = body;
  else if (what === 'delete') comment.deleted = true;
  else root.resolved = what === 'resolve';
  return plan;
}

export async function nameVersion(w: Walk): Promise<Plan | undefined> {
  const plan = w.rng.maybe(w.model.plans);
  if (!plan) return undefined;
  const actor = pickActor(w, plan.group, editors);
  const res = await w.call({
    label: `name a version of ${plan.key}`,
    actor,
    method: 'POST',
    path: `/api/documents/${plan.id}/versions`,
    body: { name: `Versión ${plan.group.token} ${w.step}` },
    expect: w.model.refusal(actor, plan.group, 'edit') ?? 201,
    groups: [plan.group],
    audits: (b) => [[plan.group, entry('version.created', actor, idOf(b, 'version'))]],
  });
  if (res.status === 201) w.model.versions.push({ key: `${plan.key}.v${w.model.versions.length}`, id: idOf(res.body, 'version'), plan, kind: 'named', approvals: new Set(), activityCount: plan.activities.length });
  return plan;
}

/** Sign-off: a focal point of an organization taking part, once per organization, on named versions only. */
export async function approveVersion(w: Walk): Promise<Plan | undefined> {
  const version = w.rng.maybe(w.model.versions);
  if (!version) return undefined;
  const { group } = version.plan;
  const actor = pickActor(w, group, (m) => m.focalPoint);
  const m = group.members.get(actor.id);
  let expect = m ? 201 : 404;
  if (expect === 201 && !m?.focalPoint) expect = 403;
  if (expect === 201 && !w.model.participating(group).has(actor.organizationId)) expect = 403;
  if (expect === 201 && version.kind !== 'named') expect = 409;
  if (expect === 201 && version.approvals.has(actor.organizationId)) expect = 409;
  const res = await w.call({
    label: `approve ${version.key} (${version.kind})`,
    actor,
    method: 'POST',
    path: `/api/versions/${version.id}/approvals`,
    expect,
    groups: [group],
    audits: () => [[group, entry('version.approved', actor, version.id)]],
  });
  if (res.status === 201) version.approvals.add(actor.organizationId);
  return version.plan;
}

/** Restores only versions with the plan's current rows (the walk never deletes an activity). */
export async function restoreVersion(w: Walk): Promise<void> {
  const version = w.rng.maybe(w.model.versions.filter((v) => v.activityCount === v.plan.activities.length));
  if (!version) return;
  const { plan } = version;
  const actor = pickActor(w, plan.group, editors);
  const res = await w.call({
    label: `restore ${version.key}`,
    actor,
    method: 'POST',
    path: `/api/versions/${version.id}/restore`,
    expect: w.model.refusal(actor, plan.group, 'edit') ?? 200,
    groups: [plan.group],
    audits: (b) => [
      [plan.group, entry('version.created', actor, idOf(b, 'backupVersion'))],
      [plan.group, entry('version.restored', actor, version.id)],
    ],
  });
  if (res.status === 200) w.model.versions.push({ key: `${plan.key}.v${w.model.versions.length}`, id: idOf(res.body, 'backupVersion'), plan, kind: 'auto', approvals: new Set(), activityCount: plan.activities.length });
}

/** An export (audited: a plan leaving the system) or a visit (audited too); the JSON export holds the plan's rows. */
export async function exportOrVisit(w: Walk): Promise<void> {
  const plan = w.rng.maybe(w.model.plans);
  if (!plan) return;
  const actor = pickActor(w, plan.group);
  const visit = w.rng.chance(0.3);
  const res = await w.call({
    label: `${visit ? 'visit' : 'export'} ${plan.key}`,
    actor,
    method: visit ? 'POST' : 'GET',
    path: visit ? `/api/documents/${plan.id}/visit` : `/api/documents/${plan.id}/export?format=json`,
    expect: w.model.refusal(actor, plan.group, 'read') ?? 200,
    groups: [plan.group],
    audits: () => [[plan.group, entry(visit ? 'document.visited' : 'document.exported', actor, plan.id)]],
  });
  if (res.status !== 200 || visit) return;
  const rows = (res.body.activities as Array<{ id: string }>).map((a) => a.id).sort();
  const model = plan.activities.map((a) => a.id).sort();
  if (JSON.stringify(rows) !== JSON.stringify(model)) w.fail(`export of ${plan.key} has rows ${rows.join(',')}, the model ${model.join(',')}`);
}

/** References across groups: another group's comment as a parent, another group's plan or version named. */
export async function crossReference(w: Walk): Promise<void> {
  const plan = w.rng.maybe(w.model.plans);
  const other = w.rng.maybe(w.model.plans.filter((p) => p.group !== plan?.group));
  if (!plan || !other) return;
  const actor = pickActor(w, plan.group);
  const refused = w.model.refusal(actor, plan.group, 'read');
  const kind = w.rng.weighted({ reply: 1, decision: 1, diff: 1, export: 1 });
  const foreignComment = w.rng.maybe(w.model.comments.filter((c) => c.plan === other));
  const foreignVersion = w.rng.maybe(w.model.versions.filter((v: Version) => v.plan === other));
  if (kind === 'reply' && foreignComment) {
    await w.call({ label: `reply on ${plan.key} to ${foreignComment.key}`, actor, method: 'POST', path: `/api/documents/${plan.id}/comments`, body: { body: `Respuesta ${plan.group.token}`, parentId: foreignComment.id }, expect: refused ?? 404, groups: [plan.group, other.group] });
  } else if (kind === 'decision') {
    const expect = w.model.refusal(actor, plan.group, 'propose') ?? 400;
    await w.call({ label: `decision in ${plan.group.key} on ${other.key}`, actor, method: 'POST', path: `/api/workspaces/${plan.group.id}/decisions`, body: { title: `Acuerdo ${plan.group.token}`, documentId: other.id }, expect, groups: [plan.group, other.group] });
  } else if (kind === 'diff' && foreignVersion) {
    await w.call({ label: `diff ${plan.key} from ${foreignVersion.key}`, actor, method: 'GET', path: `/api/documents/${plan.id}/diff?from=${foreignVersion.id}`, expect: refused ?? 404, groups: [plan.group, other.group] });
  } else if (kind === 'export' && foreignVersion) {
    await w.call({ label: `export ${plan.key} at ${foreignVersion.key}`, actor, method: 'GET', path: `/api/documents/${plan.id}/export?format=json&version=${foreignVersion.id}`, expect: refused ?? 404, groups: [plan.group, other.group] });
  }
}

