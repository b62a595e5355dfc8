/** Dates and date-times are bounded to years 1900–9999 (PostgreSQL has no year 0): 400 validation_failed, never 500 or 201. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createWorld } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const YEAR_RANGE = 'Use a year from 1900 to 9999';

describe('date and date-time bounds', () => {
  let server: TestServer;
  let api: Api;
  let admin: Api;
  let ws: string;
  let org: string;
  let decision: string;
  let action: string;
  beforeAll(async () => {
    server = await startTestServer({});
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    api = ana.api;
    admin = world.admin;
    org = world.orgs.SSPC.id;
    ws = await world.workspace(api);
    decision = (await api.post(`/api/workspaces/${ws}/decisions`, { title: 'Base' })).body.decision.id;
    action = (await api.post(`/api/decisions/${decision}/actions`, { title: 'Base', ownerOrganizationId: org, dueDate: '2027-04-01' })).body.action.id;
  });
  afterAll(() => server.close());

  const meeting = (startsAt: string) => api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión', startsAt, agenda: [] });

  it('refuses a meeting at year 0 (was a 500 from PostgreSQL) and outside 1900–9999, as written or in UTC', async () => {
    for (const startsAt of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '1900-01-01T00:30:00+01:00', '9999-12-31T23:00:00-05:00']) {
      const res = await meeting(startsAt);
      expect(res.status, startsAt).toBe(400);
      expect(res.body.error).toEqual({ code: 'validation_failed', message: 'The request body is not valid', details: [expect.objectContaining({ path: 'startsAt', message: YEAR_RANGE })] });
    }
    const ok = await meeting('2027-03-01T10:00:00-06:00');
    expect(ok.status).toBe(201);
    expect(ok.body.meeting.startsAt).toBe('2027-03-01T16:00:00.000Z');
    expect((await meeting('1900-01-01T00:00:00Z')).body.meeting.startsAt).toBe('1900-01-01T00:00:00.000Z');
  });

  it('refuses a decision due at year 0 (was accepted with 201) and keeps the bounds inclusive', async () => {
    const zero = await api.post(`/api/workspaces/${ws}/decisions`, { title: 'X', dueDate: '0000-01-01' });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details).toEqual([expect.objectContaining({ path: 'dueDate', message: YEAR_RANGE })]);
    expect((await api.post(`/api/workspaces/${ws}/decisions`, { title: 'X', dueDate: '1899-12-31' })).body.error.details).toEqual([expect.objectContaining({ path: 'dueDate', message: YEAR_RANGE })]);
    expect((await api.post(`/api/workspaces/${ws}/decisions`, { title: 'X', dueDate: '10000-01-01' })).body.error.details).toEqual([expect.objectContaining({ path: 'dueDate', message: 'Use YYYY-MM-DD' })]);
    expect((await api.post(`/api/workspaces/${ws}/decisions`, { title: 'X', dueDate: '2027-02-29' })).body.error.details).toEqual([expect.objectContaining({ path: 'dueDate', message: 'Not a real date' })]);
    for (const dueDate of ['1900-01-01', '9999-12-31']) {
      const res = await api.post(`/api/workspaces/${ws}/decisions`, { title: 'X', dueDate });
      expect(res.status).toBe(201);
      expect(res.body.decision.dueDate).toBe(dueDate);
    }
  });

  it('refuses out-of-range action due dates, on create and on edit', async () => {
    const created = await api.post(`/api/decisions/${decision}/actions`, { title: 'X', ownerOrganizationId: org, dueDate: '0000-01-01' });
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([expect.objectContaining({ path: 'dueDate', message: YEAR_RANGE })]);
    const edited = await api.patch(`/api/actions/${action}`, { dueDate: '0001-12-31' });
    expect(edited.status).toBe(400);
    expect(edited.body.error.details).toEqual([expect.objectContaining({ path: 'dueDate', message: YEAR_RANGE })]);
    expect((await api.get(`/api/workspaces/${ws}/actions`)).body.actions[0].dueDate).toBe('2027-04-01');
  });

  it('refuses out-of-range dates in matrix and audit filters (the audit one was a 500)', async () => {
    const matrix = await api.get('/api/matrix?from=0000-01-01');
    expect(matrix.status).toBe(400);
    expect(matrix.body.error.details).toEqual([expect.objectContaining({ path: 'from', message: YEAR_RANGE })]);
    for (const path of [`/api/workspaces/${ws}/audit?from=0000-01-01T00:00:00Z`, `/api/workspaces/${ws}/audit?to=0000-01-01`]) {
      const res = await api.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([path.includes('from') ? 'from' : 'to']);
    }
    expect((await admin.get('/api/audit?from=0000-01-01T00:00:00Z')).status).toBe(400);
    expect((await api.get(`/api/workspaces/${ws}/audit?from=2026-01-01T00:00:00-06:00`)).status).toBe(200);
    // The last day there is: its end was the next day's start, in a year PostgreSQL cannot parse (500).
    const lastDay = await api.get(`/api/workspaces/${ws}/audit?to=9999-12-31`);
    expect(lastDay.status).toBe(200);
    expect(lastDay.body.events.length).toBeGreaterThan(0);
    // A bare day still covers all of itself: everything so far is in `to=<today>`.
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.get(`/api/workspaces/${ws}/audit?to=${today}`)).body.events.length).toBe(lastDay.body.events.length);
  });
});
