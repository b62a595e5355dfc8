/**
 * Mentions in the web app: one picked in the comment box reads as the person's name while writing and reaches
 * them; one in the inbox leads to the conversation itself (the plan opens with that thread shown and active, and the
 * words it is about in view, clear of the editor's toolbar).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBody } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { textAnchor, textContaining } from '../helpers/comments.js';
import { socketSwitch } from '../helpers/pageSockets.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

describe('from a mention to its conversation', () => {
  const h = useBrowserWorld();

  it('shows a person picked in the comment box by name (never an id), and the comment reaches them', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const box = a.page.getByRole('textbox', { name: 'Escriba un comentario…' });
    await box.click();
    await a.page.keyboard.type('¿Puedes revisar esto, @Bet');
    await a.page.getByRole('option', { name: /@Beto Ruiz/ }).click();
    // A question mark typed at once takes the place of the space the mention brought.
    await a.page.keyboard.type('?');
    expect(await box.inputValue()).toBe('¿Puedes revisar esto, @Beto Ruiz?');
    await a.page.keyboard.type(' Gracias');
    expect(await box.inputValue()).toBe('¿Puedes revisar esto, @Beto Ruiz? Gracias');
    await a.page.getByRole('button', { name: 'Enviar' }).click();
    // Stored with the person's id, shown by name, and Beto is told.
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments.map((c: { body: string }) => c.body), { timeout: 10_000 }).toEqual([`¿Puedes revisar esto, @{${beto.id}}? Gracias`]);
    await expect.poll(() => a.page.locator('.comment-margin .comment-threads').innerText(), { timeout: 10_000 }).toContain('@Beto Ruiz');
    const told = (await beto.api.get('/api/notifications')).body.notifications as Array<{ kind: string }>;
    expect(told.map((n) => n.kind)).toEqual(['mention']);
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('opens the plan on the mentioned thread, even once it is resolved', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    for (let i = 1; i <= 3; i++) await ana.api.post(`/api/documents/${docId}/comments`, { body: `Comentario general ${i}` });
    const mention = (await ana.api.post(`/api/documents/${docId}/comments`, { body: `¿Puedes confirmar las fechas, @{${beto.id}}?` })).body.comment;
    expect((await ana.api.post(`/api/comments/${mention.id}/resolve`)).status).toBe(200);

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/inbox`);
    await b.page.getByRole('link', { name: 'Ana Torres le mencionó' }).click();
    await b.page.waitForURL((url) => url.pathname === `/w/${ws}/d/${docId}` && url.searchParams.get('thread') === mention.threadId);
    const thread = b.page.locator(`.comment-margin [data-thread-id="${mention.threadId}"]`);
    await thread.waitFor();
    await expect.poll(() => thread.getAttribute('class')).toContain('is-active');
    expect(await thread.innerText()).toContain('¿Puedes confirmar las fechas');
    // It was resolved: the list switched from "open" to all conversations so it could be shown.
    expect(await b.page.locator('.comment-margin select').first().inputValue()).toBe('all');
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('brings the words a linked thread is about into view, clear of the editor’s toolbar, whatever the margin holds', async () => {
    const ana = await h.world.user('Ana Lejos', 'SSPC');
    const beto = await h.world.user('Beto Lejos', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    await waitSynced(y);
    // A long plan; the thread is about words of its first section.
    for (let i = 0; i < 40; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`Párrafo de relleno ${i}.`)]);
      getBody(y.doc).push([p]);
    }
    const last = new Y.XmlElement('paragraph');
    last.insert(0, [new Y.XmlText('Coordinar con Ciudad Juárez al final.')]);
    getBody(y.doc).push([last]);
    // Beto has seen the plan before: what follows is news to him (the page says so beside the plan).
    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 800 } });
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await b.page.locator('[data-testid="plan-editor"] [contenteditable="true"]').waitFor();
    await b.page.waitForTimeout(500);
    await b.page.goto(`${h.base}/inbox`);
    for (let i = 1; i <= 12; i++) await ana.api.post(`/api/documents/${docId}/comments`, { body: `Comentario general ${i}: una nota bastante larga para que la columna de conversaciones crezca.` });
    const quote = 'objetivos comunes';
    const r = await ana.api.post(`/api/documents/${docId}/comments`, { body: `¿Incluimos a Chihuahua, @{${beto.id}}?`, anchor: textAnchor(textContaining(y.doc, quote), quote) });
    expect(r.status).toBe(201);
    y.destroy();

    await b.page.reload();
    await b.page.getByRole('link', { name: 'Ana Lejos le mencionó' }).click();
    await b.page.waitForURL((url) => url.searchParams.get('thread') === r.body.comment.threadId);
    const words = b.page.locator(`[data-testid="plan-editor"] .comment-highlight[data-thread-id="${r.body.comment.threadId}"]`);
    await words.waitFor();
    const toolbar = b.page.getByRole('toolbar').first();
    await expect
      .poll(async () => {
        const [w, bar] = [await words.boundingBox(), await toolbar.boundingBox()];
        return !!w && !!bar && w.y >= bar.y + bar.height && w.y + w.height <= 800;
      }, { timeout: 5000 })
      .toBe(true);
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('names the activity a thread is about by its title, and says when it left the plan (never its id)', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const gone = (await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Revisar antes de borrar', anchor: { type: 'activity', activityId: 'c4419f41-a27e-4bd0-9d1c-2f0b4f6e9a11' } })).body.comment;
    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    // The plan's first connection gets no answer: until the plan has loaded, the activity is not known to be gone.
    const sockets = await socketSwitch(a.page, { withholdFirstPlan: true });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}?thread=${gone.threadId}`);
    const thread = a.page.locator(`.comment-margin [data-thread-id="${gone.threadId}"]`);
    await thread.waitFor();
    const label = await thread.locator('.comment-anchor').innerText();
    expect(label).toContain('Sobre una actividad del plan');
    expect(label).not.toContain('ya no está');
    // Reconnected, the plan loads: the activity is not in it.
    await sockets.cut();
    sockets.mend();
    await expect.poll(() => thread.locator('.comment-anchor').innerText(), { timeout: 20_000 }).toContain('Sobre una actividad que ya no está en el plan');
    expect(await thread.innerText()).not.toContain('c4419f41');
    expect(a.errors).toEqual([]);
    await a.close();
  });
});
