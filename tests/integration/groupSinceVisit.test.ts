/**
 * "Since your last visit" across a working group: for each plan, when the reader last opened it, whether someone
 * else changed it since (in the log, or in what compaction folded), how many comments others wrote or edited since
 * and how many of its decisions others proposed or moved since. The reader's own edits, comments and decisions are
 * not news; a plan never opened has no visit; outsiders see nothing.
 */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documentUpdates } from '../../db/schema.js';
import { planSinceVisit } from '../../server/http/responses/participation.js';
import { insertActivity } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useLiveServer } from '../helpers/liveServer.js';
import { waitFor, waitSynced } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('changes since the last visit across a working group, on $name', (backend) => {
  const live = useLiveServer();

  it('tells each plan’s news from others, not the reader’s own, and forgets them at the next visit', async () => {
    const server = await live.start({ ...(await backend.fresh()), limits: { compactAfterUpdates: 20 } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const planA = await world.document(ana.api, ws, 'blank');
    const planB = await world.document(ana.api, ws, 'blank');
    const planC = await world.document(ana.api, ws, 'blank');
    const since = async (api: Api) => {
      const res = await api.get(`/api/workspaces/${ws}/changes-since-visit`);
      expect(res.status).toBe(200);
      return Object.fromEntries(res.body.plans.map((p: unknown) => planSinceVisit.parse(p)).map((p: { documentId: string }) => [p.documentId, p]));
    };
    const stored = async (plan: string, rows: number) =>
      waitFor(async () => (await ana.api.get(`/api/documents/${plan}/export?format=json`)).body?.activities?.length === rows, 10_000, `${rows} rows stored`);

    const never = await since(beto.api);
    expect(Object.keys(never).sort()).toEqual([planA, planB, planC].sort());
    for (const plan of [planA, planB, planC]) expect(never[plan]).toEqual({ documentId: plan, lastVisitAt: null, edited: false, newComments: 0, editedComments: 0, decisions: 0 });

    // Written before Beto's visit, edited after it: news as an edited comment. Beto edits his own older one: not news.
    const older = (await ana.api.post(`/api/documents/${planA}/comments`, { body: 'Fecha por confirmar' })).body.comment;
    const betosOlder = (await beto.api.post(`/api/documents/${planA}/comments`, { body: 'Propia' })).body.comment;
    const visitA = (await beto.api.post(`/api/documents/${planA}/visit`)).body.visit.at;
    const visitB = (await beto.api.post(`/api/documents/${planB}/visit`)).body.visit.at;

    // Ana edits plan A and comments on it twice (one deleted); Beto edits and comments on plan B himself.
    const anaA = live.connect(planA, ana.api.token);
    const betoB = live.connect(planB, beto.api.token);
    await Promise.all([waitSynced(anaA), waitSynced(betoB)]);
    insertActivity(anaA.doc, { id: 'taller', title: 'Taller regional' });
    insertActivity(betoB.doc, { id: 'campana', title: 'Campaña en Chiapas' });
    await Promise.all([stored(planA, 1), stored(planB, 1)]);
    expect((await ana.api.post(`/api/documents/${planA}/comments`, { body: '¿Quién lleva el taller?' })).status).toBe(201);
    expect((await ana.api.patch(`/api/comments/${older.id}`, { body: 'Fecha confirmada: 3 de marzo' })).status).toBe(200);
    expect((await beto.api.patch(`/api/comments/${betosOlder.id}`, { body: 'Propia, corregida' })).status).toBe(200);
    // A decision Ana proposes on plan B is news there, though Beto's own edits and comment on it are not.
    expect((await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Ruta de la campaña', documentId: planB })).status).toBe(201);
    expect((await beto.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Propuesta propia', documentId: planB })).status).toBe(201);
    const gone = (await ana.api.post(`/api/documents/${planA}/comments`, { body: 'Borrador' })).body.comment;
    expect((await ana.api.delete(`/api/comments/${gone.id}`)).status).toBe(204);
    expect((await beto.api.post(`/api/documents/${planB}/comments`, { body: 'Nota propia' })).status).toBe(201);

    const news = await since(beto.api);
    expect(news[planA]).toEqual({ documentId: planA, lastVisitAt: visitA, edited: true, newComments: 1, editedComments: 1, decisions: 0 });
    expect(news[planB]).toEqual({ documentId: planB, lastVisitAt: visitB, edited: false, newComments: 0, editedComments: 0, decisions: 1 });
    expect(news[planC]).toEqual({ documentId: planC, lastVisitAt: null, edited: false, newComments: 0, editedComments: 0, decisions: 0 });
    // Ana's own view: she never opened the plans through a visit, and Beto's work is not hers.
    expect((await since(ana.api))[planB]).toMatchObject({ lastVisitAt: null, edited: false });

    // Opened again: nothing new in plan A.
    await beto.api.post(`/api/documents/${planA}/visit`);
    expect((await since(beto.api))[planA]).toMatchObject({ edited: false, newComments: 0, editedComments: 0 });

    // Ana's edits since, folded away by compaction, still count: who wrote them is kept with the fold.
    for (let i = 0; i < 30; i++) insertActivity(anaA.doc, { id: `fila-${i}`, title: `Fila ${i}` });
    await stored(planA, 31);
    const database = server.services.database.db;
    const logRows = async () => Number((await database.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, planA)))[0].n);
    await waitFor(async () => (await logRows()) < 20, 10_000, 'the log folded');
    expect((await since(beto.api))[planA]).toMatchObject({ edited: true, newComments: 0 });

    const outsider = await world.user('Xavier', 'FGR');
    await world.workspace(outsider.api, 'Otra mesa');
    expect((await outsider.api.get(`/api/workspaces/${ws}/changes-since-visit`)).status).toBe(404);
    expect((await world.admin.get(`/api/workspaces/${ws}/changes-since-visit`)).status).toBe(404);
  });
});
