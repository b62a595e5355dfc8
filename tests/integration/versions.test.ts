import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyToMarkdown, getActivities, getBody, insertActivity, readPlanContent } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { plain, resolveAnchorText, textAnchor, textContaining } from '../helpers/comments.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, connectYjs, coveredBy, recordEvents, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

type Run = { op: 'equal' | 'insert' | 'delete'; text: string };

/** The XmlText of the first top-level block whose text starts with `prefix`. */
function textOf(doc: Y.Doc, prefix: string): Y.XmlText {
  for (const el of getBody(doc).toArray()) {
    if (el instanceof Y.XmlElement && el.get(0) instanceof Y.XmlText && el.get(0).toString().startsWith(prefix)) return el.get(0) as Y.XmlText;
  }
  throw new Error(`no block starts with ${prefix}`);
}

function rowOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  const row = getActivities(doc).toArray().find((r) => r.get('id') === id);
  if (!row) throw new Error(`no activity ${id}`);
  return row;
}

const joined = (runs: Run[], keep: 'insert' | 'delete') =>
  runs
    .filter((r) => r.op === 'equal' || r.op === keep)
    .map((r) => r.text)
    .join('');
const edits = (runs: Run[], op: 'insert' | 'delete') => runs.filter((r) => r.op === op).map((r) => r.text.trim());

describe.each(BACKENDS)('versions on $name', (backend) => {
  let server: TestServer | undefined;
  const clients: YClient[] = [];
  const sockets: Array<{ disconnect(): void }> = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    sockets.splice(0).forEach((s) => s.disconnect());
    await server?.close();
    server = undefined;
  });

  /** A group with a facilitator (SSPC) and a member (FGR), a plan, both connected with stock clients. */
  async function setup(limits = {}) {
    server = await startTestServer({ ...(await backend.fresh()), limits });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const beto = await world.user('Beto', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, ws);
    const a = connectYjs(server.wsUrl, docId, ana.api.token);
    const b = connectYjs(server.wsUrl, docId, beto.api.token);
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const events = await connectEvents(server.url, ana.api.token!, ws);
    sockets.push(events);
    const seen = recordEvents(events, ['document:saved', 'version:created']);
    const saved = (...docs: Y.Doc[]) =>
      waitFor(() => docs.every((d) => seen.some((e) => e.event === 'document:saved' && e.payload.documentId === docId && coveredBy(d, e.payload.stateVector))), 10000, 'saved');
    return { world, ana, beto, ws, docId, a, b, seen, saved };
  }

  const nameVersion = async (api: Api, docId: string, name: string) => {
    const r = await api.post(`/api/documents/${docId}/versions`, { name });
    expect(r.status).toBe(201);
    return r.body.version as { id: string; name: string; kind: string; createdAt: string; createdById: string };
  };

  it('diff shows exactly the typed and removed text, changed activity fields, and contributors of two organizations', async () => {
    const { ana, beto, docId, a, b, saved, ws, world } = await setup();
    insertActivity(a.doc, { id: 'act-1', title: 'Taller regional', stateCodes: ['08'] });
    insertActivity(a.doc, { id: 'act-3', title: 'Reunión a eliminar' });
    await saved(a.doc);
    const v1 = await nameVersion(ana.api, docId, 'Borrador 1');
    expect(v1).toMatchObject({ name: 'Borrador 1', kind: 'named', createdById: ana.id });
    expect(typeof v1.createdAt).toBe('string');
    const v1Text = bodyToMarkdown(getBody(a.doc));

    // Ana types inside the objectives; Beto removes words from the indicators and edits an activity.
    const objectives = textOf(a.doc, 'Describa los objetivos');
    objectives.insert(objectives.toString().indexOf('comunes') + 'comunes'.length, ' y medibles');
    const indicators = textOf(b.doc, 'Indique cómo');
    const at = indicators.toString().indexOf(' el avance');
    indicators.delete(at, ' el avance'.length);
    b.doc.transact(() => {
      rowOf(b.doc, 'act-1').set('title', 'Taller regional de análisis');
      rowOf(b.doc, 'act-1').set('status', 'in_progress');
    });
    insertActivity(a.doc, { id: 'act-2', title: 'Protocolo conjunto' });
    a.doc.transact(() => getActivities(a.doc).delete(getActivities(a.doc).toArray().findIndex((r) => r.get('id') === 'act-3'), 1));
    await waitFor(() => JSON.stringify(readPlanContent(a.doc)) === JSON.stringify(readPlanContent(b.doc)), 10000, 'convergence');
    await saved(a.doc, b.doc);

    const diff = await ana.api.get(`/api/documents/${docId}/diff?from=${v1.id}&to=current`);
    expect(diff.status).toBe(200);
    const body = diff.body.body as Run[];
    expect(edits(body, 'insert')).toEqual(['y medibles']);
    expect(edits(body, 'delete')).toEqual(['el avance']);
    // The runs rebuild each side's body exactly as the version's content and the JSON export show it.
    expect(joined(body, 'delete')).toBe(v1Text);
    expect(joined(body, 'delete')).toBe((await ana.api.get(`/api/versions/${v1.id}`)).body.content.body);
    expect(joined(body, 'insert')).toBe(bodyToMarkdown(getBody(a.doc)));
    expect(joined(body, 'insert')).toBe((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.body);
    expect(diff.body.activities.added.map((x: { id: string; title: string }) => [x.id, x.title])).toEqual([['act-2', 'Protocolo conjunto']]);
    expect(diff.body.activities.removed.map((x: { id: string }) => x.id)).toEqual(['act-3']);
    expect(diff.body.activities.changed).toEqual([
      { id: 'act-1', field: 'title', from: 'Taller regional', to: 'Taller regional de análisis', title: 'Taller regional de análisis' },
      { id: 'act-1', field: 'status', from: 'planned', to: 'in_progress', title: 'Taller regional de análisis' },
    ]);
    const contributors = (diff.body.contributors as Array<{ userId: string; organizationId: string }>).map((c) => ({ userId: c.userId, organizationId: c.organizationId }));
    expect(contributors).toHaveLength(2);
    expect(contributors).toEqual(expect.arrayContaining([{ userId: ana.id, organizationId: world.orgs.SSPC.id }, { userId: beto.id, organizationId: world.orgs.FGR.id }]));

    // The same between two named versions; nothing after the last one.
    const v2 = await nameVersion(beto.api, docId, 'Borrador 2');
    const between = await ana.api.get(`/api/documents/${docId}/diff?from=${v1.id}&to=${v2.id}`);
    expect(between.body.body).toEqual(body);
    expect(between.body.activities).toEqual(diff.body.activities);
    const since = await ana.api.get(`/api/documents/${docId}/diff?from=${v2.id}`);
    expect((since.body.body as Run[]).every((r) => r.op === 'equal')).toBe(true);
    expect(since.body.activities).toEqual({ added: [], removed: [], changed: [] });
    expect(since.body.contributors).toEqual([]);

    // A formatting change is a change too: Beto bolds the first word of the indicators paragraph.
    b.doc.transact(() => textOf(b.doc, 'Indicadores').format(0, 'Indicadores'.length, { bold: {} }));
    await waitFor(() => bodyToMarkdown(getBody(a.doc)) === bodyToMarkdown(getBody(b.doc)), 10000, 'the bold reaches Ana');
    await saved(b.doc);
    const bolded = (await ana.api.get(`/api/documents/${docId}/diff?from=${v2.id}`)).body;
    expect((bolded.body as Run[]).filter((r) => r.op !== 'equal').map((r) => r.op)).toContain('insert');
    expect(joined(bolded.body, 'insert')).toContain('**Indicadores**');
    expect(bolded.contributors.map((c: { userId: string }) => c.userId)).toEqual([beto.id]);

    // Reading a version gives its content; the list has both with their kinds, newest first.
    const read = await beto.api.get(`/api/versions/${v1.id}`);
    expect(read.body.content.body).toContain('Describa los objetivos comunes de la mesa.');
    expect(read.body.content.activities.map((x: { id: string }) => x.id)).toEqual(['act-1', 'act-3']);
    const list = await beto.api.get(`/api/documents/${docId}/versions`);
    expect(list.body.versions.map((v: { name: string; kind: string }) => [v.name, v.kind])).toEqual([
      ['Borrador 2', 'named'],
      ['Borrador 1', 'named'],
    ]);
    const audit = await ana.api.get(`/api/workspaces/${ws}/audit`);
    const created = audit.body.events.filter((e: { action: string }) => e.action === 'version.created');
    expect(created.map((e: { target: { id: string } }) => e.target.id).sort()).toEqual([v1.id, v2.id].sort());
  });

  it('diffs plan texts over the in-thread bound in the diff worker thread, with the same runs', async () => {
    const { ana, docId, a, saved } = await setup({ diffInThreadMaxChars: 0 });
    const v1 = await nameVersion(ana.api, docId, 'Antes');
    const v1Text = bodyToMarkdown(getBody(a.doc));
    const objectives = textOf(a.doc, 'Describa los objetivos');
    objectives.insert(objectives.toString().indexOf('comunes') + 'comunes'.length, ' y medibles');
    await saved(a.doc);
    expect(server!.services.textDiffer.workerRunning).toBe(false);
    const diff = await ana.api.get(`/api/documents/${docId}/diff?from=${v1.id}`);
    expect(diff.status).toBe(200);
    expect(edits(diff.body.body, 'insert')).toEqual(['y medibles']);
    expect(joined(diff.body.body, 'delete')).toBe(v1Text);
    expect(joined(diff.body.body, 'insert')).toBe(bodyToMarkdown(getBody(a.doc)));
    // Diffed in the worker (a worker that cannot start leaves the jobs to this thread, and none runs).
    expect(server!.services.textDiffer.workerRunning).toBe(true);
  });

  it('restore reaches two connected clients, their later edits merge, and restoring the automatic version undoes it', async () => {
    const { world, ws, ana, beto, docId, a, b, saved, seen } = await setup();
    insertActivity(a.doc, { id: 'act-1', title: 'Capacitación', stateCodes: ['08'] });
    await saved(a.doc);
    const v1 = await nameVersion(ana.api, docId, 'Acordada');
    const agreed = (await ana.api.get(`/api/versions/${v1.id}`)).body.content;

    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Texto posterior a la versión')]);
    getBody(a.doc).push([p]);
    rowOf(b.doc, 'act-1').set('title', 'Capacitación cambiada');
    insertActivity(b.doc, { id: 'act-9', title: 'Actividad nueva' });
    await waitFor(() => JSON.stringify(readPlanContent(a.doc)) === JSON.stringify(readPlanContent(b.doc)), 10000, 'convergence');
    await saved(a.doc, b.doc);
    const beforeRestore = readPlanContent(a.doc);
    expect(beforeRestore).not.toEqual(agreed);

    // Observers never change a plan; members edit it, so they may restore it (the backup makes it undoable).
    const dora = await world.user('Dora', 'FGE-CHIH');
    await world.addMember(ws, ana.api, dora.id, 'observer');
    expect((await dora.api.post(`/api/versions/${v1.id}/restore`)).status).toBe(403);
    const restored = await beto.api.post(`/api/versions/${v1.id}/restore`);
    expect(restored.status).toBe(200);
    const backup = restored.body.backupVersion;
    expect(backup).toMatchObject({ kind: 'auto', documentId: docId });
    await waitFor(() => [a, b].every((c) => JSON.stringify(readPlanContent(c.doc)) === JSON.stringify(agreed)), 5000, 'both clients show the restored version');
    await waitFor(() => seen.some((e) => e.event === 'version:created' && e.payload.version.id === backup.id), 5000, 'version:created for the backup');
    // Every version:created names its plan at the top, as the meeting's versions do (a page need not open `version`).
    const created = seen.filter((e) => e.event === 'version:created');
    expect(created.length).toBeGreaterThanOrEqual(2);
    expect(created.map((e) => e.payload.documentId)).toEqual(created.map(() => docId));

    // Later edits on both sides still merge.
    textOf(a.doc, 'Describa los objetivos').insert(0, 'Primero: ');
    insertActivity(b.doc, { id: 'act-10', title: 'Después de restaurar' });
    await waitFor(() => JSON.stringify(readPlanContent(a.doc)) === JSON.stringify(readPlanContent(b.doc)), 5000, 'convergence after restore');
    expect(readPlanContent(a.doc).body).toContain('Primero: Describa los objetivos');
    expect(readPlanContent(a.doc).activities.map((x) => x.id)).toEqual(['act-1', 'act-10']);
    await saved(a.doc, b.doc);

    // The backup holds exactly what was there before the restore; restoring it undoes the restore.
    expect((await ana.api.get(`/api/versions/${backup.id}`)).body.content).toEqual(beforeRestore);
    const undo = await ana.api.post(`/api/versions/${backup.id}/restore`);
    expect(undo.status).toBe(200);
    await waitFor(() => [a, b].every((c) => JSON.stringify(readPlanContent(c.doc)) === JSON.stringify(beforeRestore)), 5000, 'undo reaches both clients');
    const listed = (await ana.api.get(`/api/documents/${docId}/versions`)).body.versions as Array<{ kind: string; name: string }>;
    // Undoing a restore does not nest the backup's name in another «Antes de restaurar …».
    expect(listed.map((v) => [v.kind, v.name])).toEqual([
      ['auto', 'Antes de restaurar «Acordada»'],
      ['auto', 'Antes de restaurar «Acordada»'],
      ['named', 'Acordada'],
    ]);
    expect(undo.body.backupVersion.name).toBe('Antes de restaurar «Acordada»');
  });

  it('a comment on words of a paragraph stays attached when restoring a version undoes text appended to it', async () => {
    const { ana, beto, docId, a, b, saved } = await setup();
    const anchor = textAnchor(textContaining(a.doc, 'objetivos comunes'), 'objetivos comunes');
    const created = await ana.api.post(`/api/documents/${docId}/comments`, { body: '¿Cuáles?', anchor });
    expect(created.status).toBe(201);
    const v1 = await nameVersion(ana.api, docId, 'Antes del añadido');
    const agreed = (await ana.api.get(`/api/versions/${v1.id}`)).body.content;

    // Beto appends to the same paragraph, outside the commented words.
    const text = textContaining(b.doc, 'objetivos comunes');
    text.insert(plain(text).length, ' (añadido)');
    await waitFor(() => plain(textContaining(a.doc, 'objetivos comunes')).endsWith(' (añadido)'), 5000, 'the addition reaches Ana');
    await saved(a.doc, b.doc);

    // Restoring used to replace the whole paragraph, deleting the items the anchor points at.
    expect((await ana.api.post(`/api/versions/${v1.id}/restore`)).status).toBe(200);
    await waitFor(() => [a, b].every((c) => JSON.stringify(readPlanContent(c.doc)) === JSON.stringify(agreed)), 5000, 'both clients show the restored version');
    expect(readPlanContent(a.doc).body).toBe(agreed.body);
    expect(resolveAnchorText(a.doc, anchor)).toBe('objetivos comunes');
    const comments = (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ id: string; detached: boolean }>;
    expect(comments.find((c) => c.id === created.body.comment.id)).toMatchObject({ detached: false });
  });

  it('puts a comment back on its words when undoing a restore brings them back', async () => {
    const { ana, docId, a, b, saved } = await setup();
    const v1 = await nameVersion(ana.api, docId, 'Sin presupuesto');
    // A paragraph added after the version, and a comment on some of its words.
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Presupuesto de diez millones para talleres.')]);
    getBody(a.doc).push([p]);
    await waitFor(() => getBody(b.doc).toString().includes('diez millones'), 5000, 'the paragraph reaches Beto');
    await saved(a.doc, b.doc);
    const created = await ana.api.post(`/api/documents/${docId}/comments`, { body: '¿De dónde sale?', anchor: textAnchor(textContaining(a.doc, 'diez millones'), 'diez millones') });
    expect(created.status).toBe(201);
    const detached = async () => ((await ana.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ id: string; detached: boolean }>).find((c) => c.id === created.body.comment.id)?.detached;

    const restore = await ana.api.post(`/api/versions/${v1.id}/restore`);
    expect(restore.status).toBe(200);
    await waitFor(() => !getBody(a.doc).toString().includes('diez millones'), 5000, 'the paragraph goes');
    expect(await detached()).toBe(true);

    // Undoing the restore brings the same words back as new text: the comment follows them.
    expect((await ana.api.post(`/api/versions/${restore.body.backupVersion.id}/restore`)).status).toBe(200);
    await waitFor(() => getBody(a.doc).toString().includes('diez millones'), 5000, 'the paragraph is back');
    expect(await detached()).toBe(false);
    const comment = ((await ana.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ id: string; anchor: { start: string; end: string } }>).find((c) => c.id === created.body.comment.id)!;
    expect(resolveAnchorText(a.doc, comment.anchor)).toBe('diez millones');
    const audit = (await ana.api.get(`/api/workspaces/${(await ana.api.get(`/api/documents/${docId}`)).body.document.workspaceId}/audit`)).body.events as Array<{ action: string; target: { id: string } }>;
    expect(audit.some((e) => e.action === 'comment.reanchored' && e.target.id === created.body.comment.id)).toBe(true);
  });

  it('keeps what was typed between the backup and the restore: in the plan, and in the backup that undoes the restore', async () => {
    const { ana, beto, docId, a, b, saved } = await setup();
    const v1 = await nameVersion(ana.api, docId, 'Acordada');
    const text = textContaining(b.doc, 'objetivos comunes');
    text.insert(plain(text).length, ' (añadido)');
    await waitFor(() => plain(textContaining(a.doc, 'objetivos comunes')).endsWith(' (añadido)'), 5000, 'the addition reaches Ana');
    await saved(a.doc, b.doc);

    // Someone's typing reaches the server after the backup is taken and before the restore is worked out.
    const hub = server!.services.hub;
    const original = hub.changeFrom.bind(hub);
    // hub.change goes through changeFrom too: the typing is put in once, by the restore's call.
    hub.changeFrom = async (...args: Parameters<typeof hub.changeFrom>) => {
      hub.changeFrom = original;
      await hub.change(docId, null, (doc) => {
        const typed = textContaining(doc, 'objetivos comunes');
        typed.insert(plain(typed).length, ' tecleado-entre-tanto');
      });
      return original(...args);
    };
    const restored = await beto.api.post(`/api/versions/${v1.id}/restore`);
    hub.changeFrom = original;
    expect(restored.status).toBe(200);
    const current = (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.body as string;
    const backup = JSON.stringify((await ana.api.get(`/api/versions/${restored.body.backupVersion.id}`)).body.content);
    // Not deleted as "not in the version": it merges with the restore, and the backup that undoes it holds it too.
    expect(current).toContain('tecleado-entre-tanto');
    expect(current).not.toContain('(añadido)');
    expect(backup).toContain('tecleado-entre-tanto');
    expect(backup).toContain('(añadido)');
  });

  it('keeps in the backup what was typed into a replaced paragraph before the restore reached the typist', async () => {
    const { ana, docId, a, b, saved } = await setup();
    const v1 = await nameVersion(ana.api, docId, 'Acordada');
    // Rewritten past recognition: the restore replaces this paragraph rather than editing it in place.
    const text = textContaining(b.doc, 'objetivos comunes');
    text.insert(plain(text).length, ' reescrito'.repeat(40));
    await waitFor(() => plain(textContaining(a.doc, 'objetivos comunes')).endsWith(' reescrito'), 5000, 'the rewrite reaches Ana');
    await saved(a.doc, b.doc);

    // Beto's keystroke is in flight: typed on his copy, it reaches the server only after the restore landed.
    b.provider.disconnect();
    const typing = textContaining(b.doc, 'objetivos comunes');
    typing.insert(plain(typing).length, ' en-vuelo');
    const restored = await ana.api.post(`/api/versions/${v1.id}/restore`);
    expect(restored.status).toBe(200);
    const backupId = restored.body.backupVersion.id as string;
    const backupNow = JSON.stringify((await ana.api.get(`/api/versions/${backupId}`)).body.content);
    expect(backupNow).toContain('reescrito');
    expect(backupNow).not.toContain('en-vuelo');
    // Ana has the restore, and types at once, within the window, into a paragraph the restore left as it was: her
    // words are in the plan, and not in the backup, which is the plan before the restore (replayed on its older
    // text, such edits landed among its words).
    await waitFor(() => !plain(textContaining(a.doc, 'objetivos comunes')).includes('reescrito'), 5000, 'the restore reaches Ana');
    const keptText = textContaining(a.doc, 'líneas de trabajo acordadas');
    keptText.insert(plain(keptText).length, ' visto-ya');
    b.provider.connect();
    await waitSynced(b);
    await waitFor(() => JSON.stringify(readPlanContent(a.doc)) === JSON.stringify(readPlanContent(b.doc)), 5000, 'convergence');

    // Typed into the paragraph the restore deleted, it is hidden in the plan (as any edit into a block deleted
    // meanwhile), and the backup that undoes the restore takes it in.
    const current = (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.body as string;
    expect(current).not.toContain('reescrito');
    expect(current).not.toContain('en-vuelo');
    expect(current).toContain('visto-ya');
    await waitFor(async () => JSON.stringify((await ana.api.get(`/api/versions/${backupId}`)).body.content).includes('en-vuelo'), 10_000, 'the in-flight words in the backup');
    // The window is over: whatever it was going to take in, it has.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const backup = JSON.stringify((await ana.api.get(`/api/versions/${backupId}`)).body.content);
    expect(backup).toContain('reescrito en-vuelo');
    expect(backup).not.toContain('visto-ya');
    // Undoing the restore brings them back.
    expect((await ana.api.post(`/api/versions/${backupId}/restore`)).status).toBe(200);
    await waitFor(() => plain(textContaining(a.doc, 'objetivos comunes')).endsWith('reescrito en-vuelo'), 5000, 'the undo reaches Ana');
  });

  it('restores a plan over the in-thread bound in the restore worker thread, exactly, keeping anchors and edits made meanwhile', async () => {
    const { ana, beto, docId, a, b, saved } = await setup({ restoreInThreadMaxBytes: 0 });
    insertActivity(a.doc, { id: 'act-1', title: 'Capacitación', stateCodes: ['08'] });
    const anchor = textAnchor(textContaining(a.doc, 'objetivos comunes'), 'objetivos comunes');
    expect((await ana.api.post(`/api/documents/${docId}/comments`, { body: '¿Cuáles?', anchor })).status).toBe(201);
    await saved(a.doc);
    const v1 = await nameVersion(ana.api, docId, 'Acordada');
    const agreed = (await ana.api.get(`/api/versions/${v1.id}`)).body.content;

    const text = textContaining(b.doc, 'objetivos comunes');
    text.insert(plain(text).length, ' (añadido)');
    rowOf(b.doc, 'act-1').set('title', 'Capacitación cambiada');
    insertActivity(b.doc, { id: 'act-2', title: 'Actividad nueva' });
    await waitFor(() => JSON.stringify(readPlanContent(a.doc)) === JSON.stringify(readPlanContent(b.doc)), 5000, 'convergence');
    await saved(a.doc, b.doc);
    expect(server!.services.planRestorer.workerRunning).toBe(false);

    expect((await beto.api.post(`/api/versions/${v1.id}/restore`)).status).toBe(200);
    // Computed in the worker (a worker that cannot start leaves the jobs to this thread, and none runs).
    expect(server!.services.planRestorer.workerRunning).toBe(true);
    await waitFor(() => [a, b].every((c) => JSON.stringify(readPlanContent(c.doc)) === JSON.stringify(agreed)), 5000, 'both clients show the restored version');
    expect(resolveAnchorText(a.doc, anchor)).toBe('objetivos comunes');
    // A fresh client reads the same from the server, and restoring what is already there changes nothing.
    const fresh = connectYjs(server!.wsUrl, docId, ana.api.token);
    clients.push(fresh);
    await waitSynced(fresh);
    expect(readPlanContent(fresh.doc)).toEqual(agreed);
    const before = Y.encodeStateVector(a.doc);
    expect((await ana.api.post(`/api/versions/${v1.id}/restore`)).status).toBe(200);
    await saved(a.doc);
    expect(readPlanContent(a.doc)).toEqual(agreed);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(before);
  });

  it('a restore refused while its change is computed (503) leaves no backup and no restored audit event', async () => {
    const { ana, ws, world } = await setup({ restoreInThreadMaxBytes: 0 });
    // More restores at once than the restore worker queues (4): the others are refused with 503.
    const plans = await Promise.all(Array.from({ length: 12 }, () => world.document(ana.api, ws)));
    const named = await Promise.all(plans.map((d) => nameVersion(ana.api, d, 'Acordada')));
    const answers = await Promise.all(named.map((v) => ana.api.post(`/api/versions/${v.id}/restore`)));
    const refused = named.filter((_, i) => answers[i].status === 503);
    const done = named.filter((_, i) => answers[i].status === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length + done.length).toBe(named.length);

    // A refused restore wrote nothing: its backup («Antes de restaurar …», which a page reconnecting reads as a restore
    // it missed) and its "restored" audit event were left behind, as if the plan had been restored.
    const audit = (await ana.api.get(`/api/workspaces/${ws}/audit`)).body.events as Array<{ action: string; target: { id: string } }>;
    const restoredIds = audit.filter((e) => e.action === 'version.restored').map((e) => e.target.id);
    expect(restoredIds.sort()).toEqual(done.map((v) => v.id).sort());
    const kinds = async (v: { id: string }) => {
      const documentId = (await ana.api.get(`/api/versions/${v.id}`)).body.version.documentId as string;
      return (await ana.api.get(`/api/documents/${documentId}/versions`)).body.versions.map((x: { kind: string }) => x.kind);
    };
    for (const v of refused) expect(await kinds(v)).toEqual(['named']);
    for (const v of done) expect(await kinds(v)).toEqual(['auto', 'named']);
  });

  it('restores rows holding any Yjs value (a bigint) whole', async () => {
    const { ana, docId, a, b, saved } = await setup();
    insertActivity(a.doc, { id: 'act-big', title: 'Meta numérica', status: 'planned' });
    rowOf(a.doc, 'act-big').set('target', 10n);
    await saved(a.doc);
    const v1 = await nameVersion(ana.api, docId, 'Con meta');
    rowOf(a.doc, 'act-big').set('title', 'Meta cambiada');
    rowOf(a.doc, 'act-big').set('status', 'done');
    rowOf(a.doc, 'act-big').set('target', 11n);
    await waitFor(() => rowOf(b.doc, 'act-big').get('status') === 'done', 5000, 'the change reaches b');
    await saved(a.doc, b.doc);

    // Comparing values with JSON.stringify threw on the bigint halfway: 500, the title restored, the status not.
    const restored = await ana.api.post(`/api/versions/${v1.id}/restore`);
    expect(restored.status).toBe(200);
    await waitFor(() => rowOf(b.doc, 'act-big').get('status') === 'planned', 5000, 'the restore reaches b');
    expect(rowOf(b.doc, 'act-big').get('title')).toBe('Meta numérica');
    expect(rowOf(b.doc, 'act-big').get('target')).toBe(10n);
  });

  it('restores a version whose blocks and rows hold shared types in attributes and embeds', async () => {
    const { ana, docId, a, b, saved } = await setup();
    // What any client may write with the stock Yjs API (no editor does): a map as a block's attribute, a map embedded
    // in a text, an element with a map attribute as an activity's value.
    const heading = getBody(a.doc).get(0) as Y.XmlElement;
    const objectives = textOf(a.doc, 'Describa los objetivos');
    insertActivity(a.doc, { id: 'act-1', title: 'Con valores anidados' });
    a.doc.transact(() => {
      const attr = new Y.Map<unknown>();
      heading.setAttribute('data', attr as unknown as string);
      attr.set('k', 'v');
      const embed = new Y.Map<unknown>();
      objectives.insertEmbed(0, embed as unknown as Record<string, unknown>);
      embed.set('z', 1);
      const el = new Y.XmlElement('p');
      rowOf(a.doc, 'act-1').set('description', el);
      const inner = new Y.Map<unknown>();
      el.setAttribute('q', inner as unknown as string);
      inner.set('w', 2);
    });
    await saved(a.doc);
    const v1 = await nameVersion(ana.api, docId, 'Con tipos anidados');
    const agreed = (await ana.api.get(`/api/versions/${v1.id}`)).body.content;
    a.doc.transact(() => {
      getBody(a.doc).delete(0, getBody(a.doc).length);
      getActivities(a.doc).delete(0, getActivities(a.doc).length);
    });
    await waitFor(() => getBody(b.doc).length === 0, 5000, 'the deletion reaches b');
    await saved(a.doc);

    // Yjs's clone() copied those shared types by reference: integrating one twice threw, a 500 on every try.
    expect((await ana.api.post(`/api/versions/${v1.id}/restore`)).status).toBe(200);
    await waitFor(() => JSON.stringify(readPlanContent(b.doc)) === JSON.stringify(agreed), 5000, 'b shows the version');
    expect((getBody(b.doc).get(0) as Y.XmlElement).getAttribute('data')).toBeInstanceOf(Y.Map);
    expect(JSON.stringify(getBody(b.doc).toJSON())).toBe(JSON.stringify(getBody(a.doc).toJSON()));
  });

  it('restores activities whose id is a number or a Y.Text, as the plan reads them', async () => {
    const { ana, docId, a, b, saved } = await setup();
    const numeric = new Y.Map<unknown>();
    const typed = new Y.Map<unknown>();
    a.doc.transact(() => {
      getActivities(a.doc).push([numeric, typed]);
      numeric.set('id', 42);
      numeric.set('title', 'Fila con id numérico');
      typed.set('id', new Y.Text('act-texto'));
      typed.set('title', 'Fila con id de texto');
    });
    await saved(a.doc);
    const v1 = await nameVersion(ana.api, docId, 'Con ambas filas');
    // The version reads both rows; then both are deleted from the live plan.
    expect((await ana.api.get(`/api/versions/${v1.id}`)).body.content.activities.map((x: { id: string }) => x.id)).toEqual(['42', 'act-texto']);
    getActivities(a.doc).delete(0, getActivities(a.doc).length);
    await waitFor(() => getActivities(b.doc).length === 0, 5000, 'the delete reaches b');
    await saved(a.doc, b.doc);

    expect((await ana.api.post(`/api/versions/${v1.id}/restore`)).status).toBe(200);
    const titles = () => getActivities(b.doc).toArray().map((r) => r.get('title'));
    // restorePlan read only string ids: both rows were left out of the restore.
    await waitFor(() => titles().length === 2, 5000, 'the restored rows reach b');
    expect(titles()).toEqual(['Fila con id numérico', 'Fila con id de texto']);
    expect(getActivities(b.doc).get(0).get('id')).toBe(42);
  });

  it('makes an automatic version after the configured editing time', async () => {
    const { ana, docId, a, saved, seen } = await setup({ autoVersionAfterMs: 200 });
    textOf(a.doc, 'Describa los objetivos').insert(0, 'Uno. ');
    await saved(a.doc);
    await new Promise((r) => setTimeout(r, 300));
    textOf(a.doc, 'Uno. ').insert(0, 'Dos. ');
    await saved(a.doc);
    await waitFor(() => seen.some((e) => e.event === 'version:created' && e.payload.version.kind === 'auto'), 5000, 'automatic version');
    const [auto] = (await ana.api.get(`/api/documents/${docId}/versions`)).body.versions;
    expect(auto).toMatchObject({ kind: 'auto', createdById: null });
    expect((await ana.api.get(`/api/versions/${auto.id}`)).body.content.body).toContain('Dos. Uno. Describa');
  });

  it('counts the editing time for the next automatic version from a named version made meanwhile', async () => {
    const after = 3000;
    const { ana, docId, a, saved, seen } = await setup({ autoVersionAfterMs: after });
    textOf(a.doc, 'Describa los objetivos').insert(0, 'Uno. ');
    await saved(a.doc);
    const named = await nameVersion(ana.api, docId, 'Firmada');
    await new Promise((r) => setTimeout(r, Math.max(0, new Date(named.createdAt).getTime() + after + 100 - Date.now())));
    // This save finds the named version: the edits since it have gone on for the whole editing time...
    textOf(a.doc, 'Uno. ').insert(0, 'Dos. ');
    await saved(a.doc);
    // ...so the next saves make the automatic version (counting from the save above put it off another 3 s).
    for (const word of ['Tres. ', 'Cuatro. ', 'Cinco. ']) {
      await new Promise((r) => setTimeout(r, 300));
      textOf(a.doc, '').insert(0, word);
      await saved(a.doc);
    }
    await waitFor(() => seen.some((e) => e.event === 'version:created' && e.payload.version.kind === 'auto'), 10_000, 'automatic version');
    const kinds = (await ana.api.get(`/api/documents/${docId}/versions`)).body.versions.map((v: { kind: string }) => v.kind);
    expect(kinds).toEqual(['auto', 'named']);
  });

  it('focal points sign off named versions for their organization; others are refused', async () => {
    const { world, ana, beto, docId, ws } = await setup();
    const carla = await world.user('Carla', 'FGR');
    const olga = await world.user('Olga', 'FGE-CHIH');
    await world.addMember(ws, ana.api, beto.id, 'member', true);
    await world.addMember(ws, ana.api, carla.id, 'member');
    await world.addMember(ws, ana.api, olga.id, 'observer');
    const v = await nameVersion(ana.api, docId, 'Para firma');
    expect((await olga.api.post(`/api/documents/${docId}/versions`, { name: 'No' })).status).toBe(403);

    expect((await carla.api.post(`/api/versions/${v.id}/approvals`)).status).toBe(403);
    expect((await ana.api.post(`/api/versions/${v.id}/approvals`)).status).toBe(403);
    const approved = await beto.api.post(`/api/versions/${v.id}/approvals`);
    expect(approved.status).toBe(201);
    expect(approved.body.approval).toMatchObject({ versionId: v.id, organizationId: world.orgs.FGR.id, userId: beto.id });
    expect((await beto.api.post(`/api/versions/${v.id}/approvals`)).status).toBe(409);
    // An organization only observing is not asked to sign off (as a decision's quorum does not count it)...
    const asked = (await carla.api.get(`/api/versions/${v.id}`)).body.version.signOff.map((s: { organizationId: string }) => s.organizationId);
    expect(asked.sort()).toEqual([world.orgs.SSPC.id, world.orgs.FGR.id].sort());
    // ...nor can its observer be named focal point to sign for it (as it casts no stance on decisions).
    expect((await ana.api.put(`/api/workspaces/${ws}/members/${olga.id}`, { role: 'observer', focalPoint: true })).status).toBe(400);
    const observing = await olga.api.post(`/api/versions/${v.id}/approvals`);
    expect(observing.status).toBe(403);
    expect(observing.body.error.message).toMatch(/focal point/);

    const read = (await carla.api.get(`/api/versions/${v.id}`)).body.version;
    expect(read.approvals.map((x: { organizationId: string }) => x.organizationId)).toEqual([world.orgs.FGR.id]);
    const signOff = Object.fromEntries(read.signOff.map((s: { organizationId: string; approved: boolean }) => [s.organizationId, s.approved]));
    expect(signOff).toEqual({ [world.orgs.SSPC.id]: false, [world.orgs.FGR.id]: true });
    const listed = (await carla.api.get(`/api/documents/${docId}/versions`)).body.versions[0];
    expect(listed.approvals).toHaveLength(1);

    // Automatic versions are not signed off. Restoring a signed-off version answers it with its sign-offs.
    const restore = (await ana.api.post(`/api/versions/${v.id}/restore`)).body;
    expect(restore.version.approvals.map((x: { organizationId: string }) => x.organizationId)).toEqual([world.orgs.FGR.id]);
    expect(restore.version.signOff).toEqual(read.signOff);
    const backup = restore.backupVersion;
    expect((await beto.api.post(`/api/versions/${backup.id}/approvals`)).status).toBe(409);
    const audit = (await ana.api.get(`/api/workspaces/${ws}/audit`)).body.events as Array<{ action: string; target: { id: string }; organizationId: string }>;
    expect(audit.filter((e) => e.action === 'version.approved').map((e) => e.organizationId)).toEqual([world.orgs.FGR.id]);
    expect(audit.some((e) => e.action === 'version.restored' && e.target.id === v.id)).toBe(true);
  });

  it('answers 404 to another working group’s user on every version, diff and export route', async () => {
    const { world, ana, docId } = await setup();
    const v = await nameVersion(ana.api, docId, 'Privada');
    const xavier = await world.user('Xavier', 'MUN-JUAREZ');
    await world.workspace(xavier.api, 'Otra mesa');
    const x = xavier.api;
    const responses = [
      await x.get(`/api/documents/${docId}/versions`),
      await x.post(`/api/documents/${docId}/versions`, { name: 'Intruso' }),
      await x.get(`/api/versions/${v.id}`),
      await x.get(`/api/documents/${docId}/diff?from=${v.id}&to=current`),
      await x.post(`/api/versions/${v.id}/restore`),
      await x.post(`/api/versions/${v.id}/approvals`),
      ...(await Promise.all(['md', 'docx', 'pdf', 'json'].map((f) => x.get(`/api/documents/${docId}/export?format=${f}`)))),
      await x.get(`/api/documents/${docId}/export?format=json&version=${v.id}`),
    ];
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 404));
    expect(responses.every((r) => r.body.error.code === 'not_found')).toBe(true);
    // A version of one plan is not reachable through another plan's routes.
    const other = await world.document(ana.api, (await ana.api.get(`/api/documents/${docId}`)).body.document.workspaceId);
    expect((await ana.api.get(`/api/documents/${other}/diff?from=${v.id}`)).status).toBe(404);
    expect((await ana.api.get(`/api/documents/${other}/export?format=json&version=${v.id}`)).status).toBe(404);
  });
});
