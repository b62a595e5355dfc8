/**
 * A comment someone else edited since the reader's last visit is news: the plan's "since your last visit" note says
 * so, and leads to its thread. The reader's own edit is not.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 15_000;
const NOTICE = '[data-testid="since-last-visit"]';

describe('since your last visit, an edited comment', () => {
  const h = useBrowserWorld();

  it('tells of a comment edited by someone else since the visit and opens its thread', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const question = (await ana.api.post(`/api/documents/${docId}/comments`, { body: '¿Quién convoca el taller?' })).body.comment;
    const own = (await beto.api.post(`/api/documents/${docId}/comments`, { body: 'Propongo Culiacán.' })).body.comment;
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    expect((await ana.api.patch(`/api/comments/${question.id}`, { body: '¿Quién convoca el taller de Sinaloa?' })).status).toBe(200);
    expect((await beto.api.patch(`/api/comments/${own.id}`, { body: 'Propongo Culiacán o Mazatlán.' })).status).toBe(200);

    const session = await newSignedInPage(h.browser, h.base, { email: beto.email }, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    try {
      await page.goto(`${h.base}/w/${ws}/d/${docId}`);
      const edited = page.locator(`${NOTICE} [data-testid="since-visit-edited-comments"]`);
      await edited.waitFor({ timeout: LIVE_MS });
      expect((await edited.innerText()).trim()).toBe('1 comentario editado');
      // Nothing else changed: no new comments, no activities.
      expect(await page.locator(`${NOTICE} li`).count()).toBe(1);
      await edited.click();
      await page.waitForURL((url) => url.searchParams.get('thread') === question.threadId, { timeout: LIVE_MS });
      const card = page.locator(`.comment-margin [data-thread-id="${question.threadId}"]`);
      await card.waitFor({ timeout: LIVE_MS });
      expect(await card.innerText()).toContain('¿Quién convoca el taller de Sinaloa?');
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
