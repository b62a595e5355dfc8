/**
 * The comment margin by keyboard: a reply or edit box that closes (sent with Ctrl+Enter, left with Escape) hands
 * focus back to the button that opened it, not to the top of the page. Escape over words written asks for a second one.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('comment boxes by keyboard', () => {
  const h = useBrowserWorld();

  it('reply and edit boxes give focus back to Responder and Editar when sent or left', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const root = (await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Revisemos las fechas' })).body.comment;
    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const page = a.page;
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const thread = page.locator(`.comment-margin [data-thread-id="${root.threadId}"]`);
    await thread.waitFor();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { text: el?.innerText ?? '', thread: el?.closest('[data-thread-id]')?.getAttribute('data-thread-id') ?? null, comment: el?.closest('[data-comment-id]')?.getAttribute('data-comment-id') ?? null };
    });

    // Reply: opened from the keyboard, sent with Ctrl+Enter.
    const reply = thread.getByRole('button', { name: 'Responder' });
    await reply.focus();
    await page.keyboard.press('Enter');
    await thread.getByRole('textbox', { name: 'Escriba una respuesta…' }).waitFor();
    await page.keyboard.type('De acuerdo');
    await page.keyboard.press('Control+Enter');
    await thread.getByText('De acuerdo').waitFor();
    await expect.poll(focused).toEqual({ text: 'Responder', thread: root.threadId, comment: null });
    // Opened again and left with Escape.
    await page.keyboard.press('Enter');
    await thread.getByRole('textbox', { name: 'Escriba una respuesta…' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(focused).toEqual({ text: 'Responder', thread: root.threadId, comment: null });

    // Words written and Escape pressed (as to close the mention list): kept, with a word on how to discard them.
    await page.keyboard.press('Enter');
    const box = thread.getByRole('textbox', { name: 'Escriba una respuesta…' });
    await box.waitFor();
    await page.keyboard.type('Una respuesta larga que costó escribir');
    await page.keyboard.press('Escape');
    await thread.getByTestId('composer-escape-hint').getByText('Pulse Esc otra vez para descartar lo que escribió.').waitFor();
    expect(await box.inputValue()).toBe('Una respuesta larga que costó escribir');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toEqual({ text: 'Responder', thread: root.threadId, comment: null });
    expect(await thread.getByRole('textbox', { name: 'Escriba una respuesta…' }).count()).toBe(0);

    // Edit: saved with Ctrl+Enter, then opened and left with Escape.
    const item = thread.locator(`[data-comment-id="${root.id}"]`);
    await item.getByRole('button', { name: 'Editar' }).focus();
    await page.keyboard.press('Enter');
    await thread.getByRole('textbox', { name: 'Editar comentario' }).waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type(' de entrega');
    await page.keyboard.press('Control+Enter');
    await item.getByText('Revisemos las fechas de entrega').waitFor();
    await expect.poll(focused).toEqual({ text: 'Editar', thread: root.threadId, comment: root.id });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toEqual({ text: 'Editar', thread: root.threadId, comment: root.id });
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('says how many characters are left near the limit, and that none are once the box is full', async () => {
    const ana = await h.world.user('Ana Prolija', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const root = (await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Un hilo' })).body.comment;
    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const page = a.page;
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const thread = page.locator(`.comment-margin [data-thread-id="${root.threadId}"]`);
    await thread.getByRole('button', { name: 'Responder' }).click();
    const box = thread.getByRole('textbox', { name: 'Escriba una respuesta…' });
    const left = thread.getByTestId('composer-characters-left');
    await box.fill('b'.repeat(500));
    expect(await left.count()).toBe(0);
    await box.fill('b'.repeat(9_500));
    await left.getByText('Quedan 500 caracteres').waitFor();
    expect((await box.getAttribute('aria-describedby'))?.split(' ')).toContain(await left.getAttribute('id'));
    // A paste past the limit is cut at it: the box says so rather than stopping without a word.
    await box.fill('b'.repeat(12_000));
    expect(await box.inputValue()).toHaveLength(10_000);
    await left.getByText('Quedan 0 caracteres').waitFor();
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments.length, { timeout: 10_000 }).toBe(2);
    expect(a.errors).toEqual([]);
    await a.close();
  });
});
