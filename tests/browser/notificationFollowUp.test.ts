/**
 * Where a notification leads, in Chromium: the group overview's unread-comments notice follows mentions and reads
 * live, as the header's count does, and links to the inbox; a notification's link to a thread puts the keyboard focus
 * on that thread (not on <main>), except for someone already typing in the plan.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 5000;
const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

/** The thread the focused element belongs to, and what it is. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { thread: el?.closest<HTMLElement>('[data-thread-id]')?.dataset.threadId ?? null, tag: el?.tagName ?? null, editable: !!el?.isContentEditable };
  });
}

describe('following up a notification', () => {
  const h = useBrowserWorld();

  it('shows the overview’s unread-comments notice live, clears it when read elsewhere, and links it to the inbox', async () => {
    const ana = await h.world.user('Ana Resumen', 'SSPC');
    const beto = await h.world.user('Beto Resumen', 'FGR');
    const ws = await h.world.workspace(ana.api, 'Mesa de trata en Chihuahua');
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const plan = await h.world.document(ana.api, ws);

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/w/${ws}`);
    await b.page.getByTestId('workspace-dashboard').waitFor();
    const notice = b.page.getByTestId('unread-comments');
    const count = b.page.getByTestId('inbox-link').locator('.inbox-count');
    expect(await notice.count()).toBe(0);

    expect((await ana.api.post(`/api/documents/${plan}/comments`, { body: `¿Confirmas la sede, @{${beto.id}}?` })).status).toBe(201);
    await expect.poll(() => count.innerText(), { timeout: LIVE_MS }).toBe('1');
    await expect.poll(() => (notice.count().then((n) => (n ? notice.innerText() : ''))), { timeout: LIVE_MS }).toBe('Tiene 1 comentario sin leer que le menciona o responde. Abrir la bandeja');

    // Read in another tab (here, the API): both the header and the notice follow.
    expect((await beto.api.post('/api/notifications/read', { all: true })).status).toBe(200);
    await expect.poll(() => count.count(), { timeout: LIVE_MS }).toBe(0);
    await expect.poll(() => notice.count(), { timeout: LIVE_MS }).toBe(0);

    // A mention in another group is not this group's.
    const other = await h.world.workspace(ana.api, 'Mesa de armas en Sonora');
    await h.world.addMember(other, ana.api, beto.id, 'member');
    const otherPlan = await h.world.document(ana.api, other);
    expect((await ana.api.post(`/api/documents/${otherPlan}/comments`, { body: `Otra mesa, @{${beto.id}}` })).status).toBe(201);
    await expect.poll(() => count.innerText(), { timeout: LIVE_MS }).toBe('1');
    expect((await ana.api.post(`/api/documents/${plan}/comments`, { body: `Y el presupuesto, @{${beto.id}}` })).status).toBe(201);
    await expect.poll(() => count.innerText(), { timeout: LIVE_MS }).toBe('2');
    await expect.poll(() => (notice.count().then((n) => (n ? notice.innerText() : ''))), { timeout: LIVE_MS }).toContain('Tiene 1 comentario sin leer');

    await notice.getByRole('link', { name: 'Abrir la bandeja' }).click();
    await b.page.waitForURL(`${h.base}/inbox`);
    await b.page.getByTestId('inbox-list').getByText('Y el presupuesto, @Beto Resumen').waitFor({ timeout: LIVE_MS });
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('focuses the thread a notification leads to, and leaves the focus with someone already typing', async () => {
    const ana = await h.world.user('Ana Foco', 'SSPC');
    const beto = await h.world.user('Beto Foco', 'FGR');
    const ws = await h.world.workspace(ana.api, 'Mesa de lavado en Juárez');
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const plan = await h.world.document(ana.api, ws);
    await ana.api.post(`/api/documents/${plan}/comments`, { body: 'Comentario sobre todo el plan' });
    const created = await ana.api.post(`/api/documents/${plan}/comments`, { body: `¿Revisas las metas, @{${beto.id}}?` });
    expect(created.status).toBe(201);
    const threadId: string = created.body.comment.threadId;

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/inbox`);
    await b.page.getByTestId('inbox-list').getByRole('link', { name: 'Ana Foco le mencionó' }).click();
    await b.page.waitForURL((url) => url.searchParams.get('thread') === threadId);
    await expect.poll(() => focused(b.page), { timeout: LIVE_MS }).toEqual({ thread: threadId, tag: 'BUTTON', editable: false });
    // The thread's own button: pressed, since the link opened it; Tab goes on into the thread.
    const card = b.page.locator(`.comment-margin [data-thread-id="${threadId}"]`);
    expect(await card.locator('.comment-anchor').getAttribute('aria-pressed')).toBe('true');
    expect(await card.innerText()).toContain('¿Revisas las metas, @Beto Foco?');

    // The same link while the comments are slow, and the person starts writing in the plan first.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await b.page.route('**/api/documents/*/comments*', async (route) => {
      await held;
      await route.continue();
    });
    await b.page.goto(`${h.base}/w/${ws}/d/${plan}?thread=${threadId}`);
    const editor = b.page.locator(EDITOR);
    await editor.waitFor();
    await editor.click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type(' Primera');
    release();
    await expect.poll(() => card.getAttribute('class'), { timeout: LIVE_MS }).toContain('is-active');
    // Frames for the margin's attempt to run.
    await b.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
    expect(await focused(b.page)).toEqual({ thread: null, tag: 'DIV', editable: true });
    await b.page.keyboard.type(' segunda');
    expect(await editor.innerText()).toContain('Primera segunda');
    await b.page.unroute('**/api/documents/*/comments*');
    expect(b.errors).toEqual([]);
    await b.close();
  });
});
