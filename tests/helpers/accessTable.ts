/**
 * The authorization matrix: for every route of the OpenAPI document, the status each kind of caller gets.
 * A route missing here fails the access-matrix test ("no expectation for …"), except reads that follow
 * the default rule (see `defaultCase`). Columns of `st(…)`, in call order:
 *   anonymous · outsider (another group's facilitator) · admin (instance admin, not a member) ·
 *   observer · member · focal point (member role) · facilitator
 */
import type { AccessIds, Caller } from './accessWorld.js';

export interface RouteCase {
  expect: Record<Caller, number>;
  /** Path parameters beyond the defaults (`defaultParam`). */
  params?: (ids: AccessIds) => Record<string, string | undefined>;
  /** Query string without the "?". */
  query?: (ids: AccessIds) => string;
  /** JSON body (a fresh one per call, so unique names stay unique). */
  body?: (ids: AccessIds, caller: Caller, n: number) => unknown;
  /** Call with a second session of the caller (the route ends the session it is called with). */
  freshSession?: boolean;
}

/** Statuses in the column order above. */
export function st(anonymous: number, outsider: number, admin: number, observer: number, member: number, focal: number, facilitator: number): Record<Caller, number> {
  return { anonymous, outsider, admin, observer, member, focal, facilitator };
}

/** Anyone, signed in or not. */
const open = (s: number) => st(s, s, s, s, s, s, s);
/** Anyone signed in. */
const signedIn = (s: number) => st(401, s, s, s, s, s, s);
/** Instance admins only; not secret, so others get 403. */
const adminOnly = (s: number) => st(401, 403, s, 403, 403, 403, 403);
/** Reading a group's records: members of every role. Outsiders and non-member admins must not learn it exists. */
const groupRead = (s = 200) => st(401, 404, 404, s, s, s, s);
/** Writing in a group: members, focal points and facilitators; observers are refused. */
const groupWrite = (s: number) => st(401, 404, 404, 403, s, s, s);
/** Facilitators of the group only. */
const facilitatorOnly = (s: number) => st(401, 404, 404, 403, 403, 403, s);

const inGroup = (ids: AccessIds) => `workspaceId=${ids.workspaceId}`;

export const ACCESS_TABLE: Record<string, RouteCase> = {
  // Public: first-run setup (already done, so 409 for everyone), sign-in.
  'GET /api/setup/status': { expect: open(200) },
  // Who is signed in: `{me: null}` for nobody, never a 401.
  'GET /api/session': { expect: open(200) },
  'GET /api/health': { expect: open(200) },
  'GET /metrics': { expect: open(200) },
  'GET /api/openapi.json': { expect: open(200) },
  'POST /api/setup': {
    expect: open(409),
    body: (_ids, _c, n) => ({ email: `second-${n}@enlace.test`, password: 'correct-horse-battery', name: 'Otra', organization: { name: 'Otra', acronym: 'OTRA', level: 'federal' } }),
  },
  'POST /api/auth/login': { expect: open(200), body: (ids) => ({ email: ids.loginEmail, password: 'correct-horse-battery' }) },

  // The signed-in person's own things.
  'POST /api/auth/logout': { expect: signedIn(204), freshSession: true },
  'PATCH /api/me': { expect: signedIn(200), body: () => ({ locale: 'es' }) },
  // To the same password: the caller's other sessions end, the one calling (and the world's password) stay.
  'POST /api/me/password': { expect: signedIn(204), body: () => ({ currentPassword: 'correct-horse-battery', newPassword: 'correct-horse-battery' }) },
  // The caller's own calendar link: each caller makes one, then switches it off.
  'GET /api/me/calendar-feed': { expect: signedIn(200) },
  'POST /api/me/calendar-feed': { expect: signedIn(201) },
  'DELETE /api/me/calendar-feed': { expect: signedIn(204) },
  // The link is the credential, whoever calls and with whatever session: an unknown one is 404 for everyone.
  'GET /api/calendar/feeds/{token}.ics': { expect: open(404), params: () => ({ token: 'no-such-calendar-feed-token-000' }) },
  // Across the caller's own groups only (the answer must not name the group to the outsider or the admin).
  'GET /api/me/actions': { expect: signedIn(200), query: () => 'scope=organization&status=open' },
  'POST /api/notifications/read': { expect: signedIn(200), body: () => ({ all: true }) },
  'POST /api/workspaces': { expect: signedIn(201), body: (_ids, caller) => ({ name: `Mesa de ${caller}`, mandateAreas: ['corruption'] }) },
  // An unknown or used token is 404 for everyone; a valid one would make the outsider a member.
  'POST /api/invitations/accept': { expect: signedIn(404), body: () => ({ token: 'no-such-invitation-token-000' }) },
  // Read signed out too (a link can be for a person without an account yet): an unknown token is 404 for everyone.
  'POST /api/invitations/preview': { expect: open(404), body: () => ({ token: 'no-such-invitation-token-000' }) },
  // Signing up is for people without a session: signed in, 403 (accept instead); signed out, an unknown token is 404.
  'POST /api/invitations/sign-up': {
    expect: st(404, 403, 403, 403, 403, 403, 403),
    body: (_ids, caller, n) => ({ token: 'no-such-invitation-token-000', name: 'Nueva', email: `sign-up-${caller}-${n}@enlace.test`, password: 'correct-horse-battery' }),
  },

  // Instance administration.
  'POST /api/organizations': { expect: adminOnly(201), body: (_ids, _c, n) => ({ name: `Institución ${n}`, acronym: `INST${n}`, level: 'state', stateCode: '08' }) },
  'PATCH /api/organizations/{id}': { expect: adminOnly(200), params: (ids) => ({ id: ids.focalOrganizationId }), body: (_ids, _c, n) => ({ name: `Institución renombrada ${n}` }) },
  'POST /api/users': {
    expect: adminOnly(201),
    body: (ids, _c, n) => ({ email: `persona-${n}@enlace.test`, name: `Persona ${n}`, password: 'correct-horse-battery', organizationId: ids.facilitatorOrganizationId }),
  },
  // The spare person's sessions end (no caller uses them); the password stays the world's.
  'POST /api/users/{id}/password': { expect: adminOnly(204), params: (ids) => ({ id: ids.spareUserId }), body: () => ({ password: 'correct-horse-battery' }) },
  // Active already: nothing changes, so the spare person stays usable for the other routes.
  'PATCH /api/users/{id}': { expect: adminOnly(200), params: (ids) => ({ id: ids.spareUserId }), body: () => ({ active: true }) },
  'POST /api/matrix/rebuild': { expect: adminOnly(200) },
  'GET /api/audit': { expect: adminOnly(200) },
  'GET /api/audit.csv': { expect: adminOnly(200) },

  // Cross-group reads narrowed to the group: naming a group one is not in is a 404.
  'GET /api/matrix': { expect: groupRead(), query: inGroup },
  'GET /api/matrix/pivot': { expect: groupRead(), query: inGroup },
  'GET /api/matrix.csv': { expect: groupRead(), query: inGroup },
  'GET /api/matrix.xlsx': { expect: groupRead(), query: inGroup },
  'GET /api/search': { expect: groupRead(), query: (ids) => `q=protocolo&${inGroup(ids)}` },

  // The working group and its members.
  'PATCH /api/workspaces/{id}': { expect: facilitatorOnly(200), body: () => ({ description: 'Mesa interinstitucional' }) },
  'PUT /api/workspaces/{id}/members/{userId}': { expect: facilitatorOnly(200), params: (ids) => ({ userId: ids.spareUserId }), body: () => ({ role: 'observer' }) },
  'DELETE /api/workspaces/{id}/members/{userId}': { expect: facilitatorOnly(204), params: (ids) => ({ userId: ids.removableUserId }) },
  'POST /api/workspaces/{id}/invitations': { expect: facilitatorOnly(201), body: () => ({ role: 'member', expiresInHours: 24 }) },
  'GET /api/workspaces/{id}/invitations': { expect: facilitatorOnly(200) },
  'DELETE /api/invitations/{id}': { expect: facilitatorOnly(204) },
  'GET /api/workspaces/{id}/audit': { expect: facilitatorOnly(200) },
  'GET /api/workspaces/{id}/audit.csv': { expect: facilitatorOnly(200) },

  // Plans.
  'POST /api/workspaces/{id}/documents': { expect: groupWrite(201), body: (_ids, caller) => ({ title: `Plan de ${caller}`, template: 'blank' }) },
  'PATCH /api/documents/{id}': { expect: groupWrite(200), body: () => ({ title: 'Plan de trabajo 2027' }) },
  'GET /api/documents/{id}/export': { expect: groupRead(), query: () => 'format=json' },
  'POST /api/documents/{id}/visit': { expect: groupRead() },

  // Comments: observers comment too; words belong to their author; members resolve any thread.
  'POST /api/documents/{id}/comments': { expect: groupRead(201), body: (_ids, caller) => ({ body: `Comentario de ${caller}` }) },
  'PATCH /api/comments/{id}': { expect: facilitatorOnly(200), body: () => ({ body: 'Revisar la meta del indicador (editado)' }) },
  'DELETE /api/comments/{id}': { expect: facilitatorOnly(204), params: (ids) => ({ id: ids.commentToDeleteId }) },
  'POST /api/comments/{id}/resolve': { expect: groupWrite(200) },
  'POST /api/comments/{id}/reopen': { expect: groupWrite(200) },
  // Only on the words the thread quotes, which the world's text comment covers where it was made.
  'PUT /api/comments/{id}/anchor': { expect: groupWrite(200), params: (ids) => ({ id: ids.textCommentId }), body: (ids) => ({ anchor: ids.textAnchor }) },

  // Decisions, stances and actions (the facilitator proposed the decision).
  'POST /api/workspaces/{id}/decisions': { expect: groupWrite(201), body: (_ids, caller) => ({ title: `Propuesta de ${caller}` }) },
  'PATCH /api/decisions/{id}': { expect: facilitatorOnly(200), body: () => ({ title: 'Protocolo de atención a víctimas (revisado)' }) },
  'PUT /api/decisions/{id}/stances/{organizationId}': {
    expect: st(401, 404, 404, 403, 403, 200, 200),
    params: (ids) => ({ organizationId: ids.focalOrganizationId }),
    body: () => ({ stance: 'agree' }),
  },
  'POST /api/decisions/{id}/actions': { expect: groupWrite(201), body: (ids, caller) => ({ title: `Acción de ${caller}`, ownerOrganizationId: ids.facilitatorOrganizationId, dueDate: '2027-07-31' }) },
  'PATCH /api/actions/{id}': { expect: groupWrite(200), body: () => ({ title: 'Enviar protocolo firmado' }) },

  // Meetings: facilitators run them.
  'POST /api/workspaces/{id}/meetings': { expect: facilitatorOnly(201), body: () => ({ title: 'Sesión', startsAt: '2027-04-01T16:00:00Z', agenda: [{ title: 'Apertura' }] }) },
  'POST /api/meetings/{id}/start': { expect: facilitatorOnly(200) },
  'PUT /api/meetings/{id}/current-item': { expect: facilitatorOnly(200), body: () => ({ index: 1 }) },
  'PUT /api/meetings/{id}/attendance': { expect: facilitatorOnly(200), body: (ids) => ({ organizationIds: [ids.facilitatorOrganizationId] }) },
  'POST /api/meetings/{id}/close': { expect: facilitatorOnly(200), params: (ids) => ({ id: ids.meetingToCloseId }) },
  'PATCH /api/meetings/{id}': { expect: facilitatorOnly(200), body: (_ids, caller) => ({ title: `Sesión ordinaria 7Q (${caller})` }) },
  'POST /api/meetings/{id}/cancel': { expect: facilitatorOnly(200), params: (ids) => ({ id: ids.meetingToCancelId }) },

  // Versions: editors name and restore them, only a focal point signs off (for their organization).
  'POST /api/documents/{id}/versions': { expect: groupWrite(201), body: (_ids, caller) => ({ name: `Versión de ${caller}` }) },
  'POST /api/versions/{id}/restore': { expect: groupWrite(200) },
  'POST /api/versions/{id}/approvals': { expect: st(401, 404, 404, 403, 403, 201, 403) },
  'GET /api/documents/{id}/diff': { expect: groupRead(), query: (ids) => `from=${ids.versionId}` },

  // Overlap flags: members and facilitators of a group involved resolve them.
  'POST /api/overlaps/{id}/resolve': { expect: groupWrite(200), body: () => ({ resolution: 'coordinate', note: 'Lo coordinamos' }) },
};

/** Path prefixes whose `{id}` names a record inside one working group. */
const GROUP_SCOPED = /^\/api\/(workspaces|documents|decisions|actions|meetings|comments|versions|overlaps)\/\{id\}/;

/**
 * The default for a route without an entry: a read (GET without required query parameters) of a group's
 * record is `groupRead`; a read with no path parameters is for anyone signed in. Anything else has no default.
 */
export function defaultCase(method: string, path: string, requiredQuery: string[]): RouteCase | undefined {
  if (method !== 'GET' || requiredQuery.length) return undefined;
  if (GROUP_SCOPED.test(path)) return { expect: groupRead() };
  if (!path.includes('{')) return { expect: signedIn(200) };
  return undefined;
}

/** The record a path parameter names by default: the `{id}` after the resource, `{userId}`, `{organizationId}`. */
export function defaultParam(path: string, name: string, ids: AccessIds): string | undefined {
  if (name === 'userId') return ids.spareUserId;
  if (name === 'organizationId') return ids.focalOrganizationId;
  if (name !== 'id') return undefined;
  const resource = /^\/api\/([a-z]+)\//.exec(path)?.[1];
  const byResource: Record<string, string | undefined> = {
    workspaces: ids.workspaceId,
    documents: ids.documentId,
    decisions: ids.decisionId,
    actions: ids.actionId,
    meetings: ids.meetingId,
    comments: ids.commentId,
    versions: ids.versionId,
    overlaps: ids.overlapId,
    invitations: ids.invitationId,
  };
  return resource ? byResource[resource] : undefined;
}
