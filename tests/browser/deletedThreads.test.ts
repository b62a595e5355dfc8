/**
 * A thread whose only comment was deleted has nothing left to read or answer: the margin neither lists nor counts it,
 * unless a link opens it (it then shows the deletion marker). A thread with a reply still there stays, marker and all.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const MARGIN = '[data-testid="comment-margin"]';

describe('threads whose comments were all deleted', () => {
  const h = useBrowserWorld();

  it('are not listed nor counted, unless a link opens them', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const post = async (api: typeof ana.api, body: string, parentId?: string) => {
      const r = await api.post(`/api/documents/${docId}/comments`, { body, ...(parentId ? { parentId } : {}) });
      expect(r.status).toBe(201);
      return r.body.comment.id as string;
    };
    const lonely = await post(beto.api, 'Comentario que Beto retira');
    const answered = await post(beto.api, 'Pregunta que Beto retira');
    await post(ana.api, 'Respuesta de Ana que sigue ahí', answered);
    await post(ana.api, 'Comentario que sigue abierto');
    for (const id of [lonely, answered]) expect((await beto.api.delete(`/api/comments/${id}`)).status).toBe(204);

    const session = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    try {
      await page.goto(`${h.base}/w/${ws}/d/${docId}`);
      const margin = page.locator(MARGIN);
      const threads = margin.locator('.comment-thread');
      await expect.poll(() => threads.count(), { timeout: 10_000 }).toBe(2);
      expect(await margin.locator('h2').innerText()).toBe('Comentarios (2)');
      const texts = await threads.allInnerTexts();
      expect(texts.some((t) => t.includes('Comentario eliminado.') && t.includes('Respuesta de Ana que sigue ahí'))).toBe(true);
      expect(texts.some((t) => t.includes('Comentario que sigue abierto'))).toBe(true);

      // A link to the emptied thread (a notification's) still opens it, with its marker.
      await page.goto(`${h.base}/w/${ws}/d/${docId}?thread=${lonely}`);
      const opened = margin.locator(`[data-thread-id="${lonely}"]`);
      await opened.waitFor({ timeout: 10_000 });
      expect(await opened.innerText()).toContain('Comentario eliminado.');
      expect(await margin.locator('h2').innerText()).toBe('Comentarios (2)');
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
