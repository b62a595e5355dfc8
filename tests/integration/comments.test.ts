import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, getBody, insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { plain, resolveAnchorText, textAnchor, textContaining } from '../helpers/comments.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('anchored comments on $name', (backend) => {
  let server: TestServer;
  let world: World;
  const clients: YClient[] = [];
  beforeAll(async () => {
    // The default burst (30 comments at once) with a sustained rate low enough that no comment's token refills while
    // a test posts: the limit test then does not depend on how fast the backend answers. Other tests post a few each.
    server = await startTestServer({ ...(await backend.fresh()), limits: { commentsPerMinute: 1 } });
    world = await createWorld(server.url);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(async () => {
    await server?.close();
  });
  const connect = async (documentId: string, token?: string) => {
    const c = connectYjs(server.wsUrl, documentId, token);
    clients.push(c);
    await waitSynced(c);
    return c;
  };

  /** A working group with a facilitator (SSPC), a member (FGR) and an observer (MUN-JUAREZ), and a plan. */
  async function group() {
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const olga = await world.user('Olga', 'MUN-JUAREZ');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    await world.addMember(ws, ana.api, olga.id, 'observer');
    const docId = await world.document(ana.api, ws);
    return { ana, beto, olga, ws, docId };
  }
  const listed = async (api: World['admin'], docId: string, status = 'all') => (await api.get(`/api/documents/${docId}/comments?status=${status}`)).body.comments as any[];

  it('a text anchor keeps pointing at the same words while another client types before, around and after them', async () => {
    const { ana, beto, ws, docId } = await group();
    const a = await connect(docId, ana.api.token);
    const b = await connect(docId, beto.api.token);
    const anchor = textAnchor(textContaining(a.doc, 'objetivos comunes'), 'objetivos comunes');
    const events = await connectEvents(server.url, beto.api.token!, ws);
    const seen = recordEvents(events, ['comment:created']);
    const created = await ana.api.post(`/api/documents/${docId}/comments`, { body: '¿Cuáles son?', anchor });
    expect(created.status).toBe(201);
    expect(created.body.comment).toMatchObject({ threadId: created.body.comment.id, parentId: null, authorId: ana.id, anchor, detached: false, deleted: false });
    await waitFor(() => seen.length === 1, 5000, 'comment:created');
    expect(seen[0].payload).toMatchObject({ workspaceId: ws, documentId: docId, comment: { id: created.body.comment.id } });
    events.close();

    // Beto edits the same paragraph: before the words, right at both edges, inside the sentence after them.
    const t = textContaining(b.doc, 'objetivos comunes');
    t.insert(0, 'Primero: ');
    const at = plain(t).indexOf('objetivos comunes');
    t.insert(at, 'los ');
    t.insert(at + 'los '.length + 'objetivos comunes'.length, ' y urgentes');
    t.delete(0, 'Primero: '.length);
    t.insert(plain(t).length, ' Con fechas.');
    const ta = textContaining(a.doc, 'objetivos comunes');
    ta.insert(0, 'Nota. ');
    const expected = plain(t);
    await waitFor(() => plain(textContaining(a.doc, 'objetivos')) === plain(textContaining(b.doc, 'objetivos')), 5000, 'convergence');
    expect(plain(textContaining(a.doc, 'objetivos'))).toBe(`Nota. ${expected}`);
    expect(resolveAnchorText(a.doc, anchor)).toBe('objetivos comunes');
    expect(resolveAnchorText(b.doc, anchor)).toBe('objetivos comunes');
    const late = await connect(docId, beto.api.token);
    expect(resolveAnchorText(late.doc, anchor)).toBe('objetivos comunes');
    const [listedComment] = await listed(beto.api, docId);
    expect(listedComment).toMatchObject({ id: created.body.comment.id, detached: false, anchor: { quote: 'objetivos comunes' } });
  });

  it('deleting the anchored words detaches the comment, which stays listed with its replies', async () => {
    const { ana, beto, docId } = await group();
    const a = await connect(docId, ana.api.token);
    const anchor = textAnchor(textContaining(a.doc, 'cómo se medirá'), 'cómo se medirá');
    const root = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Faltan metas', anchor })).body.comment;
    const reply = await ana.api.post(`/api/documents/${docId}/comments`, { body: 'De acuerdo', parentId: root.id });
    expect(reply.body.comment).toMatchObject({ threadId: root.id, parentId: root.id, anchor: null });
    const t = textContaining(a.doc, 'cómo se medirá');
    const at = plain(t).indexOf('cómo se medirá');
    t.delete(at - 1, 'cómo se medirá'.length + 2);
    expect(resolveAnchorText(a.doc, anchor)).toBeNull();
    await waitFor(async () => (await listed(beto.api, docId)).find((c) => c.id === root.id)?.detached === true, 5000, 'detached');
    const all = await listed(beto.api, docId);
    expect(all.map((c) => [c.id, c.body, c.detached])).toEqual([
      [root.id, 'Faltan metas', true],
      [reply.body.comment.id, 'De acuerdo', false],
    ]);
  });

  it('an activity anchor survives edits of its row and detaches when the row is deleted', async () => {
    const { ana, beto, docId } = await group();
    const a = await connect(docId, ana.api.token);
    insertActivity(a.doc, { id: 'act-capacitacion', title: 'Capacitación a fiscales' });
    insertActivity(a.doc, { id: 'act-campana', title: 'Campaña' });
    const anchor = { type: 'activity', activityId: 'act-capacitacion', field: 'title' };
    const created = await beto.api.post(`/api/documents/${docId}/comments`, { body: '¿Cuántos fiscales?', anchor });
    expect(created.status).toBe(201);
    await waitFor(async () => (await listed(ana.api, docId))[0]?.detached === false, 5000, 'row known to the server');
    const row = getActivities(a.doc).get(0);
    row.set('title', 'Capacitación a 200 fiscales');
    row.set('status', 'in_progress');
    getActivities(a.doc).delete(1, 1);
    const check = await connect(docId, beto.api.token);
    await waitFor(() => readActivities(check.doc).length === 1, 5000, 'edits stored');
    expect((await listed(ana.api, docId))[0]).toMatchObject({ id: created.body.comment.id, detached: false, anchor });
    getActivities(a.doc).delete(0, 1);
    await waitFor(async () => (await listed(ana.api, docId))[0]?.detached === true, 5000, 'detached after row deletion');
  });

  it('validates bodies and anchors; a reply carries no anchor', async () => {
    const { ana, docId } = await group();
    const post = (body: unknown) => ana.api.post(`/api/documents/${docId}/comments`, body);
    expect((await post({ body: '   ' })).status).toBe(400);
    // Only characters that show nothing (zero-width spaces, a soft hyphen, a word joiner): an empty comment too.
    const invisible = await post({ body: '\u200b\u200b' });
    expect([invisible.status, invisible.body.error.details?.[0]?.issue]).toEqual([400, 'invisible_only']);
    expect((await post({ body: '\u00ad\u2060\ufeff\u200d' })).status).toBe(400);
    expect((await post({ body: '\u200bsí' })).status).toBe(201);
    expect((await post({ body: 'x'.repeat(10001) })).status).toBe(400);
    expect((await post({ body: 'x'.repeat(10000) })).status).toBe(201);
    expect((await post({ body: 'hola', anchor: { type: 'text', start: '%%%', end: 'AAAA', quote: 'q' } })).body.error.code).toBe('validation_failed');
    expect((await post({ body: 'hola', anchor: { type: 'page', n: 1 } })).status).toBe(400);
    // Positions Yjs decodes but cannot resolve (an unknown kind: it threw, 500) or that name a root other than the
    // body (resolving one would create that root in the plan): refused like malformed bytes.
    const unknownKind = Buffer.from([3]).toString('base64');
    const otherRoot = Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('intruso'), 0))).toString('base64');
    for (const start of [unknownKind, otherRoot]) {
      const res = await post({ body: 'hola', anchor: { type: 'text', start, end: start, quote: 'q' } });
      expect(res.status, start).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    // A quote that is not the words its anchor covers would show made-up words as the plan's: refused, even when
    // it only adds or drops a word ("no"). The same words, however spaced, are taken.
    const y = connectYjs(server.wsUrl, docId, ana.api.token);
    clients.push(y);
    await waitSynced(y);
    const onWords = textAnchor(textContaining(y.doc, 'cómo se medirá'), 'cómo se medirá');
    const spoofed = await post({ body: 'hola', anchor: { ...onWords, quote: 'TEXTO FALSO' } });
    expect([spoofed.status, spoofed.body.error?.details?.[0]?.issue]).toEqual([400, 'quote_mismatch']);
    expect((await post({ body: 'hola', anchor: onWords })).status).toBe(201);
    expect((await post({ body: 'hola', anchor: { ...onWords, quote: 'cómo se  medirá\n' } })).status).toBe(201);
    for (const quote of ['cómo no se medirá', 'cómo medirá']) expect((await post({ body: 'hola', anchor: { ...onWords, quote } })).status, quote).toBe(400);
    // A selection longer than a quote keeps is quoted by its first 2,000 characters, and taken so.
    const long = 'Coordinación interinstitucional. '.repeat(70);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(long)]);
    getBody(y.doc).push([paragraph]);
    const whole = textAnchor(textContaining(y.doc, long.slice(0, 40)), long);
    await waitFor(async () => String((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body?.body).includes(long.slice(0, 60)), 5000, 'the long paragraph stored');
    expect((await post({ body: 'largo', anchor: { ...whole, quote: long.slice(0, 2000) } })).status).toBe(201);
    expect((await post({ body: 'largo', anchor: { ...whole, quote: long.slice(0, 1999) } })).status).toBe(400);
    const root = (await post({ body: 'raíz' })).body.comment;
    const bad = await post({ body: 'respuesta', parentId: root.id, anchor: { type: 'activity', activityId: 'x' } });
    expect(bad.status).toBe(400);
    expect((await post({ body: 'respuesta', parentId: 'cmt_nope' })).status).toBe(404);
  });

  it('another working group’s user gets 404 on every comment route, even an instance admin', async () => {
    const { ana, docId } = await group();
    const root = (await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Interno' })).body.comment;
    const outsider = await world.user('Xavier', 'FGR');
    await world.workspace(outsider.api, 'Otra mesa');
    for (const api of [outsider.api, world.admin]) {
      const calls = [
        await api.get(`/api/documents/${docId}/comments`),
        await api.post(`/api/documents/${docId}/comments`, { body: 'hola' }),
        await api.post(`/api/documents/${docId}/comments`, { body: 'hola', parentId: root.id }),
        await api.patch(`/api/comments/${root.id}`, { body: 'cambio' }),
        await api.delete(`/api/comments/${root.id}`),
        await api.post(`/api/comments/${root.id}/resolve`),
        await api.post(`/api/comments/${root.id}/reopen`),
        await api.post(`/api/documents/${docId}/visit`),
        await api.get(`/api/documents/${docId}/changes-since-visit`),
      ];
      expect(calls.map((c) => c.status)).toEqual(Array(calls.length).fill(404));
      expect(calls.every((c) => c.body.error.code === 'not_found')).toBe(true);
    }
    expect((await listed(ana.api, docId)).map((c) => c.body)).toEqual(['Interno']);
  });

  it('only the author edits; author or facilitator deletes and the thread keeps a marker', async () => {
    const { ana, beto, olga, ws, docId } = await group();
    const events = await connectEvents(server.url, olga.api.token!, ws);
    const seen = recordEvents(events, ['comment:updated']);
    const root = (await olga.api.post(`/api/documents/${docId}/comments`, { body: 'Como observadora: falta el municipio' })).body.comment;
    const reply = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Lo agregamos', parentId: root.id })).body.comment;
    for (const api of [ana.api, beto.api]) {
      const r = await api.patch(`/api/comments/${root.id}`, { body: 'otra cosa' });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    const edited = await olga.api.patch(`/api/comments/${root.id}`, { body: 'Falta el municipio de Juárez' });
    expect(edited.status).toBe(200);
    expect(edited.body.comment.body).toBe('Falta el municipio de Juárez');
    expect(edited.body.comment.editedAt).toEqual(expect.any(String));
    expect((await olga.api.delete(`/api/comments/${reply.id}`)).status).toBe(403);
    expect((await ana.api.delete(`/api/comments/${root.id}`)).status).toBe(204);
    expect((await olga.api.patch(`/api/comments/${root.id}`, { body: 'otra vez' })).status).toBe(409);
    expect((await beto.api.delete(`/api/comments/${reply.id}`)).status).toBe(204);
    const all = await listed(olga.api, docId);
    expect(all.map((c) => ({ id: c.id, body: c.body, deleted: c.deleted, threadId: c.threadId }))).toEqual([
      { id: root.id, body: '', deleted: true, threadId: root.id },
      { id: reply.id, body: '', deleted: true, threadId: root.id },
    ]);
    await waitFor(() => seen.length === 3, 5000, 'comment:updated ×3');
    expect(seen.map((e) => [e.payload.comment.id, e.payload.comment.deleted])).toEqual([
      [root.id, false],
      [root.id, true],
      [reply.id, true],
    ]);
    events.close();
  });

  it('resolves and reopens threads: members and facilitators any, an observer only their own; a reply reopens', async () => {
    const { ana, beto, olga, ws, docId } = await group();
    const events = await connectEvents(server.url, ana.api.token!, ws);
    const seen = recordEvents(events, ['comment:resolved']);
    const anas = (await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Hilo de Ana' })).body.comment;
    const olgas = (await olga.api.post(`/api/documents/${docId}/comments`, { body: 'Hilo de Olga' })).body.comment;
    const reply = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Respuesta', parentId: anas.id })).body.comment;
    expect((await olga.api.post(`/api/comments/${anas.id}/resolve`)).status).toBe(403);
    const resolved = await beto.api.post(`/api/comments/${reply.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.comment).toMatchObject({ id: anas.id, resolvedById: beto.id, resolvedAt: expect.any(String) });
    expect((await olga.api.post(`/api/comments/${olgas.id}/resolve`)).status).toBe(200);
    expect((await listed(ana.api, docId, 'open')).map((c) => c.id)).toEqual([]);
    expect((await listed(ana.api, docId, 'resolved')).map((c) => [c.id, c.resolvedById])).toEqual([
      [anas.id, beto.id],
      [olgas.id, olga.id],
      [reply.id, beto.id],
    ]);
    expect((await olga.api.post(`/api/comments/${olgas.id}/reopen`)).status).toBe(200);
    expect((await olga.api.post(`/api/comments/${anas.id}/reopen`)).status).toBe(403);
    // Nor does her reply reopen it: the reply is stored in the thread, which stays resolved.
    const olgasReply = await olga.api.post(`/api/documents/${docId}/comments`, { body: 'Una nota', parentId: anas.id });
    expect(olgasReply.status).toBe(201);
    expect((await listed(ana.api, docId, 'resolved')).map((c) => c.id)).toEqual([anas.id, reply.id, olgasReply.body.comment.id]);
    await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Sigo con dudas', parentId: anas.id });
    expect((await listed(ana.api, docId, 'resolved')).map((c) => c.id)).toEqual([]);
    expect((await listed(ana.api, docId, 'open')).length).toBe(5);
    await waitFor(() => seen.length === 4, 5000, 'comment:resolved ×4');
    expect(seen.map((e) => [e.payload.threadId, e.payload.resolved])).toEqual([
      [anas.id, true],
      [olgas.id, true],
      [olgas.id, false],
      [anas.id, false],
    ]);
    events.close();
  });

  it('tells a thread’s author that someone else resolved it, with the thread’s words; resolving one’s own tells nobody', async () => {
    const { ana, beto, olga, ws, docId } = await group();
    const events = await connectEvents(server.url, ana.api.token!, ws);
    const pushed = recordEvents(events, ['notification:created']);
    const anas = (await ana.api.post(`/api/documents/${docId}/comments`, { body: '¿Quién convoca la sesión de Tapachula?' })).body.comment;
    const betos = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Hilo de Beto' })).body.comment;
    expect((await beto.api.post(`/api/comments/${anas.id}/resolve`)).status).toBe(200);
    expect((await beto.api.post(`/api/comments/${betos.id}/resolve`)).status).toBe(200);
    const resolvedNotices = async (api: typeof ana.api) =>
      ((await api.get('/api/notifications')).body.notifications as Array<{ kind: string; workspaceId: string; target: Record<string, unknown>; excerpt?: string | null }>).filter((n) => n.kind === 'thread_resolved');
    const anaGot = await resolvedNotices(ana.api);
    expect(anaGot).toHaveLength(1);
    expect(anaGot[0]).toMatchObject({ workspaceId: ws, excerpt: '¿Quién convoca la sesión de Tapachula?', target: { type: 'comment', documentId: docId, commentId: anas.id, threadId: anas.id, actorId: beto.id } });
    await waitFor(() => pushed.some((e) => e.payload.notification?.kind === 'thread_resolved'), 5000, 'the notification, live');
    expect(await resolvedNotices(beto.api)).toEqual([]);
    expect(await resolvedNotices(olga.api)).toEqual([]);
    // Reopened and resolved again by someone else: told again.
    expect((await ana.api.post(`/api/comments/${anas.id}/reopen`)).status).toBe(200);
    expect((await beto.api.post(`/api/comments/${anas.id}/resolve`)).status).toBe(200);
    expect(await resolvedNotices(ana.api)).toHaveLength(2);
    events.close();
  });

  it('a person posting comments too fast gets 429 with Retry-After: nothing stored, notified or audited; others still comment', async () => {
    const { ana, beto, olga, ws, docId } = await group();
    const post = (api: World['admin'], body: Record<string, unknown>) => api.post(`/api/documents/${docId}/comments`, body);
    const unread = async () => (await beto.api.get('/api/notifications/unread-counts')).body.total as number;
    // Every comment mentions Beto's organization: each one that gets through notifies him.
    const first = (await post(ana.api, { body: 'Aviso 1 @FGR' })).body.comment;
    for (let i = 2; i <= 30; i++) expect((await post(ana.api, { body: `Aviso ${i} @FGR` })).status, `comment ${i}`).toBe(201);
    expect(await unread()).toBe(30);

    const refused = await post(ana.api, { body: 'Aviso 31 @FGR' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    const retryAfter = refused.headers.get('retry-after');
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    expect(refused.body.error.message).toContain(`try again in ${retryAfter} second`);
    // A reply creates a comment too.
    const reply = await post(ana.api, { body: 'Respuesta @FGR', parentId: first.id });
    expect(reply.status).toBe(429);
    expect(reply.body.error.code).toBe('rate_limited');
    // So does an edit: each one could notify newly mentioned people.
    const edit = await ana.api.patch(`/api/comments/${first.id}`, { body: 'Aviso 1 editado @SSPC @MUN-JUAREZ' });
    expect(edit.status).toBe(429);
    expect(edit.body.error.code).toBe('rate_limited');
    expect(edit.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);

    const bodies = (await listed(beto.api, docId)).map((c) => c.body);
    expect(bodies.length).toBe(30);
    expect(bodies).toContain('Aviso 1 @FGR');
    expect(bodies).not.toContain('Aviso 31 @FGR');
    expect(bodies).not.toContain('Respuesta @FGR');
    expect(await unread()).toBe(30);
    const audit = await ana.api.get(`/api/workspaces/${ws}/audit?limit=500`);
    expect(audit.body.events.filter((e: any) => e.action === 'comment.created').length).toBe(30);
    expect(audit.body.events.filter((e: any) => e.action === 'comment.edited')).toEqual([]);

    // The limit is Ana's alone.
    const other = await post(olga.api, { body: 'Otra persona @FGR' });
    expect(other.status).toBe(201);
    expect(await unread()).toBe(31);
  });

  it('every comment write is in the audit trail', async () => {
    const { ana, beto, ws, docId } = await group();
    const c = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Uno @SSPC' })).body.comment;
    await beto.api.patch(`/api/comments/${c.id}`, { body: 'Uno editado' });
    await ana.api.post(`/api/comments/${c.id}/resolve`);
    await ana.api.post(`/api/comments/${c.id}/reopen`);
    await ana.api.delete(`/api/comments/${c.id}`);
    await ana.api.post(`/api/documents/${docId}/visit`);
    const audit = await ana.api.get(`/api/workspaces/${ws}/audit?limit=20`);
    const mine = audit.body.events.filter((e: any) => e.target.id === c.id || e.action === 'document.visited').reverse();
    expect(mine.map((e: any) => [e.action, e.actorId])).toEqual([
      ['comment.created', beto.id],
      ['comment.edited', beto.id],
      ['comment.resolved', ana.id],
      ['comment.reopened', ana.id],
      ['comment.deleted', ana.id],
      ['document.visited', ana.id],
    ]);
    expect(mine[0].changes).toMatchObject({ documentId: docId, mentions: { userIds: [], organizationIds: [world.orgs.SSPC.id] } });
    expect(JSON.stringify(mine)).not.toContain('Uno editado');
  });

  it('an edit with the same words and mentions again is answered, not recorded or announced', async () => {
    const { ana, beto, ws, docId } = await group();
    const path = `/api/comments/${(await beto.api.post(`/api/documents/${docId}/comments`, { body: `Revisar con @{${ana.id}}` })).body.comment.id}`;
    const events = await connectEvents(server.url, ana.api.token!, ws);
    const seen = recordEvents(events, ['comment:updated']);
    const edit = { body: `Revisar la meta con @{${ana.id}}` };
    // The mention listed as well as written is the same mention.
    const sent = [await beto.api.patch(path, edit), await beto.api.patch(path, edit), await beto.api.patch(path, { ...edit, mentions: { userIds: [ana.id], organizationIds: [] } })];
    expect(sent.map((r) => [r.status, r.body.comment.body, r.body.comment.mentions.userIds])).toEqual(Array(3).fill([200, edit.body, [ana.id]]));
    expect(new Set(sent.map((r) => r.body.comment.editedAt)).size).toBe(1);
    const edits = async () => ((await ana.api.get(`/api/workspaces/${ws}/audit?action=comment.edited`)).body.events as Array<{ target: { id: string }; changes: { length: unknown } }>).filter((e) => path.endsWith(e.target.id));
    expect(await edits()).toHaveLength(1);
    // A real change is still recorded and announced.
    expect((await beto.api.patch(path, { body: 'Revisar la meta' })).status).toBe(200);
    expect((await edits()).map((e) => e.changes.length)).toEqual([{ from: edit.body.length, to: 'Revisar la meta'.length }, { from: 'Revisar con @{}'.length + ana.id.length, to: edit.body.length }]);
    await waitFor(() => seen.length === 2, 5000, 'two comment:updated');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((e) => e.payload.comment.body)).toEqual([edit.body, 'Revisar la meta']);
    events.close();
  });

  it('puts a thread back on its words when an edit re-created them, and only on those words, by someone who edits the plan', async () => {
    const { ana, beto, olga, ws, docId } = await group();
    const a = await connect(docId, ana.api.token);
    const quote = 'objetivos comunes';
    const created = await beto.api.post(`/api/documents/${docId}/comments`, { body: '¿Cuáles?', anchor: textAnchor(textContaining(a.doc, quote), quote) });
    const id = created.body.comment.id as string;
    // What the editor's binding does on Enter before the words: they leave the paragraph for a new one.
    const t = textContaining(a.doc, quote);
    const at = plain(t).indexOf('los ');
    const rest = plain(t).slice(at);
    a.doc.transact(() => {
      t.delete(at, rest.length);
      const body = t.parent!.parent as Y.XmlFragment;
      const index = body.toArray().indexOf(t.parent as Y.XmlElement);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(rest)]);
      body.insert(index + 1, [p]);
    });
    await waitFor(async () => (await listed(ana.api, docId)).find((c) => c.id === id)?.detached === true, 5000, 'detached by the split');

    const moved = textAnchor(textContaining(a.doc, quote), quote);
    const put = (api: World['admin'], anchor: unknown, commentId = id) => api.request('PUT', `/api/comments/${commentId}/anchor`, { anchor });
    // Other words, even with the right quote: refused.
    const elsewhere = { ...textAnchor(textContaining(a.doc, 'líneas de trabajo acordadas'), 'líneas de trabajo acordadas'), quote };
    const wrong = await put(ana.api, elsewhere);
    expect([wrong.status, wrong.body.error.details[0].issue]).toEqual([400, 'quote_mismatch']);
    expect((await put(olga.api, moved)).status).toBe(403);
    const outsider = await world.user('Xavier', 'FGE-CHIH');
    expect((await put(outsider.api, moved)).status).toBe(404);
    const plainThread = await ana.api.post(`/api/documents/${docId}/comments`, { body: 'En general' });
    expect((await put(ana.api, moved, plainThread.body.comment.id)).status).toBe(400);

    const events = await connectEvents(server.url, beto.api.token!, ws);
    const seen = recordEvents(events, ['comment:updated']);
    const ok = await put(ana.api, moved);
    expect(ok.status).toBe(200);
    expect(ok.body.comment).toMatchObject({ id, detached: false, anchor: { quote } });
    // The same anchor again (a retry, another tab putting it back too): answered, not recorded or announced again.
    const repeat = await put(beto.api, moved);
    expect([repeat.status, repeat.body.comment]).toEqual([200, ok.body.comment]);
    expect((await listed(beto.api, docId)).find((c) => c.id === id)).toMatchObject({ detached: false, body: '¿Cuáles?', authorId: beto.id });
    await waitFor(() => seen.length > 0, 5000, 'comment:updated');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(1);
    events.close();
    const trail = (await ana.api.get(`/api/workspaces/${ws}/audit?limit=100`)).body.events as Array<{ action: string; target: { id: string } }>;
    expect(trail.filter((e) => e.action === 'comment.reanchored').map((e) => e.target.id)).toEqual([id]);
    // A deleted comment is not moved: 409, as editing it answers.
    expect((await beto.api.delete(`/api/comments/${id}`)).status).toBe(204);
    const gone = await put(ana.api, moved);
    expect([gone.status, gone.body.error.reason]).toEqual([409, 'comment_deleted']);
  });
});
