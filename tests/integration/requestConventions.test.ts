/**
 * Request conventions a contract client may rely on: a bodiless POST may still say `Content-Type:
 * application/json`, and an empty query value means the parameter was not given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('request conventions', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer(await BACKENDS[0].fresh());
    world = await createWorld(server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A request whose header says JSON and whose body is exactly `raw`. */
  const rawJson = (api: Api, method: string, path: string, raw: string) => api.request(method, path, raw, { 'content-type': 'application/json' });

  it('a bodiless POST sent with a JSON content type and no body works', async () => {
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const docId = await world.document(ana.api, ws);
    const meeting = await ana.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión ordinaria', startsAt: '2027-01-15T16:00:00Z', agenda: [{ title: 'Avances' }] });
    expect(meeting.status).toBe(201);
    const started = await rawJson(ana.api, 'POST', `/api/meetings/${meeting.body.meeting.id}/start`, '');
    expect(started.status).toBe(200);
    expect(started.body.meeting.status).toBe('live');

    const comment = await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Revisar fechas' });
    const resolved = await rawJson(ana.api, 'POST', `/api/comments/${comment.body.comment.id}/resolve`, '  \n');
    expect(resolved.status).toBe(200);
    expect(resolved.body.comment.resolvedAt).toEqual(expect.any(String));

    // A JSON null stands for no body where none is needed; where one is, the error names the null sent.
    const reopened = await rawJson(ana.api, 'POST', `/api/comments/${comment.body.comment.id}/reopen`, 'null');
    expect(reopened.status).toBe(200);
    const nullBody = await rawJson(ana.api, 'POST', `/api/workspaces`, 'null');
    expect(nullBody.status).toBe(400);
    expect(nullBody.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(nullBody.body.error.details)).toContain('received null');

    const out = await rawJson(ana.api, 'POST', '/api/auth/logout', '');
    expect(out.status).toBe(204);
    expect((await ana.api.get('/api/me')).status).toBe(401);
  });

  it('a JSON body that does not parse, or poisons a prototype, is still refused with the contract error', async () => {
    const beto = await world.user('Beto', 'FGR');
    for (const raw of ['{', '{"title": }', '{"__proto__": {"isAdmin": true}, "name": "x", "mandateAreas": ["corruption"]}']) {
      const res = await rawJson(beto.api, 'POST', '/api/workspaces', raw);
      expect(res.status, raw).toBe(400);
      expect(res.body.error.code, raw).toBe('validation_failed');
      // Each says which it is: broken JSON, or a reserved key in valid JSON.
      expect(res.body.error.message, raw).toMatch(raw.includes('__proto__') ? /reserved key/ : /not valid JSON/);
    }
    const constructorKey = await rawJson(beto.api, 'POST', '/api/workspaces', '{"constructor": {"prototype": {"x": 1}}, "name": "x", "mandateAreas": ["corruption"]}');
    expect(constructorKey.body.error.message).toMatch(/reserved key/);
    expect((await beto.api.get('/api/workspaces')).body.workspaces).toEqual([]);
  });

  it('refuses a body it cannot read as sent (another charset, compressed, a no-break space) by name, and stores nothing', async () => {
    const eli = await world.user('Eli', 'SSPC');
    const latin1 = new Blob([new Uint8Array(Buffer.from('{"name":"Mesa de café","mandateAreas":["corruption"]}', 'latin1'))]);
    const send = (headers: Record<string, string>, body: string | Blob) =>
      fetch(`${server.url}/api/workspaces`, { method: 'POST', headers: { authorization: `Bearer ${eli.api.token}`, ...headers }, body });
    const wrongCharset = await send({ 'content-type': 'application/json; charset=iso-8859-1' }, latin1);
    expect(wrongCharset.status).toBe(400);
    expect(((await wrongCharset.json()) as { error: { message: string } }).error.message).toContain('UTF-8');
    const compressed = await send({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{"name":"x","mandateAreas":["corruption"]}');
    expect(compressed.status).toBe(400);
    expect(((await compressed.json()) as { error: { message: string } }).error.message).toContain('uncompressed');
    expect((await eli.api.get('/api/workspaces')).body.workspaces).toEqual([]);
    // Declared UTF-8 is fine, in any spelling.
    const utf8 = await send({ 'content-type': 'application/json; charset="UTF-8"' }, '{"name":"Mesa de café","mandateAreas":["corruption"]}');
    expect(utf8.status).toBe(201);
    expect(((await utf8.json()) as { workspace: { name: string } }).workspace.name).toBe('Mesa de café');
    // A no-break space is not JSON whitespace: that body is malformed, not absent (the session stays).
    expect((await rawJson(eli.api, 'POST', '/api/auth/logout', '\u00a0')).status).toBe(400);
    expect((await eli.api.get('/api/me')).status).toBe(200);
  });

  it('an empty query value means the parameter was not given', async () => {
    const carla = await world.user('Carla', 'FGR');
    const dora = await world.user('Dora', 'SSPC');
    const ws = await world.workspace(carla.api);
    await world.addMember(ws, carla.api, dora.id, 'member');
    const docId = await world.document(carla.api, ws);
    const decision = await carla.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Intercambio de información' });
    await carla.api.patch(`/api/decisions/${decision.body.decision.id}`, { status: 'agreed' });
    await carla.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Calendario de sesiones' });
    const comment = await carla.api.post(`/api/documents/${docId}/comments`, { body: `Revisa esto @{${dora.id}}` });
    await carla.api.post(`/api/comments/${comment.body.comment.id}/resolve`);

    const decisions = await carla.api.get(`/api/workspaces/${ws}/decisions?status=`);
    expect(decisions.status).toBe(200);
    expect(decisions.body.decisions.map((d: { title: string }) => d.title).sort()).toEqual(['Calendario de sesiones', 'Intercambio de información']);

    const firstPage = await carla.api.get(`/api/workspaces/${ws}/audit?cursor=`);
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.events.map((e: { action: string }) => e.action)).toContain('decision.created');

    const comments = await carla.api.get(`/api/documents/${docId}/comments?status=`);
    expect(comments.status).toBe(200);
    expect(comments.body.comments.map((c: { id: string }) => c.id)).toEqual([comment.body.comment.id]);

    expect((await carla.api.get('/api/overlaps?status=')).status).toBe(200);

    // Dora has the mention and, her organization having no focal point, the two decisions' stance requests.
    const all = await dora.api.get('/api/notifications?unread=');
    expect(all.status).toBe(200);
    expect(all.body.notifications.map((n: { kind: string }) => n.kind).sort()).toEqual(['mention', 'stance_requested', 'stance_requested']);
    await dora.api.post('/api/notifications/read', { all: true });
    expect((await dora.api.get('/api/notifications?unread=1')).body.notifications).toEqual([]);
    expect((await dora.api.get('/api/notifications?unread=0')).body.notifications).toHaveLength(3);
    expect((await dora.api.get('/api/notifications?unread=maybe')).status).toBe(400);
    // A parameter named like a prototype is just an unknown parameter.
    const odd = await dora.api.get('/api/notifications?__proto__=a&__proto__=b&constructor=&unread=0');
    expect(odd.status).toBe(200);
    expect(odd.body.notifications).toHaveLength(3);
  });

  it('answers 404 for an id that could never exist, as for any unknown id', async () => {
    const eva = await world.user('Eva', 'SSPC');
    const ws = await world.workspace(eva.api);
    for (const path of [
      `/api/documents/${encodeURIComponent("'; drop table documents--")}`,
      '/api/documents/%00',
      `/api/workspaces/${'x'.repeat(300)}`,
      '/api/workspaces/',
      '/api/decisions/a.b',
      `/api/workspaces/${ws}/members/${encodeURIComponent('ü')}`,
    ]) {
      const res = await eva.api.request(path.includes('/members/') ? 'DELETE' : 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code, path).toBe('not_found');
    }
    // Signed out, it is still "sign in first".
    expect((await new Api(server.url).get("/api/documents/'x'")).status).toBe(401);
  });

  it('tells a caller that sent another form than JSON to send JSON, and refuses a mandate area named twice', async () => {
    const fer = await world.user('Fer', 'FGR');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await fer.api.request('POST', '/api/workspaces', 'name=Mesa&mandateAreas=corruption', { 'content-type': type });
      expect(res.status, type).toBe(400);
      expect(res.body.error.code, type).toBe('validation_failed');
      expect(res.body.error.message, type).toBe('Send the body as JSON, with Content-Type: application/json');
    }
    const twice = await fer.api.post('/api/workspaces', { name: 'Mesa', mandateAreas: ['corruption', 'corruption'] });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body.error.details)).toContain('Name each mandate area once');
    const ws = await world.workspace(fer.api);
    const patched = await fer.api.request('PATCH', `/api/workspaces/${ws}`, { mandateAreas: ['drug_trafficking', 'drug_trafficking'] });
    expect(patched.status).toBe(400);
    expect((await fer.api.get('/api/workspaces')).body.workspaces.map((w: { mandateAreas: string[] }) => w.mandateAreas)).toEqual([['trafficking_in_persons', 'migrant_smuggling']]);
  });

  it('refuses a near miss of a field a create route knows, naming the field meant, and still ignores other unknown fields', async () => {
    const gil = await world.user('Gil', 'SSPC');
    const ws = await world.workspace(gil.api);
    // A misspelled option must not silently give its default: here, stances everyone could see.
    const misspelled = await gil.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Votación reservada', stanceVisiblity: 'hidden_until_closed' });
    expect(misspelled.status).toBe(400);
    expect(misspelled.body.error.code).toBe('validation_failed');
    expect(misspelled.body.error.details).toEqual([{ path: 'stanceVisiblity', message: 'Unknown field "stanceVisiblity": did you mean "stanceVisibility"?', issue: 'unrecognized_keys' }]);
    const nested = await gil.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión', startsAt: '2027-01-15T16:00:00Z', agenda: [{ title: 'Avances', minute: 20 }] });
    expect(nested.status).toBe(400);
    expect(nested.body.error.details).toEqual([{ path: 'agenda.0.minute', message: 'Unknown field "minute": did you mean "minutes"?', issue: 'unrecognized_keys' }]);
    // A required field misspelled: the hint comes first, then what is missing.
    const missing = await gil.api.post(`/api/workspaces/${ws}/decisions`, { tilte: 'Acuerdo' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(['tilte', 'title']);
    expect((await gil.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions).toEqual([]);
    // Fields that are no near miss stay ignored, so clients written against a later contract keep working.
    const extra = await gil.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Acuerdo', stanceVisibility: 'hidden_until_closed', clientReference: 'r-1' });
    expect(extra.status).toBe(201);
    expect(extra.body.decision.stanceVisibility).toBe('hidden_until_closed');
  });

  it('answers 409 to any setup once set up, even a malformed one', async () => {
    const anon = new Api(server.url);
    for (const body of [{}, { email: 'no' }, { email: 'x@example.org', password: 'short', name: '', organization: {} }]) {
      const res = await anon.post('/api/setup', body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error.code).toBe('conflict');
    }
  });
});
