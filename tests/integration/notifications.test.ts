import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { getActivities, getBody, insertActivity } from '../../shared/planModel.js';
import { and, eq } from 'drizzle-orm';
import { documentUpdates, documentVisits } from '../../db/schema.js';
import { runDigestNow } from '../../server/notifications/digest.js';
import { compactDocument } from '../../server/sync/documentStore.js';
import type { MailMessage, MailSender } from '../../server/notifications/mailSender.js';
import { notifyOverlap, notifyStanceRequested } from '../../server/notifications/notify.js';
import { createWorld, type Api, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { plain, textContaining } from '../helpers/comments.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('notifications and asynchronous participation on $name', (backend) => {
  let server: TestServer;
  let world: World;
  const clients: YClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(async () => {
    await server?.close();
  });

  /** Ana (SSPC) facilitates; Beto (FGR, focal point) and Carla (FGR) and Eli (SSPC) are members; Dora (FGE-CHIH) observes. */
  async function group() {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const carla = await world.user('Carla', 'FGR');
    const dora = await world.user('Dora', 'FGE-CHIH');
    const eli = await world.user('Eli', 'SSPC');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    await world.addMember(ws, ana.api, carla.id, 'member');
    await world.addMember(ws, ana.api, dora.id, 'observer');
    await world.addMember(ws, ana.api, eli.id, 'member');
    const docId = await world.document(ana.api, ws);
    return { ana, beto, carla, dora, eli, ws, docId };
  }
  const inbox = async (api: Api, unread = false) => (await api.get(`/api/notifications${unread ? '?unread=true' : ''}`)).body.notifications as any[];
  const counts = async (api: Api) => (await api.get('/api/notifications/unread-counts')).body;

  it('tells the holders of a comment’s notifications when it is edited or deleted, so an open inbox does not keep its words', async () => {
    const { ana, beto, carla, eli, ws, docId } = await group();
    const events = await connectEvents(server.url, eli.api.token!);
    const bystander = await connectEvents(server.url, beto.api.token!);
    // Carla is mentioned too, then removed from the group: she keeps her notification but hears no more of it.
    const removed = await connectEvents(server.url, carla.api.token!);
    try {
      const seen = recordEvents(events, ['notification:updated']);
      const unseen = recordEvents(bystander, ['notification:updated']);
      const unseenByRemoved = recordEvents(removed, ['notification:updated']);
      const created = await ana.api.post(`/api/documents/${docId}/comments`, { body: `Dato sensible, @{${eli.id}} @{${carla.id}}` });
      const [notice] = await inbox(eli.api);
      expect((await inbox(carla.api)).length).toBe(1);
      expect((await ana.api.request('DELETE', `/api/workspaces/${ws}/members/${carla.id}`)).status).toBe(204);
      expect((await ana.api.patch(`/api/comments/${created.body.comment.id}`, { body: `Revisado, @{${eli.id}}` })).status).toBe(200);
      await waitFor(() => seen.length === 1, 5000, 'notification:updated after the edit');
      expect((await ana.api.request('DELETE', `/api/comments/${created.body.comment.id}`)).status).toBe(204);
      await waitFor(() => seen.length === 2, 5000, 'notification:updated after the delete');
      expect(seen.map((e) => e.payload)).toEqual([
        { workspaceId: ws, ids: [notice.id] },
        { workspaceId: ws, ids: [notice.id] },
      ]);
      expect(unseen).toEqual([]);
      expect(unseenByRemoved).toEqual([]);
    } finally {
      events.close();
      bystander.close();
      removed.close();
    }
  });

  it('a mention reaches the mentioned members and every member of a mentioned organization, nobody else', async () => {
    const { ana, beto, carla, dora, eli, ws, docId } = await group();
    // Fede is FGR too, but in another working group; Gil (MUN-JUAREZ) is nowhere near this group.
    const fede = await world.user('Fede', 'FGR');
    await world.workspace(fede.api, 'Otra mesa');
    const events = await connectEvents(server.url, beto.api.token!);
    const pushed = recordEvents(events, ['notification:created']);
    const body = `Favor de revisar @fgr, @{${eli.id}} y @{${fede.id}}; también @MUN-JUAREZ. Copia a ana@sspc.gob.mx`;
    const created = await dora.api.post(`/api/documents/${docId}/comments`, { body });
    expect(created.status).toBe(201);
    expect(created.body.comment.mentions).toEqual({ userIds: [eli.id], organizationIds: [world.orgs.FGR.id] });
    for (const u of [beto, carla, eli]) {
      const [n, ...rest] = await inbox(u.api);
      expect(rest).toEqual([]);
      expect(n).toMatchObject({ kind: 'mention', workspaceId: ws, readAt: null, target: { type: 'comment', documentId: docId, commentId: created.body.comment.id, actorId: dora.id } });
      // Eli is named in person; Beto and Carla are reached through FGR.
      expect(n.target.via).toBe(u === eli ? 'person' : 'organization');
    }
    for (const u of [ana, dora, fede]) expect(await inbox(u.api)).toEqual([]);
    await waitFor(() => pushed.length === 1, 5000, 'notification:created');
    expect(pushed[0].payload).toMatchObject({ workspaceId: ws, notification: { kind: 'mention', target: { commentId: created.body.comment.id } } });
    events.close();

    // An edit notifies only the newly mentioned.
    await dora.api.patch(`/api/comments/${created.body.comment.id}`, { body: `${body} Y @sspc.` });
    expect((await inbox(ana.api)).map((n) => n.kind)).toEqual(['mention']);
    expect((await inbox(eli.api)).length).toBe(1);
    expect((await inbox(beto.api)).length).toBe(1);
  });

  it('an organization whose acronym holds a dot, slash or space is mentioned by it, and the longest acronym wins', async () => {
    for (const [acronym, name] of [['SRE', 'Secretaría de Relaciones Exteriores'], ['SRE/DGAJ', 'Dirección General de Asuntos Jurídicos'], ['Red A.C.', 'Red de apoyo, A.C.']]) {
      const r = await world.admin.post('/api/organizations', { name, acronym, level: acronym === 'Red A.C.' ? 'civil_society' : 'federal' });
      expect(r.status).toBe(201);
      world.orgs[acronym] = { id: r.body.organization.id };
    }
    const ana = await world.user('Ana', 'SSPC');
    const sre = await world.user('Sara', 'SRE');
    const dgaj = await world.user('Diego', 'SRE/DGAJ');
    const red = await world.user('Rita', 'Red A.C.');
    const ws = await world.workspace(ana.api, 'Mesa consular');
    for (const u of [sre, dgaj, red]) await world.addMember(ws, ana.api, u.id, 'member');
    const docId = await world.document(ana.api, ws);
    // What the composer inserts: the acronym without its spaces.
    const created = await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Que lo revise @SRE/DGAJ con @RedA.C.' });
    expect(created.status).toBe(201);
    expect(new Set(created.body.comment.mentions.organizationIds)).toEqual(new Set([world.orgs['SRE/DGAJ'].id, world.orgs['Red A.C.'].id]));
    expect((await inbox(dgaj.api)).map((n) => n.kind)).toEqual(['mention']);
    expect((await inbox(red.api)).map((n) => n.kind)).toEqual(['mention']);
    // "@SRE/DGAJ" is not "@SRE".
    expect(await inbox(sre.api)).toEqual([]);
  });

  it('a person is also mentioned as @[label](id), as a bare @id, or listed in the request; listed ids outside the group are ignored', async () => {
    const { ana, beto, carla, dora, eli, docId } = await group();
    const outsider = await world.user('Hugo', 'FGR');
    const created = await ana.api.post(`/api/documents/${docId}/comments`, {
      body: `Revisen @[Beto](${beto.id}) y @${carla.id}.`,
      mentions: { userIds: [eli.id, outsider.id], organizationIds: [world.orgs['FGE-CHIH'].id, world.orgs['MUN-JUAREZ'].id] },
    });
    expect(created.status).toBe(201);
    expect(new Set(created.body.comment.mentions.userIds)).toEqual(new Set([beto.id, carla.id, eli.id]));
    expect(created.body.comment.mentions.organizationIds).toEqual([world.orgs['FGE-CHIH'].id]);
    for (const u of [beto, carla, eli, dora]) expect((await inbox(u.api)).map((n) => n.kind), u.id).toEqual(['mention']);
    expect(await inbox(outsider.api)).toEqual([]);
    expect((await ana.api.post(`/api/documents/${docId}/comments`, { body: 'x', mentions: { userIds: ['no es un id válido!'] } })).status).toBe(400);

    // An edit that lists someone already mentioned notifies nobody again; a newly listed person once.
    const edited = await ana.api.patch(`/api/comments/${created.body.comment.id}`, { body: `Revisen @[Beto](${beto.id}).`, mentions: { userIds: [eli.id, ana.id] } });
    expect(edited.status).toBe(200);
    expect((await inbox(eli.api)).length).toBe(1);
    expect((await inbox(beto.api)).length).toBe(1);

    // An edit of the words alone keeps the listed mentions; a person written in the old text and not the new one goes.
    const reworded = await ana.api.patch(`/api/comments/${created.body.comment.id}`, { body: 'Revisen, por favor.' });
    expect(reworded.status).toBe(200);
    expect(new Set(reworded.body.comment.mentions.userIds)).toEqual(new Set([eli.id, ana.id]));
    expect((await inbox(eli.api)).length).toBe(1);
  });

  it('replies notify earlier participants of the thread once, and a mention wins over a reply', async () => {
    const { ana, beto, carla, docId } = await group();
    const root = (await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Propongo ampliar la meta' })).body.comment;
    await beto.api.post(`/api/documents/${docId}/comments`, { body: 'De acuerdo', parentId: root.id });
    expect((await inbox(ana.api)).map((n) => [n.kind, n.target.threadId])).toEqual([['reply', root.id]]);
    const third = (await carla.api.post(`/api/documents/${docId}/comments`, { body: `Y tú @{${ana.id}}?`, parentId: root.id })).body.comment;
    expect((await inbox(ana.api)).map((n) => [n.kind, n.target.commentId])).toEqual([
      ['mention', third.id],
      ['reply', expect.any(String)],
    ]);
    expect((await inbox(beto.api)).map((n) => [n.kind, n.target.commentId])).toEqual([['reply', third.id]]);
    expect(await inbox(carla.api)).toEqual([]);
  });

  it('a mention or reply carries a short excerpt of its comment, mentions by name; other kinds and a deleted comment give null', async () => {
    const { ana, beto, carla, eli, docId } = await group();
    const outsider = await world.user('Hugo Fuera', 'FGR');
    const root = (await ana.api.post(`/api/documents/${docId}/comments`, { body: `Hola @{${beto.id}} y @[Eli](${eli.id}): **revisen** la \`meta\` 3\n\ncon @FGR; a @{${outsider.id}} no lo nombra.` })).body.comment;
    const [mention] = await inbox(beto.api);
    expect(mention).toMatchObject({ kind: 'mention', target: { commentId: root.id } });
    // A non-member's id never becomes a name.
    expect(mention.excerpt).toBe('Hola @Beto y @Eli: revisen la meta 3 con @FGR; a @? no lo nombra.');
    expect(JSON.stringify(mention)).not.toContain('Hugo');

    // A long reply: about 140 characters, cut on a word, with an ellipsis.
    const long = `${'Propongo que la capacitación se haga en Ciudad Juárez '.repeat(5)}y que la FGR coordine.`;
    await beto.api.post(`/api/documents/${docId}/comments`, { body: long, parentId: root.id });
    const [reply] = await inbox(ana.api);
    expect(reply.kind).toBe('reply');
    expect(reply.excerpt).toMatch(/^Propongo que la capacitación se haga en Ciudad Juárez Propongo .*[^ ]…$/);
    expect(Array.from(reply.excerpt as string).length).toBeLessThanOrEqual(141);
    expect(Array.from(reply.excerpt as string).length).toBeGreaterThan(100);

    // Deleted: the excerpt goes (the notification stays).
    expect((await ana.api.delete(`/api/comments/${root.id}`)).status).toBe(204);
    expect((await inbox(beto.api)).map((n) => [n.kind, n.excerpt])).toEqual([['mention', null]]);
    expect(await inbox(carla.api)).toHaveLength(1); // @FGR reached Carla
    expect((await inbox(carla.api))[0].excerpt).toBeNull();
  });

  it('unread counts follow new and read notifications, per plan and in total', async () => {
    const { ana, beto, ws, docId } = await group();
    const otherDoc = await world.document(ana.api, ws);
    expect(await counts(beto.api)).toEqual({ byDocument: {}, total: 0 });
    await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Hola @FGR' });
    await ana.api.post(`/api/documents/${docId}/comments`, { body: `Hola @{${beto.id}}` });
    await ana.api.post(`/api/documents/${otherDoc}/comments`, { body: 'Revisen @fgr' });
    expect(await counts(beto.api)).toEqual({ byDocument: { [docId]: 2, [otherDoc]: 1 }, total: 3 });
    const all = await inbox(beto.api);
    const first = all.find((n) => n.target.documentId === otherDoc);
    const read = await beto.api.post('/api/notifications/read', { ids: [first.id] });
    expect(read.body.read).toEqual([first.id]);
    expect(await counts(beto.api)).toEqual({ byDocument: { [docId]: 2 }, total: 2 });
    expect((await inbox(beto.api, true)).map((n) => n.id).sort()).toEqual(all.filter((n) => n.id !== first.id).map((n) => n.id).sort());
    // Someone else's ids change nothing.
    expect((await ana.api.post('/api/notifications/read', { ids: all.map((n) => n.id) })).body.read).toEqual([]);
    expect((await beto.api.post('/api/notifications/read', { all: true })).body.read.length).toBe(2);
    expect(await counts(beto.api)).toEqual({ byDocument: {}, total: 0 });
    expect((await inbox(beto.api)).every((n) => typeof n.readAt === 'string')).toBe(true);
    // Neither shape: the answer says what to send.
    for (const wrong of [{}, { ids: 'x' }, { all: false }]) {
      const refused = await beto.api.post('/api/notifications/read', wrong);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('Send {\\"ids\\": [...]} (1 to 500 notification ids) or {\\"all\\": true}');
    }
    // Leaving the group hides its notifications.
    await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Otra @fgr' });
    expect((await counts(beto.api)).total).toBe(1);
    await ana.api.delete(`/api/workspaces/${ws}/members/${beto.id}`);
    expect(await counts(beto.api)).toEqual({ byDocument: {}, total: 0 });
    expect(await inbox(beto.api)).toEqual([]);
    // ...and "mark all read" leaves them alone: back in the group, the one left unread is still unread.
    expect((await beto.api.post('/api/notifications/read', { all: true })).body.read).toEqual([]);
    await world.addMember(ws, ana.api, beto.id, 'member');
    expect((await counts(beto.api)).total).toBe(1);
  });

  it('the inbox pages: every notification once, newest first, unread filter kept; a made-up cursor is a 400', async () => {
    const { ana, beto, docId } = await group();
    // Seven comments in one transaction each; several share a created_at millisecond on a fast machine.
    for (let i = 0; i < 7; i++) await ana.api.post(`/api/documents/${docId}/comments`, { body: `Aviso ${i} @{${beto.id}}` });
    const whole = await inbox(beto.api);
    expect(whole.length).toBe(7);
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { notifications: any[]; nextCursor: string | null } } = await beto.api.get(`/api/notifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.notifications.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.notifications);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((n) => n.id)).toEqual(whole.map((n) => n.id));
    // The unread filter holds across pages.
    await beto.api.post('/api/notifications/read', { ids: [whole[1].id, whole[4].id] });
    const first = await beto.api.get('/api/notifications?unread=true&limit=4');
    const second = await beto.api.get(`/api/notifications?unread=true&limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.notifications, ...second.body.notifications].map((n: any) => n.id)).toEqual(
      whole.filter((_, i) => i !== 1 && i !== 4).map((n) => n.id),
    );
    // A cursor is only good for its owner's list.
    expect((await ana.api.get(`/api/notifications?cursor=${first.body.nextCursor}`)).status).toBe(400);
    expect((await beto.api.get('/api/notifications?cursor=bm9wZQ')).status).toBe(400);
    expect((await beto.api.get('/api/notifications?limit=0')).status).toBe(400);
  });

  it('stance requests and overlaps notify through the exported functions, live', async () => {
    const { ana, beto, carla, dora, eli, ws, docId } = await group();
    const events = await connectEvents(server.url, beto.api.token!);
    const pushed = recordEvents(events, ['notification:created']);
    const now = { afterCommit: (fn: () => void | Promise<void>) => void fn(), services: server.services };
    const db = server.services.database.db;
    await notifyStanceRequested(db, { id: 'dec_test', workspaceId: ws, ref: 1, title: 'Ampliar meta', createdById: ana.id }, now);
    // FGR has a focal point (Beto): only he is asked; SSPC has none: its members are (Eli; Ana proposed it).
    // FGE-CHIH is there only through an observer (Dora): observers cast no stance, so it is not asked.
    expect((await inbox(beto.api)).map((n) => [n.kind, n.target.decisionId])).toEqual([['stance_requested', 'dec_test']]);
    expect(await inbox(carla.api)).toEqual([]);
    expect((await inbox(eli.api)).map((n) => n.kind)).toEqual(['stance_requested']);
    expect(await inbox(dora.api)).toEqual([]);
    expect(await inbox(ana.api)).toEqual([]);
    await waitFor(() => pushed.length === 1, 5000, 'live stance request');
    events.close();
    await notifyOverlap(db, { id: 'ovl_test', a: { documentId: docId, activityId: 'act-1' }, b: { documentId: 'doc_elsewhere', activityId: 'act-9' } }, now);
    expect((await inbox(ana.api)).map((n) => [n.kind, n.target, n.excerpt])).toEqual([['overlap', { type: 'overlap', overlapId: 'ovl_test', documentId: docId, activityId: 'act-1' }, null]]);
    expect((await inbox(beto.api)).map((n) => [n.kind, n.excerpt])).toEqual([['stance_requested', null]]);
  });

  it('an action assigned to someone tells them, live, with who assigned it and a link to its decision; not when they assign themselves', async () => {
    const { ana, beto, carla, ws } = await group();
    const events = await connectEvents(server.url, beto.api.token!);
    const pushed = recordEvents(events, ['notification:created']);
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Operativo conjunto' })).body.decision;
    const before = (await inbox(beto.api)).length;
    const made = await ana.api.post(`/api/decisions/${decision.id}/actions`, { title: 'Enviar el protocolo', ownerOrganizationId: world.orgs.FGR.id, assigneeId: beto.id, dueDate: '2027-02-01' });
    expect(made.status).toBe(201);
    const told = (await inbox(beto.api)).filter((n) => n.kind === 'action_assigned');
    expect(told.map((n) => [n.target, n.actorName, n.workspaceId])).toEqual([
      [{ type: 'action', actionId: made.body.action.id, decisionId: decision.id, title: 'Enviar el protocolo', dueDate: '2027-02-01', actorId: ana.id }, 'Ana', ws],
    ]);
    expect((await inbox(beto.api)).length).toBe(before + 1);
    await waitFor(() => pushed.some((e) => (e.payload as { notification?: { kind?: string } }).notification?.kind === 'action_assigned'), 5000, 'live');
    events.close();
    // Handed to Carla: she is told; the same assignee again tells nobody; Carla taking one herself tells nobody.
    const action = made.body.action.id;
    expect((await ana.api.patch(`/api/actions/${action}`, { assigneeId: carla.id })).status).toBe(200);
    expect((await ana.api.patch(`/api/actions/${action}`, { assigneeId: carla.id })).status).toBe(200);
    // Beto's notice no longer stands (the action is Carla's now): read; Carla's stays unread until the action is done.
    const assignedTo = async (api: Api) => (await inbox(api)).filter((n) => n.kind === 'action_assigned' && n.target.actionId === action).map((n) => n.readAt === null);
    expect(await assignedTo(beto.api)).toEqual([false]);
    expect(await assignedTo(carla.api)).toEqual([true]);
    expect((await ana.api.patch(`/api/actions/${action}`, { status: 'done' })).status).toBe(200);
    expect((await inbox(carla.api)).filter((n) => n.kind === 'action_assigned').map((n) => n.target.actionId)).toEqual([action]);
    expect(await assignedTo(carla.api)).toEqual([false]);
    const own = await carla.api.post(`/api/decisions/${decision.id}/actions`, { title: 'Revisar cifras', ownerOrganizationId: world.orgs.FGR.id, assigneeId: carla.id, dueDate: '2027-02-02' });
    expect(own.status).toBe(201);
    expect((await inbox(carla.api)).filter((n) => n.kind === 'action_assigned')).toHaveLength(1);
  });

  it('since your last visit: new and edited comments by others, changed activities and the sections whose text changed (not changed back)', async () => {
    const { ana, beto, carla, docId } = await group();
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(a);
    await waitSynced(a);
    insertActivity(a.doc, { id: 'act-1', title: 'Capacitación' });
    insertActivity(a.doc, { id: 'act-2', title: 'Campaña' });
    insertActivity(a.doc, { id: 'act-3', title: 'Taller' });
    expect(await (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body).toEqual({ since: null, newComments: [], editedComments: [], addedActivityIds: [], changedActivityIds: [], changedActivities: [], removedActivities: 0, changedSections: [], removedSections: [], decisions: [] });
    await waitFor(async () => (await beto.api.get(`/api/documents/${docId}/export?format=json`)).body?.activities?.length === 3, 5000, 'rows stored');
    const carlasOld = (await carla.api.post(`/api/documents/${docId}/comments`, { body: '¿Quién convoca?' })).body.comment;
    const betosOld = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Yo convoco' })).body.comment;
    const first = await beto.api.post(`/api/documents/${docId}/visit`);
    expect(first.status).toBe(200);
    expect(first.body.previousVisit).toBeNull();
    const mine = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Mío' })).body.comment;
    const theirs = (await carla.api.post(`/api/documents/${docId}/comments`, { body: 'De Carla' })).body.comment;
    // Edited since the visit: Carla's older comment is news; Beto's own edit is not, nor is an edit of a new comment.
    for (const [api, id, body] of [[carla.api, carlasOld.id, '¿Quién convoca en Sinaloa?'], [beto.api, betosOld.id, 'Yo convoco, con la FGR'], [carla.api, theirs.id, 'De Carla (corregido)']] as const) {
      expect((await api.patch(`/api/comments/${id}`, { body })).status).toBe(200);
    }
    const t = textContaining(a.doc, 'cómo se medirá');
    t.insert(plain(t).length, ' Con línea base.');
    // A section changed and changed back is not news: a word there at the visit replaced, then typed again.
    const goals = textContaining(a.doc, 'objetivos comunes');
    const at = plain(goals).indexOf('comunes');
    goals.delete(at, 'comunes'.length);
    goals.insert(at, 'compartidos');
    goals.delete(at, 'compartidos'.length);
    goals.insert(at, 'comunes');
    getActivities(a.doc).get(1).set('status', 'in_progress');
    // Changed and changed back: it reads as it did at the visit, so it is not news.
    getActivities(a.doc).get(2).set('title', 'Taller regional');
    getActivities(a.doc).get(2).set('status', 'done');
    getActivities(a.doc).get(2).set('title', 'Taller');
    getActivities(a.doc).get(2).set('status', 'planned');
    // A deleted row takes its id with it: it is counted (a deletion alone used to leave the reader told nothing).
    getActivities(a.doc).delete(0, 1);
    await waitFor(async () => (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body.removedActivities === 1, 5000, 'edits reach the server');
    const changes = (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body;
    expect(changes).toEqual({ since: first.body.visit.at, newComments: [theirs.id], editedComments: [carlasOld.id], addedActivityIds: [], changedActivityIds: ['act-2'], changedActivities: [{ id: 'act-2', fields: ['status'] }], removedActivities: 1, changedSections: ['Indicadores'], removedSections: [], decisions: [] });
    expect(changes.newComments).not.toContain(mine.id);
    const second = await beto.api.post(`/api/documents/${docId}/visit`);
    expect(second.body.previousVisit).toEqual(first.body.visit);
    expect((await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body).toMatchObject({ newComments: [], editedComments: [], changedActivityIds: [], removedActivities: 0, changedSections: [] });
  });

  it('since your last visit names a section someone deleted, not the section above it', async () => {
    const { ana, beto, docId } = await group();
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(a);
    await waitSynced(a);
    await beto.api.post(`/api/documents/${docId}/visit`);
    // The section «Líneas de trabajo»: its heading and every block up to the next heading.
    const body = getBody(a.doc);
    const blocks = body.toArray() as Y.XmlElement[];
    const start = blocks.findIndex((b) => b.nodeName === 'heading' && b.toString().includes('Líneas de trabajo'));
    expect(start).toBeGreaterThan(0);
    let end = start + 1;
    while (end < blocks.length && blocks[end].nodeName !== 'heading') end++;
    body.delete(start, end - start);
    const changes = async () => (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body;
    await waitFor(async () => (await changes()).removedSections?.length > 0, 5000, 'the deletion reaches the server');
    expect(await changes()).toMatchObject({ removedSections: ['Líneas de trabajo'], changedSections: [], changedActivityIds: [], removedActivities: 0 });
  });

  /** Ana and Beto in the plan, two rows of Ana's stored, then Beto's visit recorded. */
  async function twoRowsThenBetosVisit() {
    const { ana, beto, docId } = await group();
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    const b = connectYjs(server.wsUrl, docId, beto.api.token);
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    insertActivity(a.doc, { id: 'act-a', title: 'De Ana' });
    insertActivity(a.doc, { id: 'act-gone', title: 'Por quitar' });
    await waitFor(async () => (await beto.api.get(`/api/documents/${docId}/export?format=json`)).body?.activities?.length === 2, 5000, 'rows stored');
    await beto.api.post(`/api/documents/${docId}/visit`);
    return { ana, beto, docId, a, b };
  }

  it('since your last visit leaves out what the reader did: their own typing, rows, removals and restores', async () => {
    const { ana, beto, docId, a, b } = await twoRowsThenBetosVisit();
    const named = (await beto.api.post(`/api/documents/${docId}/versions`, { name: 'Antes de Beto' })).body.version;

    // Beto types, adds a row, edits Ana's row and removes one: none of it is news to him.
    const t = textContaining(b.doc, 'cómo se medirá');
    t.insert(plain(t).length, ' Con metas trimestrales.');
    insertActivity(b.doc, { id: 'act-b', title: 'De Beto' });
    getActivities(b.doc).get(0).set('status', 'in_progress');
    getActivities(b.doc).delete(1, 1);
    // Still two rows (one added, one removed), so wait for the rows and words themselves.
    await waitFor(
      async () => {
        const stored = (await beto.api.get(`/api/documents/${docId}/export?format=json`)).body as { body: string; activities: Array<{ title: string; status: string }> };
        const titles = stored.activities.map((r) => r.title);
        return stored.body.includes('Con metas trimestrales.') && titles.includes('De Beto') && !titles.includes('Por quitar') && stored.activities.some((r) => r.title === 'De Ana' && r.status === 'in_progress');
      },
      10_000,
      'Beto’s edits stored',
    );
    const own = async () => (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body;
    await new Promise((r) => setTimeout(r, 300));
    expect(await own()).toMatchObject({ addedActivityIds: [], changedActivityIds: [], removedActivities: 0, changedSections: [] });

    // His restore is his too; Ana's edit after it is news.
    expect((await beto.api.post(`/api/versions/${named.id}/restore`)).status).toBe(200);
    expect(await own()).toMatchObject({ changedActivityIds: [], changedSections: [] });
    await waitFor(() => getActivities(a.doc).length === 2, 5000, 'the restore reaches Ana');
    getActivities(a.doc).get(0).set('title', 'De Ana, corregida');
    await waitFor(async () => (await own()).changedActivityIds.length === 1, 5000, 'Ana’s edit is news');
    expect((await own()).changedActivityIds).toEqual(['act-a']);
  });

  it('since your last visit leaves out what the reader did after compaction folded it away, and still shows the others’ edits', async () => {
    const { ana, beto, docId, a, b } = await twoRowsThenBetosVisit();
    await ana.api.post(`/api/documents/${docId}/visit`);

    // Beto types, adds a row, edits Ana's row and removes one; Ana adds a row of her own.
    const t = textContaining(b.doc, 'cómo se medirá');
    t.insert(plain(t).length, ' Con metas trimestrales.');
    insertActivity(b.doc, { id: 'act-b', title: 'De Beto' });
    getActivities(b.doc).get(0).set('status', 'in_progress');
    getActivities(b.doc).delete(1, 1);
    insertActivity(a.doc, { id: 'act-a2', title: 'Otra de Ana' });
    await waitFor(
      async () => {
        const stored = (await beto.api.get(`/api/documents/${docId}/export?format=json`)).body as { body: string; activities: Array<{ title: string; status: string }> };
        const titles = stored.activities.map((r) => r.title);
        return stored.body.includes('Con metas trimestrales.') && titles.includes('De Beto') && titles.includes('Otra de Ana') && !titles.includes('Por quitar') && stored.activities.some((r) => r.status === 'in_progress');
      },
      10_000,
      'both people’s edits stored',
    );
    // Every log entry, Beto's included, is folded into the snapshot: only what compaction kept says who wrote what.
    // The export above reads the live plan: its last updates may still wait for their group commit, and would land
    // in the log after the fold.
    await server.services.hub.updateLog.whenStored();
    const db = server.services.database.db;
    expect(await compactDocument(db, docId)).toBeGreaterThan(0);
    expect(await db.select().from(documentUpdates).where(eq(documentUpdates.documentId, docId))).toHaveLength(0);
    const changes = (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body;
    expect(changes).toMatchObject({ addedActivityIds: ['act-a2'], changedActivityIds: [], removedActivities: 0, changedSections: [] });
    // Ana, on her side, is told all of Beto's edits and none of hers: the row he added, hers he changed, the one he removed.
    const hers = (await ana.api.get(`/api/documents/${docId}/changes-since-visit`)).body;
    expect(hers).toMatchObject({ addedActivityIds: ['act-b'], changedActivityIds: ['act-a'], removedActivities: 1, changedSections: ['Indicadores'] });
  });

  it('since your last visit tells activities others added from those they changed or removed, also after a visit to a plan without activities and after one kept before digests', async () => {
    const { ana, beto, docId } = await group();
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(a);
    await waitSynced(a);
    const changes = async () => (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body;
    const stored = async (check: (rows: Array<{ id: string; title: string; status: string }>) => boolean) =>
      waitFor(async () => check((await beto.api.get(`/api/documents/${docId}/export?format=json`)).body?.activities ?? []), 5000, 'rows stored');

    // Beto's visit finds no activities: both of Ana's are new to him, not changed.
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    insertActivity(a.doc, { id: 'act-1', title: 'Capacitación' });
    insertActivity(a.doc, { id: 'act-2', title: 'Campaña' });
    // Filled in after it was added: still one new activity.
    getActivities(a.doc).get(1).set('status', 'in_progress');
    await stored((rows) => rows.some((r) => r.id === 'act-2' && r.status === 'in_progress'));
    expect(await changes()).toMatchObject({ addedActivityIds: ['act-1', 'act-2'], changedActivityIds: [], removedActivities: 0 });

    // Next visit: one changed, one added, one removed, each told as such.
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    getActivities(a.doc).get(0).set('status', 'done');
    insertActivity(a.doc, { id: 'act-3', title: 'Taller' });
    getActivities(a.doc).delete(1, 1);
    await stored((rows) => rows.map((r) => r.id).join() === 'act-1,act-3' && rows[0].status === 'done');
    expect(await changes()).toMatchObject({ addedActivityIds: ['act-3'], changedActivityIds: ['act-1'], removedActivities: 1 });

    // A visit stored before digests were kept (null): the rows alone tell what was added.
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    const db = server.services.database.db;
    await db.update(documentVisits).set({ activityDigests: null }).where(and(eq(documentVisits.userId, beto.id), eq(documentVisits.documentId, docId)));
    getActivities(a.doc).get(1).set('title', 'Taller regional');
    insertActivity(a.doc, { id: 'act-4', title: 'Foro' });
    await stored((rows) => rows.length === 3 && rows[1].title === 'Taller regional');
    expect(await changes()).toMatchObject({ addedActivityIds: ['act-4'], changedActivityIds: ['act-3'], removedActivities: 0 });
  });

  it('the daily digest writes one outbox row per user with news, mails it once, and retries failed sends', async () => {
    const { ana, beto, eli, docId } = await group();
    await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Urgente @FGR' });
    await ana.api.post(`/api/documents/${docId}/comments`, { body: `Y @{${eli.id}}` });
    await ana.api.post(`/api/documents/${docId}/comments`, { body: `Otra vez @{${beto.id}}` });
    const sent: MailMessage[] = [];
    let failFor: string | undefined = eli.email;
    const sender: MailSender = {
      kind: 'test',
      send: async (m) => {
        if (m.to === failFor) throw new Error('smtp down');
        sent.push(m);
      },
    };
    const db = server.services.database.db;
    await runDigestNow(db, sender, { publicOrigin: 'https://enlace.example' });
    const betoMail = sent.filter((m) => m.to === beto.email);
    expect(betoMail.length).toBe(1);
    expect(betoMail[0].subject).toBe('Enlace: 2 notificaciones sin leer');
    expect(betoMail[0].text).toContain('Hola, Beto');
    expect(betoMail[0].text).toContain('Le mencionaron · Mesa de trata de personas · Plan de trabajo 2027');
    // «Urgente @FGR» named his organization, and the mail says so, as the inbox does.
    expect(betoMail[0].text).toContain('Mencionaron a su institución · Mesa de trata de personas · Plan de trabajo 2027');
    expect(betoMail[0].text).toContain('https://enlace.example/inbox');
    expect(sent.some((m) => m.to === eli.email || m.to === ana.email)).toBe(false);
    sent.length = 0;
    failFor = undefined;
    await runDigestNow(db, sender, { publicOrigin: 'https://enlace.example' });
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[eli.email, 'Enlace: 1 notificación sin leer']]);
    sent.length = 0;
    await ana.api.post(`/api/documents/${docId}/comments`, { body: `Nueva @{${beto.id}}` });
    await runDigestNow(db, sender, { publicOrigin: 'https://enlace.example' });
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[beto.email, 'Enlace: 1 notificación sin leer']]);
  });
});
