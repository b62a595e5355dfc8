/**
 * The world of the authorization matrix: one working group with a person in each role, an outsider
 * (facilitator of another group), the instance admin (not a member), and one of every record the API
 * can create in the group — each created through the API only if its create route exists.
 */
import { Api, createWorld, PASSWORD, type World } from './api.js';
import { textAnchor, textContaining } from './comments.js';
import { addActivity, openPlan, pollUntil, tipActivity } from './matrix.js';
import type { TestServer } from './server.js';
import { connectYjs, waitSynced } from './yjsClient.js';

/** Who calls. The facilitator goes last, so their successful writes never change what the others meet. */
export const CALLERS = ['anonymous', 'outsider', 'admin', 'observer', 'member', 'focal', 'facilitator'] as const;
export type Caller = (typeof CALLERS)[number];
export type Person = Exclude<Caller, 'anonymous'>;

/** Ids of the records routes act on; undefined when the route that creates it does not exist. */
export interface AccessIds {
  workspaceId: string;
  otherWorkspaceId: string;
  documentId: string;
  decisionId?: string;
  actionId?: string;
  meetingId?: string;
  /** A second meeting, so closing one leaves the other live for the other meeting routes. */
  meetingToCloseId?: string;
  /** A third meeting, kept scheduled for the cancel route (the others are started). */
  meetingToCancelId?: string;
  commentId?: string;
  /** A second comment, so deleting one leaves the other for edit, resolve and reopen. */
  commentToDeleteId?: string;
  /** A comment on words of the plan, and its anchor (re-anchoring puts it back on the same words). */
  textCommentId?: string;
  textAnchor?: unknown;
  versionId?: string;
  overlapId?: string;
  /** An invitation link of the group (the revoke route's target). */
  invitationId?: string;
  /** A person in no group: the facilitator adds them. */
  spareUserId: string;
  /** A member the facilitator removes. */
  removableUserId: string;
  /** The focal point's organization: their stance is theirs to cast, and a facilitator's on its behalf. */
  focalOrganizationId: string;
  facilitatorOrganizationId: string;
  /** A person whose credentials sign in (the login route). */
  loginEmail: string;
}

export interface AccessWorld {
  world: World;
  /** "GET /api/workspaces/{id}" → whether it is in the OpenAPI document. */
  routes: Set<string>;
  api: Record<Caller, Api>;
  emails: Record<Person, string>;
  ids: AccessIds;
  /** Distinctive words that must never appear in an answer to someone outside the group. */
  secrets: string[];
  /** A second, fresh session of the person (for routes that end the session they are called with). */
  signInAgain(who: Person): Promise<Api>;
}

/** Reads the OpenAPI document and lists its operations as "METHOD /path/{param}". */
export async function openApiOperations(baseUrl: string): Promise<Array<{ key: string; method: string; path: string; requiredQuery: string[] }>> {
  const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }> }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => ({
      key: `${m.toUpperCase()} ${path}`,
      method: m.toUpperCase(),
      path,
      requiredQuery: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
    })),
  );
}

async function created(res: Promise<{ status: number; body: Record<string, any> }>, what: string): Promise<Record<string, any>> {
  const r = await res;
  if (r.status !== 201) throw new Error(`could not create ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Builds the world through the API. */
export async function buildAccessWorld(server: TestServer): Promise<AccessWorld> {
  const world = await createWorld(server.url);
  const routes = new Set((await openApiOperations(server.url)).map((o) => o.key));
  const has = (key: string) => routes.has(key);

  const facilitator = await world.user('Fabiola Facilitadora', 'SSPC');
  const member = await world.user('Mario Integrante', 'FGR');
  const focal = await world.user('Fernanda Focal', 'FGE-CHIH');
  const observer = await world.user('Oscar Observador', 'MUN-JUAREZ');
  const outsider = await world.user('Olga Externa', 'FGR');
  const spare = await world.user('Sara Disponible', 'UNODC');
  const removable = await world.user('Rita Saliente', 'UNODC');
  const login = await world.user('Luis Acceso', 'SSPC');

  const secretName = 'Mesa reservada Zacatecas-7Q';
  const workspaceId = await world.workspace(facilitator.api, secretName);
  const otherWorkspaceId = await world.workspace(outsider.api, 'Mesa ajena');
  await world.addMember(workspaceId, facilitator.api, member.id, 'member');
  await world.addMember(workspaceId, facilitator.api, focal.id, 'member', true);
  await world.addMember(workspaceId, facilitator.api, observer.id, 'observer');
  await world.addMember(workspaceId, facilitator.api, removable.id, 'member');
  const documentId = await world.document(facilitator.api, workspaceId);
  const fac = facilitator.api;

  const ids: AccessIds = {
    workspaceId,
    otherWorkspaceId,
    documentId,
    spareUserId: spare.id,
    removableUserId: removable.id,
    focalOrganizationId: focal.organizationId,
    facilitatorOrganizationId: facilitator.organizationId,
    loginEmail: login.email,
  };

  if (has('POST /api/workspaces/{id}/decisions')) {
    ids.decisionId = (await created(fac.post(`/api/workspaces/${workspaceId}/decisions`, { title: 'Protocolo de atención a víctimas 7Q' }), 'decision')).decision.id;
  }
  if (ids.decisionId && has('POST /api/decisions/{id}/actions')) {
    const body = { title: 'Enviar protocolo 7Q', ownerOrganizationId: facilitator.organizationId, dueDate: '2027-06-30' };
    ids.actionId = (await created(fac.post(`/api/decisions/${ids.decisionId}/actions`, body), 'action')).action.id;
  }
  if (has('POST /api/workspaces/{id}/meetings')) {
    const meeting = (title: string) => created(fac.post(`/api/workspaces/${workspaceId}/meetings`, { title, startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Apertura' }, { title: 'Acuerdos' }] }), 'meeting');
    ids.meetingId = (await meeting('Sesión ordinaria 7Q')).meeting.id;
    ids.meetingToCloseId = (await meeting('Sesión extraordinaria 7Q')).meeting.id;
    ids.meetingToCancelId = (await meeting('Sesión suspendida 7Q')).meeting.id;
  }
  if (has('POST /api/documents/{id}/comments')) {
    const comment = (body: string) => created(fac.post(`/api/documents/${documentId}/comments`, { body }), 'comment');
    ids.commentId = (await comment('Revisar la meta del indicador 7Q')).comment.id;
    ids.commentToDeleteId = (await comment('Comentario para borrar 7Q')).comment.id;
    const reader = connectYjs(server.wsUrl, documentId, fac.token);
    await waitSynced(reader);
    ids.textAnchor = textAnchor(textContaining(reader.doc, 'objetivos comunes'), 'objetivos comunes');
    reader.destroy();
    ids.textCommentId = (await created(fac.post(`/api/documents/${documentId}/comments`, { body: '¿Cuáles? 7Q', anchor: ids.textAnchor }), 'comment')).comment.id;
  }
  if (has('POST /api/documents/{id}/versions')) {
    ids.versionId = (await created(fac.post(`/api/documents/${documentId}/versions`, { name: 'Versión para firma 7Q' }), 'version')).version.id;
  }
  if (has('POST /api/workspaces/{id}/invitations')) {
    ids.invitationId = (await created(fac.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'member' }), 'invitation')).invitation.id;
  }
  if (has('GET /api/overlaps') && has('POST /api/overlaps/{id}/resolve')) {
    // Two plans of the group with the same activity led by two agencies: the matrix flags the pair.
    const secondId = await world.document(fac, workspaceId);
    const leads = [facilitator.organizationId, focal.organizationId];
    for (const [i, id] of [documentId, secondId].entries()) {
      const client = await openPlan(server, fac, id);
      addActivity(client, tipActivity(leads[i]));
      // Stay connected until the edit is stored (the overlap list below waits for the projection).
      await pollUntil(fac, `/api/matrix?workspaceId=${workspaceId}`, (b) => b.activities.some((a: { documentId: string }) => a.documentId === id), 10_000);
      client.destroy();
    }
    const listed = await pollUntil(fac, '/api/overlaps', (b) => b.overlaps.length > 0, 10_000, 'an overlap');
    ids.overlapId = listed.overlaps[0].id;
  }

  const emails: Record<Person, string> = {
    outsider: outsider.email,
    admin: 'admin@enlace.test',
    observer: observer.email,
    member: member.email,
    focal: focal.email,
    facilitator: facilitator.email,
  };
  const api: Record<Caller, Api> = {
    anonymous: new Api(server.url),
    outsider: outsider.api,
    admin: world.admin,
    observer: observer.api,
    member: member.api,
    focal: focal.api,
    facilitator: fac,
  };
  return {
    world,
    routes,
    api,
    emails,
    ids,
    secrets: [secretName, 'Zacatecas-7Q', workspaceId],
    async signInAgain(who) {
      const res = await new Api(server.url).post('/api/auth/login', { email: emails[who], password: PASSWORD });
      if (res.status !== 200) throw new Error(`sign-in of ${who} failed: ${res.status}`);
      return new Api(server.url, res.body.token);
    },
  };
}
