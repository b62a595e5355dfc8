/** NUL and unpaired surrogates in any JSON string, query or property name: 400 validation_failed naming the path, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createWorld, PASSWORD } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const NUL = 'a\u0000b';
const LONE_HIGH = 'a\ud800b';
const LONE_LOW = '\udc00tail';

interface Case {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  as?: 'admin';
  /** The detail path the refusal must name. */
  at: string;
}

describe('hostile strings in REST input', () => {
  let server: TestServer;
  let api: Api;
  let admin: Api;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    api = ana.api;
    admin = world.admin;
    ids.org = world.orgs.SSPC.id;
    ids.ws = await world.workspace(api);
    ids.doc = await world.document(api, ids.ws);
    ids.decision = (await api.post(`/api/workspaces/${ids.ws}/decisions`, { title: 'Base' })).body.decision.id;
    ids.meeting = (await api.post(`/api/workspaces/${ids.ws}/meetings`, { title: 'Sesión', startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Punto' }] })).body.meeting.id;
    ids.action = (await api.post(`/api/decisions/${ids.decision}/actions`, { title: 'Base', ownerOrganizationId: ids.org, dueDate: '2027-04-01' })).body.action.id;
  });
  afterAll(() => server.close());

  const cases: Case[] = [
    { name: 'workspace name (NUL)', method: 'POST', path: () => '/api/workspaces', body: () => ({ name: NUL, mandateAreas: ['corruption'] }), at: 'name' },
    { name: 'workspace description (lone surrogate)', method: 'PATCH', path: () => `/api/workspaces/${ids.ws}`, body: () => ({ description: LONE_HIGH }), at: 'description' },
    { name: 'organization name (NUL)', method: 'POST', as: 'admin', path: () => '/api/organizations', body: () => ({ name: NUL, acronym: 'X', level: 'federal' }), at: 'name' },
    { name: 'user name (lone surrogate)', method: 'POST', as: 'admin', path: () => '/api/users', body: () => ({ email: 'eve@enlace.test', name: LONE_LOW, password: PASSWORD, organizationId: ids.org }), at: 'name' },
    { name: 'document title (NUL)', method: 'POST', path: () => `/api/workspaces/${ids.ws}/documents`, body: () => ({ title: NUL }), at: 'title' },
    { name: 'document rename (lone surrogate)', method: 'PATCH', path: () => `/api/documents/${ids.doc}`, body: () => ({ title: LONE_HIGH }), at: 'title' },
    { name: 'decision title (NUL)', method: 'POST', path: () => `/api/workspaces/${ids.ws}/decisions`, body: () => ({ title: NUL }), at: 'title' },
    { name: 'decision body (lone surrogate)', method: 'POST', path: () => `/api/workspaces/${ids.ws}/decisions`, body: () => ({ title: 'ok', body: LONE_HIGH }), at: 'body' },
    { name: 'decision activity id (NUL)', method: 'POST', path: () => `/api/workspaces/${ids.ws}/decisions`, body: () => ({ title: 'ok', activityIds: ['fine', NUL] }), at: 'activityIds.1' },
    { name: 'decision edit (NUL)', method: 'PATCH', path: () => `/api/decisions/${ids.decision}`, body: () => ({ body: NUL }), at: 'body' },
    { name: 'meeting title (lone surrogate)', method: 'POST', path: () => `/api/workspaces/${ids.ws}/meetings`, body: () => ({ title: LONE_HIGH, startsAt: '2027-03-01T16:00:00Z', agenda: [] }), at: 'title' },
    { name: 'agenda item title (NUL)', method: 'POST', path: () => `/api/workspaces/${ids.ws}/meetings`, body: () => ({ title: 'ok', startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'ok' }, { title: NUL }] }), at: 'agenda.1.title' },
    { name: 'version name (NUL)', method: 'POST', path: () => `/api/documents/${ids.doc}/versions`, body: () => ({ name: NUL }), at: 'name' },
    { name: 'stance reason (lone surrogate)', method: 'PUT', path: () => `/api/decisions/${ids.decision}/stances/${ids.org}`, body: () => ({ stance: 'agree', reason: LONE_HIGH }), at: 'reason' },
    { name: 'action title (NUL)', method: 'POST', path: () => `/api/decisions/${ids.decision}/actions`, body: () => ({ title: NUL, ownerOrganizationId: ids.org, dueDate: '2027-04-01' }), at: 'title' },
    { name: 'action activity id (lone surrogate)', method: 'POST', path: () => `/api/decisions/${ids.decision}/actions`, body: () => ({ title: 'ok', ownerOrganizationId: ids.org, dueDate: '2027-04-01', activityId: LONE_HIGH }), at: 'activityId' },
    { name: 'action edit (NUL)', method: 'PATCH', path: () => `/api/actions/${ids.action}`, body: () => ({ title: NUL }), at: 'title' },
    { name: 'comment body (NUL, refused before as well)', method: 'POST', path: () => `/api/documents/${ids.doc}/comments`, body: () => ({ body: NUL }), at: 'body' },
    { name: 'comment anchor activity id (NUL)', method: 'POST', path: () => `/api/documents/${ids.doc}/comments`, body: () => ({ body: 'ok', anchor: { type: 'activity', activityId: NUL } }), at: 'anchor.activityId' },
    { name: 'overlap note (lone surrogate)', method: 'POST', path: () => '/api/overlaps/ovl_x/resolve', body: () => ({ resolution: 'coordinate', note: LONE_HIGH }), at: 'note' },
    { name: 'property name (NUL)', method: 'POST', path: () => `/api/workspaces/${ids.ws}/decisions`, body: () => ({ title: 'ok', ['x\u0000y']: 1 }), at: '' },
    { name: 'search query (NUL)', method: 'GET', path: () => '/api/search?q=a%00b', at: 'q' },
    { name: 'matrix filter (NUL)', method: 'GET', path: () => '/api/matrix?organizationId=a%00b', at: 'organizationId' },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} with 400 validation_failed at "${c.at}"`, async () => {
      const client = c.as === 'admin' ? admin : api;
      const res = await client.request(c.method, c.path(), c.body?.());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: c.at, message: expect.stringMatching(/NUL|surrogate/), issue: 'unstorable_text' })]));
    });
  }

  it('finds a NUL nested deep, naming its path; nesting deeper than any request needs is refused unparsed', async () => {
    const nested = (depth: number) => `{"title":"ok","deep":${'['.repeat(depth)}"a\\u0000"${']'.repeat(depth)}}`;
    const res = await api.request('POST', `/api/workspaces/${ids.ws}/decisions`, nested(60));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const [detail] = res.body.error.details as Array<{ path: string; message: string }>;
    expect(detail.path).toBe(`deep${'.0'.repeat(60)}`);
    expect(detail.message).toMatch(/NUL/);
    // Deeper than the call stack: refused before parsing, as too deep.
    const deep = await api.request('POST', `/api/workspaces/${ids.ws}/decisions`, nested(100_000));
    expect(deep.status).toBe(400);
    expect((deep.body.error.details as Array<{ issue: string }>)[0].issue).toBe('too_deep');
  });

  it('stored nothing from the refused requests and keeps serving', async () => {
    const decisions = (await api.get(`/api/workspaces/${ids.ws}/decisions`)).body.decisions as Array<{ title: string }>;
    expect(decisions.map((d) => d.title)).toEqual(['Base']);
    expect((await api.get(`/api/documents/${ids.doc}`)).body.document.title).toBe('Plan de trabajo 2027');
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('still accepts paired surrogates (emoji) and other unusual but valid text, stored verbatim', async () => {
    const title = 'Plan 💥 \ufffd ñandú 𝒜';
    // A title is one line (a line separator in it becomes a space); a body keeps its line breaks as written.
    const res = await api.post(`/api/workspaces/${ids.ws}/decisions`, { title: `${title}\u2028fin`, body: '\ud83d\ude00 ok\u2028\nsegunda' });
    expect(res.status).toBe(201);
    const read = await api.get(`/api/decisions/${res.body.decision.id}`);
    expect(read.body.decision.title).toBe(`${title} fin`);
    expect(read.body.decision.body).toBe('\ud83d\ude00 ok\u2028\nsegunda');
  });
});
