import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activityProjection, auditEvents, documents } from '../../db/schema.js';
import { exportLabels } from '../../server/exports/labels.js';
import { Api, createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { addActivity, editActivity, openPlan, pollUntil, removeActivity, tipActivity, twoGroups } from '../helpers/matrix.js';
import { useLiveServer } from '../helpers/liveServer.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

type Row = { activityId: string; title: string; workspaceId: string; documentId: string; stateCodes: string[]; startDate?: string | null };
type MatrixBody = { activities: Row[] };
const ids = (body: MatrixBody) => body.activities.map((a) => a.activityId).sort();

describe.each(BACKENDS)('coordination matrix on $name', (backend) => {
  const live = useLiveServer();

  it('projects activities edited over y-websocket within 2 s, follows edits and removals, and refreshes search text', async () => {
    const server = await live.start(await backend.fresh());
    const world = await createWorld(server.url);
    const { facA, wsA, docA } = await twoGroups(world);
    const plan = await openPlan(server, facA.api, docA);
    live.track(plan);
    const events = await connectEvents(server.url, facA.api.token!, wsA);
    const updates = recordEvents(events, ['matrix:updated']);
    const one = tipActivity(world.orgs['FGE-CHIH'].id, { title: 'Mapeo de rutas de trata', municipalityCodes: ['08037'], partnerOrganizationIds: [world.orgs.SSPC.id] });
    const two = tipActivity(world.orgs.SSPC.id, { title: 'Protocolo de atención a víctimas', mandateArea: 'migrant_smuggling', stateCodes: ['02'] });
    addActivity(plan, one);
    addActivity(plan, two);

    const first = await pollUntil<MatrixBody>(facA.api, '/api/matrix', (b) => b.activities.length === 2);
    expect(first.activities.find((a) => a.activityId === one.id)).toEqual({
      workspaceId: wsA,
      documentId: docA,
      activityId: one.id,
      title: 'Mapeo de rutas de trata',
      leadOrganizationId: world.orgs['FGE-CHIH'].id,
      partnerOrganizationIds: [world.orgs.SSPC.id],
      mandateArea: 'trafficking_in_persons',
      stateCodes: ['08'],
      municipalityCodes: ['08037'],
      startDate: '2027-02-01',
      endDate: '2027-06-30',
      status: 'planned',
    });

    editActivity(plan, one.id, { title: 'Mapeo de rutas de trata en Ciudad Juárez', status: 'in_progress' });
    const edited = await pollUntil<MatrixBody>(facA.api, '/api/matrix', (b) => b.activities.some((a) => a.title.endsWith('Ciudad Juárez')));
    expect(edited.activities.find((a) => a.activityId === one.id)).toMatchObject({ status: 'in_progress' });

    removeActivity(plan, two.id);
    const removed = await pollUntil<MatrixBody>(facA.api, '/api/matrix', (b) => b.activities.length === 1);
    expect(ids(removed)).toEqual([one.id]);
    // Each pass that changed rows told the group's pages which (the matrix page refetches on it).
    await waitFor(() => updates.some((u) => u.payload.activityIds.includes(two.id) && !removed.activities.some((a) => a.activityId === two.id)), 5000, 'matrix:updated for the removal');
    expect(updates.every((u) => u.payload.workspaceId === wsA && u.payload.documentId === docA)).toBe(true);
    expect(new Set(updates.flatMap((u) => u.payload.activityIds))).toEqual(new Set([one.id, two.id]));
    events.close();

    const [doc] = await server.services.database.db.select().from(documents).where(eq(documents.id, docA));
    expect(doc.searchText).toContain('Mapeo de rutas de trata en Ciudad Juárez');
    expect(doc.searchText).toContain('Taller de tres días');
    expect(doc.searchText).toContain('Plan de trabajo conjunto');
    expect(doc.searchText).not.toContain('Protocolo de atención a víctimas');
    expect(doc.updatedAt.getTime()).toBeGreaterThan(doc.createdAt.getTime());
  });

  it('projects rows a stock Yjs client writes by hand (Y.Array lists) and reads values outside the contract as absent', async () => {
    const server = await live.start(await backend.fresh());
    const world = await createWorld(server.url);
    const { facA, docA } = await twoGroups(world);
    const plan = await openPlan(server, facA.api, docA);
    live.track(plan);
    const lead = world.orgs['FGE-CHIH'].id;
    plan.doc.transact(() => {
      const row = new Y.Map<unknown>();
      const fields = { id: 'raw-1', title: 'Fila escrita a mano', description: '', leadOrganizationId: lead, mandateArea: 'trafficking_in_persons', startDate: '2027-02-01', endDate: '2027-02-30', status: 'done', target: '', indicator: '' };
      for (const [k, v] of Object.entries(fields)) row.set(k, v);
      row.set('partnerOrganizationIds', Y.Array.from([world.orgs.SSPC.id]));
      row.set('stateCodes', Y.Array.from(['08', '99']));
      row.set('municipalityCodes', Y.Array.from(['08037', '123']));
      const odd = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 'raw-2', title: 42, mandateArea: 'piracy', stateCodes: '08', startDate: 'mañana', status: 'unknown' })) odd.set(k, v);
      plan.doc.getArray('activities').push([row, odd]);
    });
    const body = await pollUntil<{ activities: Array<Record<string, unknown>> }>(facA.api, '/api/matrix', (b) => b.activities.length === 2);
    expect(body.activities.find((a) => a.activityId === 'raw-1')).toMatchObject({
      title: 'Fila escrita a mano',
      leadOrganizationId: lead,
      partnerOrganizationIds: [world.orgs.SSPC.id],
      mandateArea: 'trafficking_in_persons',
      stateCodes: ['08'],
      municipalityCodes: ['08037'],
      startDate: '2027-02-01',
      endDate: null,
      status: 'done',
    });
    expect(body.activities.find((a) => a.activityId === 'raw-2')).toMatchObject({ title: '42', mandateArea: null, stateCodes: [], startDate: null, status: 'planned' });
    const json = await facA.api.get(`/api/documents/${docA}/export?format=json`);
    expect(json.body.activities.map((a: { id: string }) => a.id).sort()).toEqual(['raw-1', 'raw-2']);
  });

  it('keeps a pasted novel out of every matrix response: long texts are clipped there, and kept whole in the plan', async () => {
    const server = await live.start(await backend.fresh());
    const world = await createWorld(server.url);
    const { facA, docA } = await twoGroups(world);
    const plan = await openPlan(server, facA.api, docA);
    live.track(plan);
    const title = `Operativo 😀 ${'muy '.repeat(50_000)}`;
    addActivity(plan, tipActivity(world.orgs['FGE-CHIH'].id, { id: 'long-1', title }));
    const body = await pollUntil<{ activities: Array<{ activityId: string; title: string }> }>(facA.api, '/api/matrix', (b) => b.activities.some((a) => a.activityId === 'long-1'));
    const row = body.activities.find((a) => a.activityId === 'long-1')!;
    expect(row.title).toHaveLength(1000);
    expect(row.title.endsWith('…')).toBe(true);
    expect(title.startsWith(row.title.slice(0, -1))).toBe(true);
    const json = await facA.api.get(`/api/documents/${docA}/export?format=json`);
    expect(json.body.activities.find((a: { id: string }) => a.id === 'long-1').title).toBe(title);
  });

  it('shows only activities of the caller’s working groups, in JSON, CSV and XLSX', async () => {
    const server = await live.start(await backend.fresh());
    const world = await createWorld(server.url);
    const { liaison, facA, facB, wsB, docA, docB } = await twoGroups(world);
    const planA = await openPlan(server, facA.api, docA);
    const planB = await openPlan(server, facB.api, docB);
    live.track(planA, planB);
    addActivity(planA, tipActivity(world.orgs['FGE-CHIH'].id, { title: 'Actividad visible de la mesa A' }));
    addActivity(planB, tipActivity(world.orgs['MUN-JUAREZ'].id, { title: 'Actividad confidencial de la mesa B' }));

    await pollUntil<MatrixBody>(liaison.api, '/api/matrix', (b) => b.activities.length === 2);
    const onlyA = await facA.api.get<MatrixBody>('/api/matrix');
    expect(onlyA.body.activities.map((a) => a.title)).toEqual(['Actividad visible de la mesa A']);
    expect((await facA.api.get(`/api/matrix?workspaceId=${wsB}`)).status).toBe(404);
    expect((await liaison.api.get<MatrixBody>(`/api/matrix?workspaceId=${wsB}`)).body.activities.map((a) => a.title)).toEqual(['Actividad confidencial de la mesa B']);
    // One plan's rows (what the live page refetches after that plan changed); a plan of another group or none is a 404.
    expect((await liaison.api.get<MatrixBody>(`/api/matrix?documentId=${docB}`)).body.activities.map((a) => [a.documentId, a.title])).toEqual([[docB, 'Actividad confidencial de la mesa B']]);
    expect((await facA.api.get<MatrixBody>(`/api/matrix?documentId=${docA}`)).body.activities.map((a) => a.title)).toEqual(['Actividad visible de la mesa A']);
    const otherPlan = await facA.api.get<{ error: { code: string } }>(`/api/matrix?documentId=${docB}`);
    expect([otherPlan.status, otherPlan.body.error.code]).toEqual([404, 'not_found']);
    expect((await facA.api.get('/api/matrix?documentId=doc_missing')).status).toBe(404);

    const csv = await facA.api.get<string>('/api/matrix.csv');
    expect(csv.body).toContain('Actividad visible de la mesa A');
    expect(csv.body).not.toContain('confidencial');
    expect(csv.body).not.toContain(docB);

    const xlsx = await fetch(`${server.url}/api/matrix.xlsx`, { headers: { authorization: `Bearer ${facA.api.token}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells = book.worksheets[0].getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('Actividad visible de la mesa A');
    expect(cells).not.toContain('confidencial');

    const stranger = await world.user('Sofía Sin Mesa', 'SSPC');
    expect((await stranger.api.get<MatrixBody>('/api/matrix')).body.activities).toEqual([]);
    expect((await world.admin.get<MatrixBody>('/api/matrix')).body.activities).toEqual([]);
    expect((await new Api(server.url).get('/api/matrix')).status).toBe(401);
  });

  it('filters by mandate area, state (also through a municipality), municipality, organization, level, status, dates and group, and pivots', async () => {
    const server = await live.start(await backend.fresh());
    const world = await createWorld(server.url);
    const { liaison, facA, facB, wsA, docA, docB } = await twoGroups(world);
    const planA = await openPlan(server, facA.api, docA);
    const planB = await openPlan(server, facB.api, docB);
    live.track(planA, planB);
    const { SSPC, FGR } = world.orgs;
    const chih = world.orgs['FGE-CHIH'].id;
    const juarez = world.orgs['MUN-JUAREZ'].id;
    const a1 = tipActivity(chih, { stateCodes: [], municipalityCodes: ['08037'], startDate: '2027-01-01', endDate: '2027-03-31' });
    const a2 = tipActivity(SSPC.id, { mandateArea: 'money_laundering', stateCodes: ['09'], partnerOrganizationIds: [juarez], status: 'done', startDate: '2027-05-01', endDate: '2027-12-31' });
    const b1 = tipActivity(FGR.id, { mandateArea: 'money_laundering', stateCodes: ['08', '09'], startDate: null, endDate: null });
    addActivity(planA, a1);
    addActivity(planA, a2);
    addActivity(planB, b1);
    await pollUntil<MatrixBody>(liaison.api, '/api/matrix', (b) => b.activities.length === 3);

    const q = async (query: string) => ids((await liaison.api.get<MatrixBody>(`/api/matrix?${query}`)).body);
    expect(await q('mandateArea=money_laundering')).toEqual([a2.id, b1.id].sort());
    expect(await q('stateCode=08')).toEqual([a1.id, b1.id].sort());
    expect(await q(`organizationId=${juarez}`)).toEqual([a2.id]);
    expect(await q(`organizationId=${chih}`)).toEqual([a1.id]);
    expect(await q('level=municipal')).toEqual([a2.id]);
    expect(await q('level=federal')).toEqual([a2.id, b1.id].sort());
    expect(await q('status=done')).toEqual([a2.id]);
    expect(await q('from=2027-04-01')).toEqual([a2.id, b1.id].sort());
    expect(await q('to=2027-04-01')).toEqual([a1.id, b1.id].sort());
    expect(await q('from=2027-02-01&to=2027-02-28&stateCode=08')).toEqual([a1.id, b1.id].sort());
    expect(await q(`workspaceId=${wsA}&mandateArea=`)).toEqual([a1.id, a2.id].sort());
    expect(await q('municipalityCode=08037')).toEqual([a1.id]);
    expect(await q('stateCode=08&municipalityCode=08037')).toEqual([a1.id]);
    expect(await q('municipalityCode=08019')).toEqual([]);
    expect((await liaison.api.get('/api/matrix?stateCode=99')).status).toBe(400);
    expect((await liaison.api.get('/api/matrix?from=2027-13-45')).status).toBe(400);
    for (const bad of ['08000', '8037', '99001', 'Juárez']) expect((await liaison.api.get(`/api/matrix?municipalityCode=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    expect((await liaison.api.get('/api/matrix.csv?municipalityCode=08037')).body.split('\r\n').filter(Boolean)).toHaveLength(3);

    const byOrg = (await liaison.api.get('/api/matrix/pivot?rows=organization&cols=mandateArea')).body.pivot;
    expect(byOrg.total).toBe(3);
    expect(byOrg.columns).toEqual(['money_laundering', 'trafficking_in_persons']);
    expect(byOrg.totals).toEqual({ money_laundering: 2, trafficking_in_persons: 1 });
    const org = (id: string) => byOrg.data.find((r: { key: string }) => r.key === id);
    expect(org(SSPC.id)).toEqual({ key: SSPC.id, counts: { money_laundering: 1 }, total: 1 });
    expect(org(juarez).counts).toEqual({ money_laundering: 1 });
    expect(org(chih).counts).toEqual({ trafficking_in_persons: 1 });
    const byState = (await liaison.api.get('/api/matrix/pivot?rows=state')).body.pivot;
    const state = (code: string) => byState.data.find((r: { key: string }) => r.key === code);
    expect(state('08').counts).toEqual({ trafficking_in_persons: 1, money_laundering: 1 });
    expect(state('09').counts).toEqual({ money_laundering: 2 });
    const filtered = (await facA.api.get('/api/matrix/pivot?rows=state&mandateArea=money_laundering')).body.pivot;
    expect(filtered.data).toEqual([{ key: '09', counts: { money_laundering: 1 }, total: 1 }]);

    // Dates typed the wrong way round: the row is shown as written, and the date filter reads it as the range it
    // spans, as overlap detection does (it was left out of the months it runs in).
    editActivity(planA, a1.id, { startDate: '2027-03-31', endDate: '2027-01-01' });
    await pollUntil<MatrixBody>(liaison.api, '/api/matrix', (b) => b.activities.some((r) => r.activityId === a1.id && r.startDate === '2027-03-31'));
    expect(await q('from=2027-02-01&to=2027-02-28&stateCode=08')).toEqual([a1.id, b1.id].sort());
    expect(await q('from=2027-04-01')).toEqual([a2.id, b1.id].sort());
    expect(await q('to=2026-12-31')).toEqual([b1.id]);
  });

  it('exports HXL-tagged CSV and XLSX with the hashtag row, neutralizing formulas', async () => {
    const server = await live.start(await backend.fresh());
    const world = await createWorld(server.url);
    const { facA, docA } = await twoGroups(world);
    const plan = await openPlan(server, facA.api, docA);
    live.track(plan);
    addActivity(plan, tipActivity(world.orgs['FGE-CHIH'].id, { title: '=HYPERLINK("http://x")', partnerOrganizationIds: [world.orgs.SSPC.id], municipalityCodes: ['08037', '08999'] }));
    addActivity(plan, tipActivity(world.orgs.SSPC.id, { title: 'Diagnóstico, fase "uno"' }));
    await pollUntil<MatrixBody>(facA.api, '/api/matrix', (b) => b.activities.length === 2);

    const csv = await facA.api.get<string>('/api/matrix.csv?lang=es');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="matriz-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Espacio de trabajo,Documento,Id de actividad,Actividad,/);
    expect(lines[1]).toBe('#group+workspace+id,#meta+document+id,#activity+id,#activity+name,#org+lead,#org+partner,#sector,#adm1+code,#adm2+code,#date+start,#date+end,#status');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.body).toContain('"Diagnóstico, fase ""uno"""');
    expect(csv.body).toContain('FGE-CHIH');
    expect(lines.filter(Boolean)).toHaveLength(4);
    const en = await facA.api.get<string>('/api/matrix.csv?lang=en');
    expect(en.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Workspace,Document,Activity id,Activity,/);

    const res = await fetch(`${server.url}/api/matrix.xlsx`, { headers: { authorization: `Bearer ${facA.api.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    expect(sheet.getRow(2).getCell(1).value).toBe('#group+workspace+id');
    expect(sheet.getRow(2).getCell(12).value).toBe('#status');
    expect(sheet.rowCount).toBe(4);
    const titles = [3, 4].map((r) => sheet.getRow(r).getCell(4).value);
    expect(titles).toContain('=HYPERLINK("http://x")');
    expect(sheet.getRow(3).getCell(4).formula ?? sheet.getRow(4).getCell(4).formula).toBeUndefined();
    // After the CSV's columns, the same facts in words: group and plan names, area, states, municipalities and status.
    const readable = [13, 14, 15, 16, 17, 18];
    expect(readable.map((c) => sheet.getRow(1).getCell(c).value)).toEqual(['Mesa', 'Plan', 'Área de mandato (nombre)', 'Estados (nombre)', 'Municipios (nombre)', 'Estado de avance (nombre)']);
    expect(readable.map((c) => sheet.getRow(2).getCell(c).value)).toEqual(['#group+workspace+name', '#meta+document+name', '#sector+name', '#adm1+name', '#adm2+name', '#status+name']);
    const named = readable.map((c) => sheet.getRow(3).getCell(c).value);
    expect(named[0]).toBe('Mesa A');
    expect(named[1]).toBe('Plan de trabajo 2027');
    expect(named[2]).toBe(exportLabels('es').mandateAreas.trafficking_in_persons);
    expect(named[3]).toBe('Chihuahua');
    expect(named[5]).toBe(exportLabels('es').activityStatus.planned);
    // Municipalities by INEGI's name, a code the catalog lacks kept as the code, in the codes' order.
    expect([3, 4].map((r) => sheet.getRow(r).getCell(17).value)).toContain('Juárez; 08999');
    expect([3, 4].map((r) => sheet.getRow(r).getCell(9).value)).toContain('08037; 08999');
  });

  it('rebuilds projection from storage on demand (instance admins only, audited)', async () => {
    const server = await live.start(await backend.fresh());
    const world = await createWorld(server.url);
    const { facA, docA, facB, docB, liaison } = await twoGroups(world);
    const plan = await openPlan(server, facA.api, docA);
    const planB = await openPlan(server, facB.api, docB);
    live.track(plan);
    live.track(planB);
    const a = tipActivity(world.orgs['FGE-CHIH'].id);
    addActivity(plan, a);
    // Another group's twin in the other plan: one overlap, stored before the rebuild.
    addActivity(planB, tipActivity(world.orgs['MUN-JUAREZ'].id));
    await pollUntil<MatrixBody>(facA.api, '/api/matrix', (b) => b.activities.length === 1);
    const { db } = server.services.database;
    await pollUntil(liaison.api, '/api/overlaps', (x: { overlaps: unknown[] }) => x.overlaps.length === 1);
    await db.delete(activityProjection);
    expect((await facA.api.get<MatrixBody>('/api/matrix')).body.activities).toEqual([]);

    expect((await facA.api.post('/api/matrix/rebuild')).status).toBe(403);
    const rebuilt = await world.admin.post('/api/matrix/rebuild');
    expect(rebuilt.status).toBe(200);
    // The stored overlap still holds: counted once, neither flagged again nor removed.
    expect(rebuilt.body.rebuilt).toEqual({ documents: 2, activities: 2, overlaps: 1, flagged: 0, removed: 0 });
    expect(ids((await facA.api.get<MatrixBody>('/api/matrix')).body)).toEqual([a.id]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'matrix.rebuilt'));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(world.adminUser.id);
  });
});
