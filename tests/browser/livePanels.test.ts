/**
 * Live panels and small UI fixes in the browser: the header's unread count follows new mentions and
 * reads without navigation; a version compared with the current content shows new text without
 * "Actualizar comparación"; the plan's "Exportar" menu closes with Escape and gives focus back to its
 * button; and /setup sends people on once the instance is set up.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { documents, notifications } from '../../db/schema.js';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { plain, textAnchor, textContaining } from '../helpers/comments.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const PANEL = '[data-testid="history-panel"]';
/** Generous: live refreshes wait for a pause of about a second or two after the last event. */
const LIVE_MS = 15_000;

describe('live panels in the browser', () => {
  const h = useBrowserWorld();

  it('updates the header unread count when mentioned and when notifications are read', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/inbox`);
    await b.page.getByRole('heading', { level: 1, name: 'Bandeja' }).waitFor();
    const link = b.page.getByTestId('inbox-link');
    // Its accessible name is its visible text, with the count in words when there is one.
    const name = () => link.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(await name()).toBe('Bandeja');

    const mention = await ana.api.post(`/api/documents/${docId}/comments`, { body: `¿Puedes revisar la meta, @{${beto.id}}?` });
    expect(mention.status).toBe(201);
    // No navigation: the header hears notification:created.
    await expect.poll(name, { timeout: LIVE_MS }).toBe('Bandeja 1 notificación sin leer');
    await b.page.getByRole('link', { name: 'Bandeja 1 notificación sin leer' }).waitFor();
    expect(await link.locator('.inbox-count').innerText()).toBe('1');

    await b.page.getByRole('button', { name: 'Marcar como leída' }).click();
    await expect.poll(name, { timeout: LIVE_MS }).toBe('Bandeja');
    expect(await link.locator('.inbox-count').count()).toBe(0);
    expect(new URL(b.page.url()).pathname).toBe('/inbox');

    // A mention of Beto's organization is worded as one; the personal mention stays personal.
    expect((await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Pendiente para @FGR' })).status).toBe(201);
    const list = b.page.getByTestId('inbox-list');
    await expect.poll(() => list.innerText(), { timeout: LIVE_MS }).toContain('Ana Torres mencionó a su institución');
    expect(await list.innerText()).toContain('Ana Torres le mencionó');

    // An inbox longer than a page shows the older ones on request, and marks one of those read in place.
    const older = Array.from({ length: 205 }, (_, i) => ({
      id: `ntf_older${String(i).padStart(3, '0')}`,
      userId: beto.id,
      workspaceId: ws,
      kind: 'mention',
      target: { type: 'comment', documentId: docId, commentId: `cmt_older${i}`, actorId: ana.id, via: 'person' },
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    }));
    await h.server.services.database.db.insert(notifications).values(older);
    await b.page.reload();
    const items = list.locator('li');
    await expect.poll(() => items.count(), { timeout: LIVE_MS }).toBe(200);
    await b.page.getByRole('button', { name: 'Mostrar anteriores' }).click();
    await expect.poll(() => items.count(), { timeout: LIVE_MS }).toBe(207);
    expect(await b.page.getByRole('button', { name: 'Mostrar anteriores' }).count()).toBe(0);
    // The oldest is last; marking it read keeps every page shown.
    const oldest = items.last();
    expect(await oldest.locator('time').getAttribute('datetime')).toBe('2026-01-01T00:00:00.000Z');
    await oldest.getByRole('button', { name: 'Marcar como leída' }).click();
    await expect.poll(() => oldest.getAttribute('class'), { timeout: LIVE_MS }).toBe('inbox-item');
    expect(await items.count()).toBe(207);

    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('refreshes a comparison with the current content after edits, and closes the export menu with Escape', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 1000 } });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const editor = a.page.locator(EDITOR);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Objetivos');

    // Escape closes "Exportar" from inside the menu and puts focus back on its button.
    const exportButton = a.page.locator('summary', { hasText: 'Exportar' });
    await exportButton.click();
    const menu = a.page.locator('details.menu', { has: exportButton });
    expect(await menu.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    await a.page.keyboard.press('Tab');
    expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('Markdown (.md)');
    await a.page.keyboard.press('Escape');
    expect(await menu.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('Exportar');

    const panel = a.page.locator(PANEL);
    await panel.getByTestId('history-name-input').fill('Base de marzo');
    await panel.getByRole('button', { name: 'Nombrar versión' }).click();
    await panel.getByRole('button', { name: /Base de marzo/, pressed: true }).waitFor();
    expect(await panel.getByRole('combobox', { name: 'Comparar con' }).inputValue()).toBe('current');
    await panel.getByText('El texto no cambió.').waitFor();

    await editor.click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Talleres regionales.');
    // Without clicking "Actualizar comparación" (which stays available), the new words show as inserted.
    await expect.poll(() => panel.locator('ins.vh-ins').allInnerTexts(), { timeout: LIVE_MS }).toEqual([expect.stringContaining('Talleres regionales.')]);
    expect(await panel.getByRole('button', { name: 'Actualizar comparación' }).count()).toBe(1);

    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('keeps a plan\'s "Actualizado" stamp live: a change arriving from another connection moves it, opening the plan does not', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    // The plan's first projection pass (its template's text) dates it: on a loaded machine it came after the stamp
    // below and moved it. Its search text is set by that pass.
    const db = h.server.services.database.db;
    await expect.poll(async () => (await db.select({ text: documents.searchText }).from(documents).where(eq(documents.id, docId)))[0]?.text ?? '', { timeout: 15_000 }).toMatch(/objetivos/i);
    await db.update(documents).set({ updatedAt: new Date('2026-01-05T18:00:00Z') }).where(eq(documents.id, docId));

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await expect.poll(() => a.page.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain('Objetivos');
    const stamp = a.page.getByTestId('plan-updated');
    expect(await stamp.innerText()).toMatch(/^Actualizado 5 ene 2026/);
    // Loading the plan is not a change; a second look finds the stamp as it was.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await stamp.innerText()).toMatch(/^Actualizado 5 ene 2026/);

    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    try {
      await waitSynced(y);
      insertActivity(y.doc, { id: 'act_stamp', title: 'Capacitación en Sonora' });
      await expect.poll(() => stamp.innerText(), { timeout: LIVE_MS }).not.toMatch(/5 ene 2026/);
      expect(await stamp.innerText()).toContain(String(new Date().getFullYear()));
    } finally {
      y.destroy();
    }
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('marks a comment whose words someone else deletes as detached at once, and its activity comment when the row goes', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    try {
      await waitSynced(y);
      const text = textContaining(y.doc, 'Objetivos');
      insertActivity(y.doc, { id: 'act_live', title: 'Taller en Tijuana' });
      const onWords = await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Revisar', anchor: textAnchor(text, 'Objetivos') });
      const onRow = await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Fechas', anchor: { type: 'activity', activityId: 'act_live' } });
      expect([onWords.status, onRow.status]).toEqual([201, 201]);

      const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
      await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
      const wordsThread = a.page.locator(`.comment-margin [data-thread-id="${onWords.body.comment.id}"]`);
      const rowThread = a.page.locator(`.comment-margin [data-thread-id="${onRow.body.comment.id}"]`);
      await wordsThread.waitFor();
      await a.page.locator('.comment-highlight').first().waitFor();
      expect(await wordsThread.locator('.comment-detached').count()).toBe(0);
      expect(await rowThread.locator('.comment-detached').count()).toBe(0);

      // Another connection deletes the commented words and the row: no reload, no comment event.
      const at = plain(text).indexOf('Objetivos');
      text.delete(at, 'Objetivos'.length);
      getActivities(y.doc).delete(0, 1);
      await wordsThread.locator('.comment-detached', { hasText: 'El texto comentado ya no existe' }).waitFor({ timeout: LIVE_MS });
      await rowThread.locator('.comment-detached').waitFor({ timeout: LIVE_MS });
      expect(await a.page.locator('.comment-highlight').count()).toBe(0);
      expect(a.errors).toEqual([]);
      await a.close();
    } finally {
      y.destroy();
    }
  });

  it('sends people away from /setup once the instance is set up', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');

    const context = await h.browser.newContext({ locale: 'es-MX' });
    const visitor = await context.newPage();
    await visitor.goto(`${h.base}/setup`);
    await visitor.waitForURL(`${h.base}/login`);
    await visitor.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(await visitor.locator('#setup-name').count()).toBe(0);
    await context.close();

    const signedIn = await newSignedInPage(h.browser, h.base, ana);
    await signedIn.page.goto(`${h.base}/setup`);
    await signedIn.page.waitForURL(`${h.base}/`);
    expect(await signedIn.page.locator('#setup-name').count()).toBe(0);
    expect(signedIn.errors).toEqual([]);
    await signedIn.close();
  });
});
