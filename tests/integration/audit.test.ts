/**
 * The audit trail: a working group's, filtered by action, actor and time range, as JSON pages and as CSV
 * (formulas neutralized, export audited); and the instance's own trail for instance admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allAudit } from '../../server/audit/auditQuery.js';
import { createWorld, type Api, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

/** RFC 4180 parsing, enough for our files: quoted cells with doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);

describe.each(BACKENDS)('audit trail on $name', (backend) => {
  let server: TestServer;
  let world: World;
  let ana: { api: Api; id: string };
  let mallory: { api: Api; id: string };
  let beto: { api: Api; id: string };
  let ws: string;

  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
    ana = await world.user('Ana Facilitadora', 'SSPC');
    beto = await world.user('Beto Integrante', 'FGR');
    // A display name built to run as a formula when the CSV is opened in a spreadsheet.
    const created = await world.admin.post('/api/users', { email: 'mallory@enlace.test', name: '=HYPERLINK("http://evil.example","clic")', password: 'correct-horse-battery', organizationId: world.orgs.FGR.id });
    const login = await world.admin.as('').post('/api/auth/login', { email: 'mallory@enlace.test', password: 'correct-horse-battery' });
    mallory = { api: world.admin.as(login.body.token), id: created.body.user.id };
    ws = await world.workspace(ana.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, ana.api, beto.id, 'member');
    await world.addMember(ws, ana.api, mallory.id, 'member');
    await world.document(ana.api, ws);
    expect((await beto.api.post(`/api/workspaces/${ws}/decisions`, { title: '+Acuerdo con signo' })).status).toBe(201);
    expect((await mallory.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Propuesta de Mallory' })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  const actions = (body: Record<string, any>) => (body.events as Array<{ action: string }>).map((e) => e.action);

  it('records a write that changes nothing once, however often and however concurrently it is sent', async () => {
    // The people already there: new accounts would show in the instance's own trail, checked below.
    const [fac, cata] = [ana, beto];
    const group = await world.workspace(fac.api, 'Mesa de repeticiones');
    const count = async (action: string) => ((await fac.api.get(`/api/workspaces/${group}/audit?action=${action}`)).body.events as unknown[]).length;
    const times = <T>(n: number, fn: () => Promise<T>) => Promise.all(Array.from({ length: n }, fn));

    const role = await times(8, () => fac.api.put(`/api/workspaces/${group}/members/${cata.id}`, { role: 'member', focalPoint: true }));
    expect(role.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(role.map((r) => r.body.member.role)).toEqual(Array(8).fill('member'));
    expect(await count('member.added')).toBe(1);
    expect(await count('member.updated')).toBe(0);

    const meetingId = (await fac.api.post(`/api/workspaces/${group}/meetings`, { title: 'Sesión', startsAt: '2027-01-15T16:00:00Z', agenda: [{ title: 'Avances' }] })).body.meeting.id;
    const started = await times(8, () => fac.api.post(`/api/meetings/${meetingId}/start`));
    expect(started.map((r) => r.body.meeting.status)).toEqual(Array(8).fill('live'));
    expect(new Set(started.map((r) => r.body.meeting.startedAt)).size).toBe(1);
    expect(await count('meeting.started')).toBe(1);
    await times(4, () => fac.api.put(`/api/meetings/${meetingId}/attendance`, { organizationIds: [world.orgs.FGR.id] }));
    expect(await count('meeting.attendance')).toBe(1);

    const decisionId = (await fac.api.post(`/api/workspaces/${group}/decisions`, { title: 'Calendario común' })).body.decision.id;
    const cast = await times(8, () => cata.api.put(`/api/decisions/${decisionId}/stances/${world.orgs.FGR.id}`, { stance: 'agree', reason: 'Sí' }));
    expect(cast.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await count('stance.recorded')).toBe(1);
    // A real change is still recorded.
    expect((await cata.api.put(`/api/decisions/${decisionId}/stances/${world.orgs.FGR.id}`, { stance: 'abstain' })).status).toBe(200);
    expect(await count('stance.recorded')).toBe(2);
  });

  it('records a change to a group’s settings from → to, once however often it is sent, and announces it once', async () => {
    const group = await world.workspace(ana.api, 'Mesa de ajustes');
    const watcher = await connectEvents(server.url, ana.api.token!, group);
    const heard = recordEvents(watcher, ['workspace:updated']);
    const same = { name: 'Mesa de ajustes 2027', mandateAreas: ['corruption', 'money_laundering'] };
    const sent = await Promise.all(Array.from({ length: 6 }, () => ana.api.patch(`/api/workspaces/${group}`, same)));
    expect(sent.map((r) => [r.status, r.body.workspace.name])).toEqual(Array(6).fill([200, same.name]));
    // The name alone again, and the overlap sharing it already has: nothing changes.
    expect((await ana.api.patch(`/api/workspaces/${group}`, { name: same.name, shareOverlaps: false })).status).toBe(200);
    const events = (await ana.api.get(`/api/workspaces/${group}/audit?action=workspace.updated`)).body.events as Array<{ changes: unknown }>;
    expect(events.map((e) => e.changes)).toEqual([
      { name: { from: 'Mesa de ajustes', to: same.name }, mandateAreas: { from: ['trafficking_in_persons', 'migrant_smuggling'], to: same.mandateAreas } },
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.map((e) => e.payload.workspace.name)).toEqual([same.name]);
    watcher.close();
  });

  it('records a plan’s rename once, however often and however concurrently it is sent, and announces it once', async () => {
    const group = await world.workspace(ana.api, 'Mesa de nombres');
    await world.addMember(group, ana.api, beto.id, 'member');
    const plan = await world.document(ana.api, group);
    const watcher = await connectEvents(server.url, ana.api.token!, group);
    const heard = recordEvents(watcher, ['document:updated']);
    const title = 'Plan de trabajo 2027, revisado';
    const sent = await Promise.all([ana.api, beto.api, ana.api].map((api) => api.patch(`/api/documents/${plan}`, { title })));
    expect(sent.map((r) => [r.status, r.body.document.title])).toEqual(Array(3).fill([200, title]));
    // Sent again later: answered as it stands, its updatedAt that of the one rename.
    const again = await beto.api.patch(`/api/documents/${plan}`, { title });
    expect(new Set([...sent, again].map((r) => r.body.document.updatedAt)).size).toBe(1);
    const renames = async () => ((await ana.api.get(`/api/workspaces/${group}/audit?action=document.renamed`)).body.events as Array<{ changes: unknown }>).map((e) => e.changes);
    expect(await renames()).toEqual([{ title: { from: 'Plan de trabajo 2027', to: title } }]);
    // A real change is still recorded and announced.
    expect((await beto.api.patch(`/api/documents/${plan}`, { title: 'Plan 2028' })).status).toBe(200);
    expect(await renames()).toEqual([{ title: { from: title, to: 'Plan 2028' } }, { title: { from: 'Plan de trabajo 2027', to: title } }]);
    await waitFor(() => heard.length === 2, 5000, 'two document:updated');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.map((e) => e.payload.document.title)).toEqual([title, 'Plan 2028']);
    watcher.close();
  });

  it('filters a group’s trail by action, action family, actor and time range, with names', async () => {
    const all = await ana.api.get(`/api/workspaces/${ws}/audit`);
    expect(actions(all.body)).toEqual(['decision.created', 'decision.created', 'document.created', 'member.added', 'member.added', 'workspace.created']);
    expect(all.body.events[0]).toMatchObject({ actorId: mallory.id, actorName: '=HYPERLINK("http://evil.example","clic")', organizationId: world.orgs.FGR.id, organizationAcronym: 'FGR' });

    expect(actions((await ana.api.get(`/api/workspaces/${ws}/audit?action=member.added`)).body)).toEqual(['member.added', 'member.added']);
    expect(actions((await ana.api.get(`/api/workspaces/${ws}/audit?action=decision`)).body)).toEqual(['decision.created', 'decision.created']);
    expect(actions((await ana.api.get(`/api/workspaces/${ws}/audit?action=decisio`)).body)).toEqual([]);
    // An action, or a family, left out (the web app leaves out plan visits).
    expect(actions((await ana.api.get(`/api/workspaces/${ws}/audit?exceptAction=decision.created`)).body)).toEqual(['document.created', 'member.added', 'member.added', 'workspace.created']);
    expect(actions((await ana.api.get(`/api/workspaces/${ws}/audit?exceptAction=member`)).body)).toEqual(['decision.created', 'decision.created', 'document.created', 'workspace.created']);
    expect((await ana.api.get(`/api/workspaces/${ws}/audit?exceptAction=Member`)).status).toBe(400);
    const byBeto = await ana.api.get(`/api/workspaces/${ws}/audit?actorId=${beto.id}`);
    expect(byBeto.body.events).toHaveLength(1);
    expect(byBeto.body.events[0]).toMatchObject({ action: 'decision.created', changes: { title: '+Acuerdo con signo' } });

    expect((await ana.api.get(`/api/workspaces/${ws}/audit?from=${day(0)}&to=${day(0)}`)).body.events).toHaveLength(6);
    expect((await ana.api.get(`/api/workspaces/${ws}/audit?from=${day(1)}`)).body.events).toEqual([]);
    expect((await ana.api.get(`/api/workspaces/${ws}/audit?to=${day(-1)}`)).body.events).toEqual([]);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    expect((await ana.api.get(`/api/workspaces/${ws}/audit?from=${encodeURIComponent(hourAgo)}&to=${encodeURIComponent(inAnHour)}`)).body.events).toHaveLength(6);

    const paged = await ana.api.get(`/api/workspaces/${ws}/audit?limit=4&action=member`);
    expect(paged.body.nextCursor).toBeNull();
    const first = await ana.api.get(`/api/workspaces/${ws}/audit?limit=4`);
    const rest = await ana.api.get(`/api/workspaces/${ws}/audit?limit=4&cursor=${first.body.nextCursor}`);
    expect([...actions(first.body), ...actions(rest.body)]).toEqual(actions(all.body));

    expect((await ana.api.get(`/api/workspaces/${ws}/audit?from=yesterday`)).status).toBe(400);
    expect((await ana.api.get(`/api/workspaces/${ws}/audit?action=${encodeURIComponent("x' or 1=1")}`)).status).toBe(400);
    // Batches of the export read the same events, in the same order, whatever the batch size.
    const streamed: string[] = [];
    for await (const e of allAudit(server.services.database.db, { workspaceId: ws }, {}, 4)) streamed.push(e.id);
    expect(streamed).toEqual(all.body.events.map((e: { id: string }) => e.id));
  });

  it('exports the filtered trail as CSV with formulas neutralized, and audits the export', async () => {
    const res = await fetch(`${server.url}/api/workspaces/${ws}/audit.csv?action=decision`, { headers: { authorization: `Bearer ${ana.api.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="bitacora-Mesa de lavado de dinero-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets read the accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['id', 'fecha_hora_utc', 'persona_id', 'persona', 'institucion_id', 'institucion', 'accion', 'objeto_tipo', 'objeto_id', 'cambios']);
    expect(rows).toHaveLength(3);
    const [mal, bet] = rows.slice(1);
    expect(mal.slice(2, 8)).toEqual([mallory.id, `'=HYPERLINK("http://evil.example","clic")`, world.orgs.FGR.id, 'FGR', 'decision.created', 'decision']);
    expect(bet[3]).toBe('Beto Integrante');
    expect(JSON.parse(bet[9])).toEqual({ ref: 'D-1', title: '+Acuerdo con signo' });
    // No cell of the file starts like a formula.
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);

    const english = await fetch(`${server.url}/api/workspaces/${ws}/audit.csv?lang=en&from=${day(1)}`, { headers: { authorization: `Bearer ${ana.api.token}` } });
    expect(parseCsv(await english.text())).toEqual([['id', 'at_utc', 'actor_id', 'actor', 'organization_id', 'organization', 'action', 'target_type', 'target_id', 'changes']]);

    const exported = await ana.api.get(`/api/workspaces/${ws}/audit?action=audit.exported`);
    expect(exported.body.events).toHaveLength(2);
    expect(exported.body.events[1]).toMatchObject({ actorId: ana.id, target: { type: 'workspace', id: ws }, changes: { format: 'csv', action: 'decision' } });
    expect((await beto.api.get(`/api/workspaces/${ws}/audit.csv`)).status).toBe(403);
    expect((await world.admin.get(`/api/workspaces/${ws}/audit.csv`)).status).toBe(404);
  });

  it('shows instance admins the instance’s own trail: setup, organizations, people, sessions; never a group’s events', async () => {
    const res = await world.admin.get('/api/audit?limit=500');
    expect(res.status).toBe(200);
    const seen = new Set(actions(res.body));
    for (const a of ['instance.setup', 'organization.created', 'user.created', 'session.created']) expect(seen.has(a)).toBe(true);
    expect([...seen].some((a) => a.startsWith('workspace.') || a.startsWith('decision.') || a.startsWith('member.'))).toBe(false);
    const orgs = await world.admin.get('/api/audit?action=organization');
    expect(orgs.body.events.map((e: { changes: { acronym: string } }) => e.changes.acronym).sort()).toEqual(['FGE-CHIH', 'FGR', 'MUN-JUAREZ', 'SSPC']);
    const sessionsOfBeto = await world.admin.get(`/api/audit?action=session.created&actorId=${beto.id}`);
    expect(sessionsOfBeto.body.events).toEqual([expect.objectContaining({ action: 'session.created', target: { type: 'user', id: beto.id } })]);
    expect((await ana.api.get('/api/audit')).status).toBe(403);

    const csv = await fetch(`${server.url}/api/audit.csv?action=user`, { headers: { authorization: `Bearer ${world.admin.token}` } });
    expect(csv.status).toBe(200);
    const rows = parseCsv(await csv.text());
    expect(rows.slice(1).map((r) => r[6])).toEqual(['user.created', 'user.created', 'user.created']);
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    const exported = await world.admin.get('/api/audit?action=audit.exported');
    expect(exported.body.events[0]).toMatchObject({ target: { type: 'instance', id: 'instance' }, changes: { format: 'csv', action: 'user' } });
  });
});
