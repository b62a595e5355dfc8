/** Ids in a body must name things of the route's own working group: another group's meeting must not pull a decision into its minutes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisions } from '../../db/schema.js';
import { type Api, createWorld } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('cross-workspace references in request bodies', () => {
  let server: TestServer;
  let ana: Api; // facilitator of ws1
  let bruno: Api; // facilitator of ws2, not in ws1
  let ws1: string;
  let ws2: string;
  let meeting1: string;
  let doc1: string;
  let org: string;
  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    ana = (await world.user('Ana', 'SSPC')).api;
    bruno = (await world.user('Bruno', 'FGR')).api;
    org = world.orgs.FGR.id;
    ws1 = await world.workspace(ana, 'Mesa uno');
    ws2 = await world.workspace(bruno, 'Mesa dos');
    doc1 = await world.document(ana, ws1);
    meeting1 = (await ana.post(`/api/workspaces/${ws1}/meetings`, { title: 'Sesión de la mesa uno', startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Punto' }] })).body.meeting.id;
  });
  afterAll(() => server.close());

  it("refuses a decision linked to another group's meeting, alike for one that does not exist", async () => {
    const cross = await bruno.post(`/api/workspaces/${ws2}/decisions`, { title: 'SECRET', meetingId: meeting1 });
    expect(cross.status).toBe(400);
    expect(cross.body.error).toEqual({ code: 'validation_failed', message: 'The meeting is not in this working group', details: [{ path: 'meetingId', message: 'Unknown meeting', issue: 'unknown_reference' }] });
    const missing = await bruno.post(`/api/workspaces/${ws2}/decisions`, { title: 'SECRET', meetingId: 'mtg_nope' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual(cross.body.error);
    // Its own group's plan, meeting or organization still link; another group's plan is refused as before.
    expect((await bruno.post(`/api/workspaces/${ws2}/decisions`, { title: 'SECRET', documentId: doc1 })).body.error.details).toEqual([{ path: 'documentId', message: 'Unknown plan', issue: 'unknown_reference' }]);
    const own = await ana.post(`/api/workspaces/${ws1}/decisions`, { title: 'Acuerdo propio', meetingId: meeting1, documentId: doc1, ownerOrganizationId: org });
    expect(own.status).toBe(201);
    expect(own.body.decision).toMatchObject({ meetingId: meeting1, documentId: doc1, ownerOrganizationId: org });
    expect((await bruno.get(`/api/workspaces/${ws2}/decisions`)).body.decisions).toEqual([]);
  });

  it("keeps another group's decision out of a meeting's minutes even if one was stored before the check", async () => {
    // A row written before the fix: ws2's decision pointing at ws1's meeting.
    await server.services.database.db.insert(decisions).values({ id: 'dec_leaked', workspaceId: ws2, ref: 99, title: 'SECRET', body: 'de la mesa dos', meetingId: meeting1, createdById: 'usr_x' });
    const live = await ana.request<string>('GET', `/api/meetings/${meeting1}/minutes?format=md&lang=en`);
    expect(live.status).toBe(200);
    expect(live.body).toContain('Acuerdo propio');
    expect(live.body).not.toContain('SECRET');
    const closed = await ana.post(`/api/meetings/${meeting1}/close`);
    expect(closed.status).toBe(200);
    const minutes = closed.body.meeting.minutes as { decisions: Array<{ title: string }> };
    expect(minutes.decisions.map((d) => d.title)).toEqual(['Acuerdo propio']);
    const read = await ana.get(`/api/meetings/${meeting1}`);
    expect(JSON.stringify(read.body)).not.toContain('SECRET');
  });

  it('refuses attendance of organizations that do not exist, naming each', async () => {
    const m = (await bruno.post(`/api/workspaces/${ws2}/meetings`, { title: 'Sesión', startsAt: '2027-03-01T16:00:00Z', agenda: [] })).body.meeting.id;
    const res = await bruno.put(`/api/meetings/${m}/attendance`, { organizationIds: [org, 'org_nope', org, 'org_nada'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'organizationIds.1', message: 'Unknown organization', issue: 'unknown_reference' },
      { path: 'organizationIds.3', message: 'Unknown organization', issue: 'unknown_reference' },
    ]);
    const ok = await bruno.put(`/api/meetings/${m}/attendance`, { organizationIds: [org, org] });
    expect(ok.status).toBe(200);
    expect(ok.body.meeting.attendance).toEqual([org]);
  });
});
