/**
 * Resolving a thread under the margin's "open" filter takes its card out of the list: the margin says so in its
 * place, with the focus on an undo, and the undo puts the thread back (reopened) with the focus on its card; a
 * reopened thread under "resolved" is said alike. On a phone, the inbox's "mark as read" goes under its notice,
 * so the notice keeps the width to be read.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const MARGIN = '[data-testid="comment-margin"]';
const focusedText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { testId: el?.dataset.testid ?? '', thread: el?.closest<HTMLElement>('[data-thread-id]')?.dataset.threadId ?? '', cls: el?.className ?? '' };
  });

describe('resolving a comment thread', () => {
  const h = useBrowserWorld();

  it('says a resolved thread left the list, and undoes it with the focus back on the card', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const root = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Falta el calendario de talleres.' })).body.comment;
    await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Y la meta de Juárez.' });

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 390, height: 844 } });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const margin = a.page.locator(MARGIN);
    const card = margin.locator(`[data-thread-id="${root.id}"]`);
    await card.getByRole('button', { name: 'Resolver' }).click();
    const note = margin.getByTestId('comment-toggled');
    await expect.poll(() => note.innerText(), { timeout: 10_000 }).toContain('Conversación resuelta. Ya no aparece entre las abiertas; puede verla en «Resueltos».');
    expect(await card.count()).toBe(0);
    await expect.poll(async () => (await focusedText(a.page)).testId).toBe('comment-toggled-undo');
    expect((await ana.api.get(`/api/documents/${docId}/comments?status=resolved`)).body.comments.map((c: { id: string }) => c.id)).toEqual([root.id]);

    await a.page.keyboard.press('Enter');
    await card.waitFor({ timeout: 10_000 });
    await expect.poll(async () => focusedText(a.page), { timeout: 10_000 }).toEqual({ testId: '', thread: root.id, cls: 'comment-anchor' });
    expect(await note.count()).toBe(0);
    expect((await ana.api.get(`/api/documents/${docId}/comments?status=resolved`)).body.comments).toEqual([]);

    // Under "Resueltos", reopening is said the same way; choosing another list drops the note.
    await card.getByRole('button', { name: 'Resolver' }).click();
    await note.waitFor();
    await margin.locator('.comment-margin-head select').selectOption('resolved');
    expect(await note.count()).toBe(0);
    await card.getByRole('button', { name: 'Reabrir' }).click();
    await expect.poll(() => note.innerText(), { timeout: 10_000 }).toContain('Conversación reabierta. Ahora aparece entre las abiertas.');
    await a.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => note.innerText()).toContain('Conversation reopened.');
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('puts "mark as read" under the notice on a phone', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    await ana.api.post(`/api/documents/${docId}/comments`, { body: `¿Puedes confirmar las fechas del taller regional, @{${beto.id}}?` });

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 390, height: 844 } });
    await b.page.goto(`${h.base}/inbox`);
    const item = b.page.getByTestId('inbox-list').locator('li').first();
    const link = item.getByRole('link', { name: 'Ana Torres le mencionó' });
    await link.waitFor();
    const button = item.getByRole('button', { name: /Marcar como leída/ });
    const [text, btn, li] = await Promise.all([item.locator('> div').boundingBox(), button.boundingBox(), item.boundingBox()]);
    // Under the text, and the text as wide as the row.
    expect(btn!.y).toBeGreaterThanOrEqual(text!.y + text!.height - 1);
    expect(text!.width).toBeGreaterThan(li!.width * 0.9);
    expect(b.errors).toEqual([]);
    await b.close();
  });
});
