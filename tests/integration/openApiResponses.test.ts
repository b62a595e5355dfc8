/**
 * The OpenAPI document tells the truth about answers: a tour of the API calls every route on its success path,
 * and each answer must match what its route documents (status, media type, and the body against the route's
 * strict response schema). A presenter that adds or renames a field fails here until the schema says so too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createWorld, PASSWORD } from '../helpers/api.js';
import { textAnchor, textContaining } from '../helpers/comments.js';
import { addActivity, openPlan, pollUntil, tipActivity } from '../helpers/matrix.js';
import { recordAnswers, routeFor, undocumented, type RecordedAnswer } from '../helpers/responseLog.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Body = Record<string, any>;

/** Asserts a 2xx and returns the body. */
async function ok(call: Promise<{ status: number; body: Body }>, what: string): Promise<Body> {
  const res = await call;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Calls every route at least once, as the person each route is for. */
async function tourTheApi(server: TestServer): Promise<void> {
  const world = await createWorld(server.url); // setup, organizations, users, sign-ins
  const anon = new Api(server.url);
  const admin = world.admin;
  await ok(anon.get('/api/setup/status'), 'setup status');
  // A refusal too: errors are checked against the documented Error shape (a conflict names its reason).
  const again = await anon.post('/api/setup', {});
  expect([again.status, again.body.error?.reason]).toEqual([409, 'already_set_up']);
  await ok(anon.get('/api/session'), 'session, signed out');
  await ok(admin.get('/api/session'), 'session');
  await ok(admin.get('/api/me'), 'me');
  await ok(admin.patch('/api/me', { locale: 'es' }), 'patch me');
  await ok(admin.post('/api/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD }), 'change password');
  await ok(admin.get('/api/organizations'), 'organizations');
  await ok(admin.patch(`/api/organizations/${world.orgs.FGR.id}`, { name: 'Fiscalía General de la República' }), 'patch organization');
  // Taking another organization's acronym is a conflict in the documented Error shape.
  expect((await admin.patch(`/api/organizations/${world.orgs.SSPC.id}`, { acronym: 'fgr' })).status).toBe(409);
  await ok(admin.get('/api/users'), 'directory, as admin');
  // A person of their own: a reset ends all their sessions, and the people below are used later in the tour.
  const reset = await world.user('Sara Restablecida', 'UNODC');
  await ok(admin.post(`/api/users/${reset.id}/password`, { password: PASSWORD }), 'reset password');
  await ok(admin.patch(`/api/users/${reset.id}`, { active: false }), 'deactivate');
  await ok(admin.patch(`/api/users/${reset.id}`, { active: true }), 'reactivate');

  const fac = await world.user('Fabiola Facilitadora', 'SSPC');
  const member = await world.user('Mario Integrante', 'FGR');
  const focal = await world.user('Fernanda Focal', 'FGE-CHIH');
  const observer = await world.user('Oscar Observador', 'MUN-JUAREZ');
  const joiner = await world.user('Julia Invitada', 'UNODC');
  const f = fac.api;
  await ok(f.get('/api/users'), 'directory');

  // The working group, its members and invitations.
  const ws = await world.workspace(f, 'Mesa de recorrido');
  await world.addMember(ws, f, member.id, 'member');
  await world.addMember(ws, f, focal.id, 'member', true);
  await world.addMember(ws, f, observer.id, 'observer');
  await ok(f.get('/api/workspaces'), 'my workspaces');
  await ok(f.get(`/api/workspaces/${ws}`), 'workspace');
  await ok(f.patch(`/api/workspaces/${ws}`, { shareOverlaps: true }), 'patch workspace');
  const invite = await ok(f.post(`/api/workspaces/${ws}/invitations`, { role: 'member' }), 'invitation');
  await ok(joiner.api.post('/api/invitations/preview', { token: invite.invitation.token }), 'invitation preview');
  await ok(joiner.api.post('/api/invitations/accept', { token: invite.invitation.token }), 'accept');
  const revoked = await ok(f.post(`/api/workspaces/${ws}/invitations`, { role: 'observer' }), 'invitation');
  await ok(f.delete(`/api/invitations/${revoked.invitation.id}`), 'revoke');
  // A link for a person without an account: read and used signed out, it creates the account and signs it in.
  const forNewcomer = await ok(f.post(`/api/workspaces/${ws}/invitations`, { role: 'observer', organizationId: world.orgs.SSPC.id }), 'sign-up invitation');
  await ok(anon.post('/api/invitations/preview', { token: forNewcomer.invitation.token }), 'invitation preview, signed out');
  await ok(anon.post('/api/invitations/sign-up', { token: forNewcomer.invitation.token, name: 'Nadia Nueva', email: 'nadia.nueva@enlace.test', password: PASSWORD }), 'sign up');
  await ok(f.get(`/api/workspaces/${ws}/invitations`), 'invitations');
  await ok(f.delete(`/api/workspaces/${ws}/members/${joiner.id}`), 'remove member');

  // Plans, a named version, then activities (two leads on the same work: an overlap).
  const docA = await world.document(f, ws);
  const docB = await world.document(f, ws);
  await ok(f.get(`/api/workspaces/${ws}/documents`), 'documents');
  await ok(f.get(`/api/documents/${docA}`), 'document');
  await ok(f.patch(`/api/documents/${docA}`, { title: 'Plan de trabajo 2027 (revisado)' }), 'rename');
  const v1 = (await ok(f.post(`/api/documents/${docA}/versions`, { name: 'Versión 1' }), 'version')).version.id;
  const activityIds: string[] = [];
  for (const [doc, lead] of [
    [docA, fac.organizationId],
    [docB, focal.organizationId],
  ] as const) {
    const client = await openPlan(server, f, doc);
    const activity = tipActivity(lead, { partnerOrganizationIds: [member.organizationId], municipalityCodes: ['08037'] });
    activityIds.push(activity.id);
    addActivity(client, activity);
    await pollUntil(f, `/api/matrix?workspaceId=${ws}`, (b) => b.activities.some((a: Body) => a.documentId === doc), 10_000);
    client.destroy();
  }

  // The matrix and overlaps.
  await ok(f.get(`/api/matrix?workspaceId=${ws}`), 'matrix');
  await ok(f.get('/api/matrix/pivot?rows=state'), 'pivot');
  await ok(f.get('/api/matrix.csv'), 'matrix.csv');
  await ok(f.get('/api/matrix.xlsx'), 'matrix.xlsx');
  await ok(f.get('/api/activities/import-template.xlsx'), 'activity import template');
  const overlaps = await pollUntil(f, '/api/overlaps', (b) => b.overlaps.length > 0, 10_000, 'an overlap');
  await ok(f.get('/api/overlaps/marks'), 'activities with open overlaps');
  await ok(f.post(`/api/overlaps/${overlaps.overlaps[0].id}/resolve`, { resolution: 'coordinate', note: 'Se coordinan' }), 'resolve overlap');
  await ok(f.get('/api/overlaps?status=all'), 'overlaps, resolved too');
  await ok(f.get(`/api/overlaps/${overlaps.overlaps[0].id}`), 'one overlap, resolved, with who resolved it');
  await ok(admin.post('/api/matrix/rebuild'), 'rebuild');

  // Comments, visits and notifications.
  await ok(member.api.get(`/api/documents/${docA}/changes-since-visit`), 'changes before any visit');
  await ok(member.api.post(`/api/documents/${docA}/visit`), 'first visit');
  const root = await ok(
    f.post(`/api/documents/${docA}/comments`, { body: 'Revisar la meta', anchor: { type: 'activity', activityId: activityIds[0], field: 'target' }, mentions: { userIds: [member.id] } }),
    'comment',
  );
  const reply = await ok(member.api.post(`/api/documents/${docA}/comments`, { body: 'De acuerdo, @FGE-CHIH', parentId: root.comment.id }), 'reply');
  await ok(f.patch(`/api/comments/${root.comment.id}`, { body: 'Revisar la meta del indicador' }), 'edit comment');
  await ok(f.post(`/api/comments/${root.comment.id}/resolve`), 'resolve thread');
  await ok(f.post(`/api/comments/${root.comment.id}/reopen`), 'reopen thread');
  await ok(member.api.delete(`/api/comments/${reply.comment.id}`), 'delete comment');
  await ok(f.get(`/api/documents/${docA}/comments`), 'comments');
  // A thread on words of the plan, put back on them (as the editor does after a split paragraph re-creates them).
  const reader = await openPlan(server, f, docA);
  const onWords = textAnchor(textContaining(reader.doc, 'objetivos comunes'), 'objetivos comunes');
  reader.destroy();
  const onText = await ok(f.post(`/api/documents/${docA}/comments`, { body: '¿Cuáles?', anchor: onWords }), 'text comment');
  await ok(f.put(`/api/comments/${onText.comment.id}/anchor`, { anchor: onWords }), 're-anchor');
  await ok(member.api.post(`/api/documents/${docA}/visit`), 'second visit');
  await ok(member.api.get(`/api/documents/${docA}/changes-since-visit`), 'changes since visit');
  await ok(member.api.get(`/api/workspaces/${ws}/changes-since-visit`), 'the group’s changes since visits');

  // Meetings and decisions.
  const meeting = (await ok(f.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión ordinaria', startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Apertura', minutes: 10 }, { title: 'Acuerdos' }] }), 'meeting')).meeting.id;
  await ok(f.get(`/api/workspaces/${ws}/meetings`), 'meetings');
  await ok(f.get(`/api/meetings/${meeting}`), 'meeting');
  await ok(f.get(`/api/meetings/${meeting}/calendar.ics?lang=en`), 'meeting calendar event');
  await ok(member.api.get('/api/me/calendar-feed'), 'calendar link, none yet');
  const feed = await ok(member.api.post('/api/me/calendar-feed'), 'make a calendar link');
  await ok(anon.get(`${new URL(feed.url).pathname}?lang=en`), 'calendar feed');
  await ok(member.api.get('/api/me/calendar-feed'), 'calendar link, used');
  await ok(member.api.delete('/api/me/calendar-feed'), 'switch the calendar link off');
  await ok(f.patch(`/api/meetings/${meeting}`, { title: 'Sesión ordinaria de marzo', startsAt: '2027-03-02T16:00:00Z' }), 'correct meeting');
  const calledOff = (await ok(f.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión suspendida', startsAt: '2027-03-08T16:00:00Z', agenda: [{ title: 'Apertura' }] }), 'meeting to cancel')).meeting.id;
  await ok(f.post(`/api/meetings/${calledOff}/cancel`), 'cancel meeting');
  // A cancelled meeting has no minutes: a conflict in the documented Error shape, naming its reason.
  const noMinutes = await f.get(`/api/meetings/${calledOff}/minutes?format=md`);
  expect([noMinutes.status, noMinutes.body.error?.reason]).toEqual([409, 'meeting_cancelled']);
  await ok(f.post(`/api/meetings/${meeting}/start`), 'start');
  await ok(f.patch(`/api/meetings/${meeting}`, { agenda: [{ title: 'Apertura', minutes: 10 }, { title: 'Acuerdos', minutes: 40 }] }), 'correct a live agenda');
  await ok(f.put(`/api/meetings/${meeting}/current-item`, { index: 1 }), 'current item');
  await ok(f.put(`/api/meetings/${meeting}/attendance`, { organizationIds: [fac.organizationId, focal.organizationId] }), 'attendance');
  const open = await ok(
    f.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de atención', body: 'Texto', documentId: docA, activityIds: [activityIds[0]], meetingId: meeting, ownerOrganizationId: fac.organizationId, dueDate: '2027-05-01' }),
    'decision',
  );
  const hidden = await ok(f.post(`/api/workspaces/${ws}/decisions`, { title: 'Presupuesto común', stanceVisibility: 'hidden_until_closed' }), 'hidden decision');
  await ok(focal.api.put(`/api/decisions/${open.decision.id}/stances/${focal.organizationId}`, { stance: 'agree_with_conditions', reason: 'Con fechas' }), 'stance');
  await ok(focal.api.put(`/api/decisions/${hidden.decision.id}/stances/${focal.organizationId}`, { stance: 'object' }), 'hidden stance');
  const action = await ok(f.post(`/api/decisions/${open.decision.id}/actions`, { title: 'Enviar protocolo', ownerOrganizationId: focal.organizationId, assigneeId: focal.id, dueDate: '2020-06-30', activityId: activityIds[0] }), 'action');
  await ok(f.post(`/api/decisions/${open.decision.id}/actions`, { title: 'Publicar protocolo', ownerOrganizationId: fac.organizationId, dueDate: '2027-06-30' }), 'second action');
  await ok(f.patch(`/api/actions/${action.action.id}`, { title: 'Enviar el protocolo' }), 'patch action');
  await ok(f.get(`/api/workspaces/${ws}/actions`), 'actions');
  await ok(focal.api.get(`/api/workspaces/${ws}/dashboard`), 'dashboard, with pending stances and overdue actions');
  await ok(focal.api.get('/api/me/attention'), 'attention, with pending stances and overdue actions');
  await ok(focal.api.get('/api/me/actions'), 'my actions, across my groups');
  await ok(f.get('/api/me/actions?scope=organization&status=open'), 'my actions and my organization’s unassigned ones');
  await ok(member.api.get(`/api/decisions/${hidden.decision.id}`), 'decision with a hidden stance');
  await ok(f.patch(`/api/decisions/${open.decision.id}`, { status: 'agreed' }), 'agree');
  await ok(f.get(`/api/decisions/${open.decision.id}`), 'decision');
  await ok(f.get(`/api/workspaces/${ws}/decisions`), 'decisions');
  await ok(f.post(`/api/meetings/${meeting}/close`), 'close meeting');
  for (const format of ['md', 'docx', 'pdf']) await ok(f.get(`/api/meetings/${meeting}/minutes?format=${format}&lang=en`), `minutes ${format}`);

  // Versions, sign-off, diff, restore and exports.
  await ok(focal.api.post(`/api/versions/${v1}/approvals`), 'approve');
  await ok(f.get(`/api/documents/${docA}/versions`), 'versions');
  await ok(f.get(`/api/versions/${v1}`), 'version');
  await ok(f.get(`/api/documents/${docA}/diff?from=${v1}`), 'diff');
  for (const format of ['md', 'docx', 'pdf', 'json']) await ok(f.get(`/api/documents/${docA}/export?format=${format}`), `export ${format}`);
  await ok(f.get(`/api/documents/${docA}/export?format=json&version=${v1}`), 'export of a version');
  await ok(f.post(`/api/versions/${v1}/restore`), 'restore');

  // Inbox, search, audit.
  await ok(member.api.get('/api/notifications'), 'notifications');
  await ok(member.api.get('/api/notifications/unread-counts'), 'unread counts');
  await ok(member.api.post('/api/notifications/read', { all: true }), 'read all');
  await ok(f.get('/api/search?q=protocolo'), 'search decisions');
  await ok(f.get(`/api/search?q=capacitacion&workspaceId=${ws}`), 'search activities');
  await ok(f.get(`/api/workspaces/${ws}/audit?limit=5`), 'audit page');
  await ok(f.get(`/api/workspaces/${ws}/audit.csv`), 'audit csv');
  await ok(admin.get('/api/audit'), 'instance audit');
  await ok(admin.get('/api/audit.csv'), 'instance audit csv');

  // Last: signing out ends a session of its own.
  const session = await ok(anon.post('/api/auth/login', { email: focal.email, password: PASSWORD }), 'sign in');
  await ok(anon.as(session.token).post('/api/auth/logout'), 'sign out');
}

describe('the OpenAPI document describes what the API answers', () => {
  let server: TestServer;
  let answers: RecordedAnswer[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    const recording = recordAnswers(server.url);
    try {
      await tourTheApi(server);
    } finally {
      recording.stop();
    }
    answers = recording.answers;
  }, 180_000);
  afterAll(() => server?.close());

  it('answers every route as its spec documents: status, media type, and a body its strict schema accepts', () => {
    const problems: string[] = [];
    const succeeded = new Set<string>();
    for (const answer of answers) {
      const doc = routeFor(server.routeDocs, answer.method, answer.path);
      if (!doc) continue; // an address no route serves: its 404 is the not-found handler's, not a route's
      problems.push(...undocumented(doc, answer));
      if (answer.status < 300) succeeded.add(`${doc.method} ${doc.url}`);
    }
    const untoured = server.routeDocs.map((d) => `${d.method} ${d.url}`).filter((key) => !succeeded.has(key));
    expect(problems).toEqual([]);
    expect(untoured, 'routes the tour never called successfully').toEqual([]);
  });

  it('gives every operation a unique operationId and a success response with a schema, a file type or no content', async () => {
    const doc = (await new Api(server.url).get('/api/openapi.json')).body as {
      openapi: string;
      components: { schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (!op.operationId) problems.push(`${key}: no operationId`);
        else if (ids.has(op.operationId)) problems.push(`${key}: operationId ${op.operationId} used twice`);
        else ids.add(op.operationId);
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        const described = success.some(([status, r]) => status === '204' || Object.entries(r.content ?? {}).some(([type, media]) => type !== 'application/json' || media.schema !== undefined));
        if (!described) problems.push(`${key}: no success response with a schema, a file type or no content`);
      }
    }
    // Every reference resolves within the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    problems.push(...[...new Set(refs)].filter((name) => !(name in doc.components.schemas)).map((name) => `dangling $ref to ${name}`));
    expect(problems).toEqual([]);
  });
});
