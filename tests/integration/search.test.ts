/**
 * Search: plans, activities, decisions, follow-up actions and comments, accent- and case-insensitive, Spanish and
 * English stemming, only from the caller's working groups, with plain-text highlight segments.
 */
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { foldedSql } from '../../db/searchVector.js';
import { getBody, insertActivity } from '../../shared/planModel.js';
import { foldText } from '../../shared/textFold.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Segment {
  text: string;
  match: boolean;
}
interface Result {
  type: string;
  workspaceId: string;
  documentId?: string;
  id: string;
  title: string;
  snippet: string;
  highlights: Segment[];
  titleHighlights: Segment[];
  score: number;
}

/** Appends a paragraph to a plan's prose on the server, as a logged change. */
async function addParagraph(server: TestServer, documentId: string, text: string, extra?: (doc: Y.Doc) => void) {
  await server.services.hub.change(documentId, null, (doc) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    getBody(doc).push([p]);
    extra?.(doc);
  });
}

const matched = (r: Result) => r.highlights.filter((s) => s.match).map((s) => s.text);

describe.each(BACKENDS)('search on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('finds plans, activities, decisions and comments without accents, only in the caller’s working groups', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const xavier = await world.user('Xavier Externo', 'FGE-CHIH');
    const wsA = await world.workspace(ana.api, 'Mesa de trata de personas');
    const wsB = await world.workspace(xavier.api, 'Mesa de armas');
    await world.addMember(wsA, ana.api, beto.id, 'observer');
    const docA = await world.document(ana.api, wsA);
    const docB = await world.document(xavier.api, wsB);

    await addParagraph(server, docA, 'Coordinación con fiscalías de Chihuahua para la atención de víctimas.', (doc) =>
      insertActivity(doc, { id: 'act-1', title: 'Capacitación de policías municipales', description: 'Talleres sobre identificación de VÍCTIMAS de trata', target: 'Policías de Tapachula', mandateArea: 'trafficking_in_persons' }),
    );
    await addParagraph(server, docB, 'Coordinación secreta de la mesa de armas.');
    const decision = (await ana.api.post(`/api/workspaces/${wsA}/decisions`, { title: 'Protocolo común de coordinación', body: 'Adoptar un protocolo de atención a víctimas <b>urgente</b>' })).body.decision;
    expect((await xavier.api.post(`/api/workspaces/${wsB}/decisions`, { title: 'Coordinación fronteriza' })).status).toBe(201);
    const comment = (await beto.api.post(`/api/documents/${docA}/comments`, { body: 'Sugiero sumar a la fiscalía de Chiapas en la coordinación.' })).body.comment;
    const gone = (await beto.api.post(`/api/documents/${docA}/comments`, { body: 'Coordinación duplicada, borrar.' })).body.comment;
    expect((await beto.api.delete(`/api/comments/${gone.id}`)).status).toBe(204);
    await server.services.projection.idle();

    // No accent typed, accented text found; only working group A for Beto.
    const r = await beto.api.get<{ results: Result[] }>('/api/search?q=coordinacion');
    expect(r.status).toBe(200);
    const results = r.body.results;
    expect(results.every((x) => x.workspaceId === wsA)).toBe(true);
    const byType = Object.fromEntries(results.map((x) => [`${x.type}:${x.id}`, x]));
    expect(Object.keys(byType).sort()).toEqual([`comment:${comment.id}`, `decision:${decision.id}`, `plan:${docA}`].sort());
    const plan = byType[`plan:${docA}`];
    expect(plan.documentId).toBe(docA);
    expect(plan.title).toBe('Plan de trabajo 2027');
    expect(matched(plan)).toContain('Coordinación');
    expect(plan.highlights.map((s) => s.text).join('')).toBe(plan.snippet);
    expect(byType[`decision:${decision.id}`].titleHighlights.filter((s) => s.match).map((s) => s.text)).toEqual(['coordinación']);
    expect(matched(byType[`comment:${comment.id}`])).toEqual(['coordinación']);
    expect(byType[`comment:${comment.id}`].documentId).toBe(docA);
    for (const x of results) expect(x.score).toBeGreaterThan(0);

    // Highlights are text, never markup: what the decision's author typed comes back verbatim as text.
    const d = (await beto.api.get<{ results: Result[] }>('/api/search?q=urgente')).body.results;
    expect(d).toHaveLength(1);
    expect(d[0].snippet).toBe('Adoptar un protocolo de atención a víctimas <b>urgente</b>');
    expect(d[0].highlights).toEqual([
      { text: 'Adoptar un protocolo de atención a víctimas <b>', match: false },
      { text: 'urgente', match: true },
      { text: '</b>', match: false },
    ]);

    // Upper case with accents, a Spanish plural and a word prefix find the activity row.
    for (const q of ['VÍCTIMAS de trata', 'capacitaciones', 'tapach']) {
      const found = (await beto.api.get<{ results: Result[] }>(`/api/search?q=${encodeURIComponent(q)}`)).body.results;
      const activity = found.find((x) => x.type === 'activity');
      expect(activity, q).toMatchObject({ id: 'act-1', documentId: docA, workspaceId: wsA, title: 'Capacitación de policías municipales' });
    }

    // Xavier sees only his own working group, and naming another one is a 404.
    const x = (await xavier.api.get<{ results: Result[] }>('/api/search?q=Coordinacion')).body.results;
    expect(x.length).toBeGreaterThanOrEqual(2);
    expect(x.every((y) => y.workspaceId === wsB)).toBe(true);
    expect((await xavier.api.get(`/api/search?q=coordinacion&workspaceId=${wsA}`)).status).toBe(404);
    expect((await ana.api.get<{ results: Result[] }>(`/api/search?q=coordinacion&workspaceId=${wsA}&limit=1`)).body.results).toHaveLength(1);

    // A decision's reference finds it, only in the caller's groups (both groups have a D-1).
    for (const q of ['D-1', 'd1', ' D-1 ']) {
      const byRef = (await beto.api.get<{ results: Result[] }>(`/api/search?q=${encodeURIComponent(q)}`)).body.results;
      expect(byRef.map((y) => `${y.type}:${y.id}`), q).toEqual([`decision:${decision.id}`]);
      expect(byRef[0]).toMatchObject({ ref: 'D-1', title: 'Protocolo común de coordinación' });
    }
    expect((await beto.api.get<{ results: Result[] }>('/api/search?q=D-2')).body.results).toEqual([]);

    // Nothing searchable, bad input, no session.
    expect((await beto.api.get('/api/search?q=a')).body).toEqual({ results: [], counts: { plan: 0, activity: 0, decision: 0, action: 0, comment: 0 }, total: 0, nextCursor: null });
    expect((await beto.api.get('/api/search?q=')).status).toBe(400);
    expect((await beto.api.get('/api/search?q=x&limit=500')).status).toBe(400);
    expect((await beto.api.as('').get('/api/search?q=coordinacion')).status).toBe(401);
  });

  it('finds follow-up actions by their wording, under their decision, only in the caller’s groups and as they are edited', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const xavier = await world.user('Xavier Externo', 'FGE-CHIH');
    const wsA = await world.workspace(ana.api, 'Mesa de trata de personas');
    const wsB = await world.workspace(xavier.api, 'Mesa de armas');
    await world.addMember(wsA, ana.api, beto.id, 'observer');
    const docA = await world.document(ana.api, wsA);
    const decision = (await ana.api.post(`/api/workspaces/${wsA}/decisions`, { title: 'Protocolo común', documentId: docA })).body.decision;
    const action = (await ana.api.post(`/api/decisions/${decision.id}/actions`, { title: 'Enviar el padrón de albergues a la Fiscalía', ownerOrganizationId: ana.organizationId, dueDate: '2099-03-31' })).body.action;
    const other = (await xavier.api.post(`/api/workspaces/${wsB}/decisions`, { title: 'Rastreo de armas' })).body.decision;
    expect((await xavier.api.post(`/api/decisions/${other.id}/actions`, { title: 'Revisar el padrón de armerías', ownerOrganizationId: xavier.organizationId, dueDate: '2099-03-31' })).status).toBe(201);

    // No accent typed, a Spanish plural: the action, under its decision's reference and title, linked to both.
    const r = await beto.api.get<{ results: Array<Result & { ref?: string; decisionId?: string }>; counts: Record<string, number> }>('/api/search?q=padron%20albergue');
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ plan: 0, activity: 0, decision: 0, action: 1, comment: 0 });
    expect(r.body.results).toHaveLength(1);
    expect(r.body.results[0]).toMatchObject({ type: 'action', id: action.id, workspaceId: wsA, decisionId: decision.id, documentId: docA, ref: 'D-1', title: 'Enviar el padrón de albergues a la Fiscalía', snippet: 'Protocolo común' });
    expect(r.body.results[0].titleHighlights.filter((s) => s.match).map((s) => s.text)).toEqual(['padrón', 'albergues']);

    // Only the caller's groups: Xavier finds his own group's action, never Ana's; one kind at a time pages actions.
    const x = (await xavier.api.get<{ results: Result[] }>('/api/search?q=padron')).body.results;
    expect(x.map((y) => [y.type, y.title])).toEqual([['action', 'Revisar el padrón de armerías']]);
    const onlyActions = (await ana.api.get<{ results: Result[]; total: number }>('/api/search?q=padron&type=action')).body;
    expect(onlyActions.total).toBe(1);
    expect(onlyActions.results.map((y) => y.id)).toEqual([action.id]);

    // Reworded: the new words find it, the old ones no longer do.
    expect((await ana.api.patch(`/api/actions/${action.id}`, { title: 'Compartir la lista de refugios' })).status).toBe(200);
    expect((await beto.api.get<{ results: Result[] }>('/api/search?q=albergues')).body.results).toEqual([]);
    expect((await beto.api.get<{ results: Result[] }>('/api/search?q=refugios')).body.results.map((y) => y.id)).toEqual([action.id]);
  });

  it('finds activities by the names of the states and municipalities they happen in, which they keep as codes', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const xavier = await world.user('Xavier Externo', 'FGE-CHIH');
    const ws = await world.workspace(ana.api, 'Mesa de tráfico de migrantes');
    const other = await world.workspace(xavier.api, 'Mesa de armas');
    const doc = await world.document(ana.api, ws);
    const otherDoc = await world.document(xavier.api, other);
    await addParagraph(server, doc, 'Plan de la frontera sur.', (d) => {
      insertActivity(d, { id: 'tap', title: 'Albergues temporales', description: 'Revisión de condiciones', stateCodes: ['07'], municipalityCodes: ['07089'] });
      insertActivity(d, { id: 'chis', title: 'Mesa estatal de atención', stateCodes: ['07'] });
      insertActivity(d, { id: 'cdmx', title: 'Talleres de capacitación', stateCodes: ['09'], municipalityCodes: ['09015'] });
      insertActivity(d, { id: 'none', title: 'Capacitación en línea' });
    });
    await addParagraph(server, otherDoc, 'Plan ajeno.', (d) => insertActivity(d, { id: 'foreign', title: 'Operativo', stateCodes: ['07'], municipalityCodes: ['07089'] }));
    await server.services.projection.idle();
    const activities = async (q: string) =>
      (await ana.api.get<{ results: Result[] }>(`/api/search?q=${encodeURIComponent(q)}&type=activity`)).body.results.map((r) => r.id).sort();

    // A municipality's name, without its accents; its state's name; its code.
    expect(await activities('Tapachula')).toEqual(['tap']);
    expect(await activities('chiapas')).toEqual(['chis', 'tap']);
    expect(await activities('cuauhtemoc')).toEqual(['cdmx']);
    expect(await activities('Ciudad de México')).toEqual(['cdmx']);
    expect(await activities('07089')).toEqual(['tap']);
    // Every word must match, in the text or the place: «capacitación» is in two titles, only one of them in Cuauhtémoc.
    expect(await activities('capacitacion cuauhtemoc')).toEqual(['cdmx']);
    expect(await activities('albergues chiapas')).toEqual(['tap']);
    expect(await activities('albergues cuauhtemoc')).toEqual([]);
    // The snippet says where, the place's name marked.
    const [hit] = (await ana.api.get<{ results: Result[] }>('/api/search?q=tapachula&type=activity')).body.results;
    expect(hit.snippet).toBe('Revisión de condiciones · Tapachula, Chiapas');
    expect(matched(hit)).toEqual(['Tapachula']);
    // Need-to-know holds: Xavier finds his own activity in Tapachula, Ana never sees it.
    const xs = (await xavier.api.get<{ results: Result[] }>('/api/search?q=tapachula')).body.results;
    expect(xs.map((r) => `${r.type}:${r.id}`)).toEqual(['activity:foreign']);
  });

  it('shows the people a comment mentions by name in its snippet, never their ids', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws);
    const comment = (await beto.api.post(`/api/documents/${doc}/comments`, { body: `@{${ana.id}} confirme la cifra turquesa` })).body.comment;
    await server.services.projection.idle();
    const found = (await beto.api.get<{ results: Result[] }>('/api/search?q=turquesa')).body.results;
    expect(found.map((r) => `${r.type}:${r.id}`)).toEqual([`comment:${comment.id}`]);
    expect(found[0].snippet).toBe('@Ana Torres confirme la cifra turquesa');
    expect(found[0].highlights.map((h) => h.text).join('')).toBe(found[0].snippet);
    expect(matched(found[0])).toEqual(['turquesa']);
  });

  it('finds a comment by the names of the people and the agencies it mentions, through renames and edits', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const doc = await world.document(ana.api, ws);
    const toAna = (await beto.api.post(`/api/documents/${doc}/comments`, { body: `@{${ana.id}} confirme la cifra turquesa` })).body.comment;
    // An agency listed, not written: the text never says its acronym.
    const toFgr = (await ana.api.post(`/api/documents/${doc}/comments`, { body: 'Pendiente de respuesta', mentions: { organizationIds: [world.orgs.FGR.id] } })).body.comment;
    await beto.api.post(`/api/documents/${doc}/comments`, { body: 'Sin menciones: torres de vigilancia' });
    const comments = async (q: string) =>
      (await beto.api.get<{ results: Result[] }>(`/api/search?q=${encodeURIComponent(q)}&type=comment`)).body.results;
    const ids = async (q: string) => (await comments(q)).map((r) => r.id);

    const byName = await comments('Ana Tórres');
    expect(byName.map((r) => r.id)).toEqual([toAna.id]);
    expect(byName[0].snippet).toBe('@Ana Torres confirme la cifra turquesa');
    expect(matched(byName[0])).toEqual(['Ana', 'Torres']);
    // A name and the words around it, together.
    expect(await ids('torres turquesa')).toEqual([toAna.id]);
    expect(await ids('fgr pendiente')).toEqual([toFgr.id]);
    // The person's own name is not in a comment that does not mention her.
    expect(await ids('ana')).toEqual([toAna.id]);

    // Renamed: found by the new name, no longer by the old one.
    expect((await ana.api.patch('/api/me', { name: 'Ana Villalobos' })).status).toBe(200);
    expect(await ids('villalobos')).toEqual([toAna.id]);
    expect(await ids('ana torres')).toEqual([]);
    // An acronym changed by an administrator: the same.
    expect((await world.admin.patch(`/api/organizations/${world.orgs.FGR.id}`, { acronym: 'FGJE' })).status).toBe(200);
    expect(await ids('fgje')).toEqual([toFgr.id]);
    expect(await ids('pendiente fgr')).toEqual([]);
    // Edited so that it mentions no one: her name no longer finds it.
    expect((await beto.api.patch(`/api/comments/${toAna.id}`, { body: 'confirme la cifra turquesa', mentions: { userIds: [], organizationIds: [] } })).status).toBe(200);
    expect(await ids('villalobos')).toEqual([]);
    expect(await ids('turquesa')).toEqual([toAna.id]);
  });

  it('stems English and Spanish and follows plan edits', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = (await ana.api.post(`/api/workspaces/${ws}/documents`, { title: 'Joint plan', lang: 'en' })).body.document.id;
    await server.services.projection.idle();

    // The English template says "Coordination mechanisms"; "coordinating" shares its stem.
    const en = (await ana.api.get<{ results: Result[] }>('/api/search?q=coordinating')).body.results;
    expect(en.map((r) => r.id)).toEqual([doc]);
    expect(matched(en[0])).toContain('Coordination');

    expect((await ana.api.get<{ results: Result[] }>('/api/search?q=hidrocarburos')).body.results).toEqual([]);
    await addParagraph(server, doc, 'Robo de hidrocarburos en ductos de Pemex.');
    await expect.poll(async () => (await ana.api.get<{ results: Result[] }>('/api/search?q=hidrocarburo')).body.results.map((r) => r.id), { timeout: 5000 }).toEqual([doc]);
    const hit = (await ana.api.get<{ results: Result[] }>('/api/search?q=ductos pemex')).body.results[0];
    expect(matched(hit)).toEqual(['ductos', 'Pemex']);
  });

  it('reads a stored vector that PostgreSQL keeps with each row, title weighted above the rest', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const inTitle = (await ana.api.post(`/api/workspaces/${ws}/documents`, { title: 'Plan de huachicol', template: 'blank' })).body.document.id;
    const inBody = await world.document(ana.api, ws, 'blank');
    await addParagraph(server, inBody, 'Seguimiento del huachicol en ductos.');
    const ids = async () => (await ana.api.get<{ results: Result[] }>('/api/search?q=huachicol')).body.results.filter((r) => r.type === 'plan').map((r) => r.id);
    await expect.poll(ids, { timeout: 5000 }).toEqual([inTitle, inBody]);
    // The vector is a column the database computes on every write: no search computes one per row.
    const db = server.services.database.db;
    const rows = await db.execute(sql`select id, search_vector @@ to_tsquery('simple', 'huachicol') as hit from documents where workspace_id = ${ws} order by id`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ id: string; hit: boolean }>;
    expect(list.filter((r) => r.hit).map((r) => r.id).sort()).toEqual([inTitle, inBody].sort());
    // Renaming the plan changes its vector at once.
    await ana.api.patch(`/api/documents/${inTitle}`, { title: 'Plan de ductos' });
    expect(await ids()).toEqual([inBody]);
  });

  it('folds accents in the database exactly as queries are folded, beyond Latin-1 too', async () => {
    server = await startTestServer(await backend.fresh());
    // Every letter of the Latin blocks that folds to plain letters, precomposed and decomposed.
    let letters = '';
    for (const [from, to] of [[0xc0, 0x24f], [0x1e00, 0x1eff]]) {
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCodePoint(cp);
        if (/^[a-z]+$/.test(foldText(ch))) letters += `${ch} ${ch.normalize('NFD')} `;
      }
    }
    expect(letters.length).toBeGreaterThan(1000);
    const db = server.services.database.db;
    const rows = await db.execute(sql`select ${foldedSql(sql`${letters}::text`)} as folded`);
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ folded: string }>;
    expect(row.folded).toBe(foldText(letters));

    // Vietnamese letters lie past Latin Extended-B, where the old translate() table stopped.
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    await addParagraph(server, doc, 'Reunión con la delegación de Nguyễn.', (d) =>
      insertActivity(d, { id: 'act-v', title: 'Intercambio con Đặng Thị Ỷ', description: 'Capacitación', mandateArea: 'migrant_smuggling' }),
    );
    await server.services.projection.idle();
    const found = async (q: string) => (await ana.api.get<{ results: Result[] }>(`/api/search?q=${encodeURIComponent(q)}`)).body.results.map((r) => `${r.type}:${r.id}`);
    expect(await found('nguyen')).toEqual([`plan:${doc}`]);
    expect(await found('NGUYỄN')).toEqual([`plan:${doc}`]);
    // The activity, and the plan whose searchable text includes its activities' titles.
    expect((await found('thi y')).sort()).toEqual(['activity:act-v', `plan:${doc}`]);
  });
});
