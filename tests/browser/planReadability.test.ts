/**
 * Two readability fixes on the plan page. "Since your last visit" leads somewhere: the activity rows others added or
 * changed carry a mark in words saying which, each count focuses the first of its rows, "new comments" opens the first new thread (as a
 * notification's `?thread=` link does), and dismissing the notice, or the next visit, takes the marks away. And the
 * version diff shows the plan's Markdown as text: no "##" or "**", headings and bold as such.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { getActivities, getBody, insertActivity } from '../../shared/planModel.js';
import { plain, textContaining } from '../helpers/comments.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const PANEL = '[data-testid="history-panel"]';
const LIVE_MS = 15_000;

describe('plan page readability', () => {
  const h = useBrowserWorld();

  it('marks the activities added and changed since the last visit, apart, and leads from the notice to them and to the new comments', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);

    // Before Ana's visit: three activities and a thread of hers.
    const ya = connectYjs(h.server.wsUrl, docId, ana.api.token);
    const yb = connectYjs(h.server.wsUrl, docId, beto.api.token);
    let thread: { id: string };
    try {
      await waitSynced(ya);
      insertActivity(ya.doc, { id: 'act_uno', title: 'Mesa técnica estatal' });
      insertActivity(ya.doc, { id: 'act_dos', title: 'Taller en Tijuana' });
      insertActivity(ya.doc, { id: 'act_tres', title: 'Capacitación en Sonora' });
      await waitSynced(yb);
      await waitFor(() => getActivities(yb.doc).length === 3, LIVE_MS, 'Beto sees the activities');
      thread = (await ana.api.post(`/api/documents/${docId}/comments`, { body: '¿Quién coordina el taller?' })).body.comment;
      expect((await ana.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));

      // Then Beto changes the second row, adds a fourth, replies to Ana's thread and opens another.
      const second = getActivities(yb.doc).toArray().find((row) => row.get('id') === 'act_dos')!;
      second.set('status', 'in_progress');
      insertActivity(yb.doc, { id: 'act_cuatro', title: 'Foro regional' });
      const third = getActivities(yb.doc).toArray().findIndex((row) => row.get('id') === 'act_tres');
      getActivities(yb.doc).delete(third, 1);
      // And deletes the «Indicadores» section, heading and all: the notice names it rather than the section above.
      const blocks = getBody(yb.doc).toArray() as Y.XmlElement[];
      const start = blocks.findIndex((b) => b.nodeName === 'heading' && b.toString().includes('Indicadores'));
      let end = start + 1;
      while (end < blocks.length && blocks[end].nodeName !== 'heading') end++;
      getBody(yb.doc).delete(start, end - start);
      const reply = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Lo coordina FGR.', parentId: thread.id })).body.comment;
      expect(reply.threadId).toBe(thread.id);
      expect((await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Falta la meta del foro.' })).status).toBe(201);
      const changes = async () =>
        (await ana.api.get(`/api/documents/${docId}/changes-since-visit`)).body as { addedActivityIds: string[]; changedActivityIds: string[]; removedActivities: number; removedSections: string[]; newComments: string[] };
      await waitFor(async () => {
        const c = await changes();
        return c.addedActivityIds.length === 1 && c.changedActivityIds.length === 1 && c.removedActivities === 1 && c.removedSections.length === 1;
      }, LIVE_MS, 'Beto’s edits reach the server');
      expect(await changes()).toMatchObject({ addedActivityIds: ['act_cuatro'], changedActivityIds: ['act_dos'] });
      expect((await changes()).newComments[0]).toBe(reply.id);
    } finally {
      ya.destroy();
      yb.destroy();
    }

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const notice = a.page.getByTestId('since-last-visit');
    await notice.waitFor({ timeout: LIVE_MS });
    const row = (id: string) => a.page.locator(`[data-testid="activity-row"][data-activity-id="${id}"]`);
    const tag = 'Cambió desde su última visita';
    const added = 'Nueva desde su última visita';
    // The changed and the added row say which in words (not only by colour); the others say nothing.
    // Exactly: the changed cell's note for screen readers says «cambió desde su última visita» too.
    await row('act_dos').getByText(tag, { exact: true }).waitFor({ timeout: LIVE_MS });
    await row('act_cuatro').getByText(added).waitFor();
    expect(await row('act_cuatro').getByText(tag).count()).toBe(0);
    expect(await row('act_uno').locator('.tag-changed').count()).toBe(0);
    expect(await a.page.locator('.tag-changed').allInnerTexts()).toEqual([tag, added]);
    // The notice tells the new activity apart from the changed one (it said "2 actividades modificadas").
    expect(await notice.getByTestId('since-visit-added-activities').innerText()).toBe('1 actividad nueva');
    expect(await notice.getByTestId('since-visit-activities').innerText()).toBe('1 actividad modificada');
    expect(await notice.innerText()).not.toContain('actividades modificadas');
    // A deleted row cannot be marked: the notice counts it.
    expect(await notice.getByTestId('since-visit-removed').innerText()).toBe('1 actividad eliminada');
    expect(await notice.getByTestId('since-visit-removed-sections').innerText()).toBe('Sección eliminada: «Indicadores»');
    expect(await notice.innerText()).not.toContain('Cambios en:');

    // Each count focuses the first of its rows, in the table's order.
    await notice.getByRole('button', { name: '1 actividad nueva' }).click();
    await expect.poll(() => a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.activityId), { timeout: 5000 }).toBe('act_cuatro');
    await notice.getByRole('button', { name: '1 actividad modificada' }).click();
    await expect.poll(() => a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.activityId), { timeout: 5000 }).toBe('act_dos');
    await expect.poll(() => row('act_dos').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }), { timeout: 5000 }).toBe(true);

    // "New comments" opens the thread of the first new one (a reply in Ana's thread), as `?thread=` does.
    await notice.getByRole('button', { name: '2 comentarios nuevos' }).click();
    await expect.poll(() => new URL(a.page.url()).searchParams.get('thread'), { timeout: 5000 }).toBe(thread.id);
    const card = a.page.locator(`.comment-margin [data-thread-id="${thread.id}"]`);
    await expect.poll(() => card.getAttribute('class'), { timeout: 5000 }).toContain('is-active');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.closest('[data-thread-id]')?.getAttribute('data-thread-id')), { timeout: 5000 }).toBe(thread.id);

    // Both threads with something new say so in words, not only with a coloured edge.
    expect(await a.page.locator('.comment-margin .comment-new-tag').allInnerTexts()).toEqual(['Nuevo desde su última visita', 'Nuevo desde su última visita']);

    // Dismissing the notice takes the marks away.
    await notice.getByRole('button', { name: 'Ocultar aviso y marcas' }).click();
    await expect.poll(() => a.page.getByTestId('since-last-visit').count(), { timeout: 5000 }).toBe(0);
    expect(await a.page.locator('.tag-changed').count()).toBe(0);
    expect(await a.page.locator('tr.activity-changed').count()).toBe(0);

    // The next visit has nothing new: no notice, no marks.
    const read = a.page.waitForResponse((r) => r.url().includes('/changes-since-visit'));
    await a.page.reload();
    expect(await (await read).json()).toMatchObject({ addedActivityIds: [], changedActivityIds: [] });
    await row('act_dos').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    expect(await a.page.getByTestId('since-last-visit').count()).toBe(0);
    expect(await a.page.locator('.tag-changed').count()).toBe(0);

    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('shows the version diff without Markdown syntax: headings and bold as such, added formatting named', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const version = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Acordada en marzo' })).body.version;

    // A heading gets words at its end (a change that starts mid-line), a word of a paragraph turns bold.
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    try {
      await waitSynced(y);
      const heading = textContaining(y.doc, 'Mecanismos de coordinación');
      heading.insert(plain(heading).length, ' y seguimiento');
      const para = textContaining(y.doc, 'Explique cómo');
      para.format(plain(para).indexOf('cómo'), 'cómo'.length, { bold: {} });
      // A replaced word: struck, then the new one.
      const lines = textContaining(y.doc, 'Enumere las líneas');
      lines.delete(0, 'Enumere'.length);
      lines.insert(0, 'Liste');
      const diff = async () => JSON.stringify((await ana.api.get(`/api/documents/${docId}/diff?from=${version.id}&to=current`)).body.body);
      await waitFor(
        async () => {
          const d = await diff();
          return d.includes('**') && d.includes('Liste');
        },
        LIVE_MS,
        'edits reach the server',
      );
      // The route's text is Markdown: the syntax is there to be hidden.
      expect(await diff()).toContain('## Mecanismos de coordinación');
    } finally {
      y.destroy();
    }

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 1000 } });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await a.page.locator(EDITOR).waitFor();
    const panel = a.page.locator(PANEL);
    await panel.getByRole('button', { name: /Acordada en marzo/ }).click();
    const body = panel.getByTestId('history-diff-body');
    await expect.poll(() => body.innerText(), { timeout: LIVE_MS }).toContain('Mecanismos de coordinación');
    const text = await body.innerText();
    expect(text).not.toContain('##');
    expect(text).not.toContain('**');
    // The heading reads as one, its added words too (the run starts mid-line), marked as added as before.
    expect(await body.locator('.vh-h', { hasText: 'Mecanismos de coordinación' }).count()).toBeGreaterThan(0);
    const added = body.locator('ins.vh-ins', { hasText: 'y seguimiento' });
    expect(await added.count()).toBe(1);
    expect(await added.locator('.vh-h').count()).toBe(1);
    expect(await body.locator('.vh-h').evaluateAll((els) => els.map((el) => getComputedStyle(el).fontWeight))).toEqual(expect.arrayContaining(['700']));
    // The bold word is bold; the markers that made it so are named as a formatting change.
    expect(await body.locator('strong', { hasText: 'cómo' }).count()).toBe(1);
    expect(await body.locator('ins.vh-ins', { hasText: '(formato)' }).count()).toBe(2);
    // The replacement starts a little apart from the struck word, so the two never read as one ("EnumereListe").
    const replaced = body.locator('del.vh-del + ins.vh-ins', { hasText: 'Liste' });
    expect(await replaced.count()).toBe(1);
    expect(await body.locator('del.vh-del', { hasText: 'Enumere' }).count()).toBe(1);
    expect(parseFloat(await replaced.evaluate((el) => getComputedStyle(el).marginInlineStart))).toBeGreaterThan(2);

    // The same in English.
    await a.page.getByRole('button', { name: 'English' }).click();
    await body.locator('ins.vh-ins', { hasText: '(formatting)' }).first().waitFor();
    expect(await body.innerText()).not.toContain('##');

    expect(a.errors).toEqual([]);
    await a.close();
  });
});
