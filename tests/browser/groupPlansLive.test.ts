/**
 * The group page follows its plans live: a plan someone else creates or renames shows in the plan list and in the
 * recently changed plans at once, and a plan's "updated" time follows its saves in both places alike.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documents } from '../../db/schema.js';
import { insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const LIVE_MS = 15_000;

describe('the group page’s plans, live', () => {
  const h = useBrowserWorld();

  it('shows a plan created or renamed by someone else, and the same updated time in both lists after their edits', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const old = await h.world.document(ana.api, ws);
    expect((await ana.api.patch(`/api/documents/${old}`, { title: 'Plan de capacitación' })).status).toBe(200);

    const session = await newSignedInPage(h.browser, h.base, { email: beto.email }, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    const listed = () => page.locator('[data-testid="plan-list"] .item .item-title').allInnerTexts();
    const recent = () => page.locator('[data-testid="recent-plans"] .item .item-title').allInnerTexts();
    try {
      await page.goto(`${h.base}/w/${ws}`);
      await expect.poll(listed, { timeout: LIVE_MS }).toEqual(['Plan de capacitación']);

      const created = await ana.api.post(`/api/workspaces/${ws}/documents`, { title: 'Plan de campañas', template: 'blank' });
      expect(created.status).toBe(201);
      await expect.poll(async () => (await listed()).sort(), { timeout: LIVE_MS }).toEqual(['Plan de campañas', 'Plan de capacitación']);
      await expect.poll(recent, { timeout: LIVE_MS }).toContain('Plan de campañas');
      const fresh = page.locator('[data-testid="plan-list"] .item', { hasText: 'Plan de campañas' });
      expect((await fresh.getByTestId('plan-never-opened').innerText({ timeout: LIVE_MS })).trim()).toBe('Aún no lo ha abierto');

      expect((await ana.api.patch(`/api/documents/${created.body.document.id}`, { title: 'Campañas en Chiapas' })).status).toBe(200);
      await expect.poll(async () => (await listed()).sort(), { timeout: LIVE_MS }).toEqual(['Campañas en Chiapas', 'Plan de capacitación']);
      await expect.poll(recent, { timeout: LIVE_MS }).toContain('Campañas en Chiapas');

      // Last changed an hour ago; edited now, the plan's time reads the same, new, in both lists.
      const updatedIn = (list: string) => page.locator(`[data-testid="${list}"] .item`, { hasText: 'Plan de capacitación' }).locator('.item-meta span').first().innerText();
      await h.server.services.database.db.update(documents).set({ updatedAt: sql`now() - interval '1 hour'` }).where(eq(documents.id, old));
      await page.reload();
      await expect.poll(listed, { timeout: LIVE_MS }).toHaveLength(2);
      const hourAgo = await updatedIn('plan-list');
      expect(await updatedIn('recent-plans')).toBe(hourAgo);
      const y = connectYjs(h.server.wsUrl, old, ana.api.token);
      await waitSynced(y);
      insertActivity(y.doc, { id: 'taller', title: 'Taller regional' });
      await expect.poll(() => updatedIn('plan-list'), { timeout: LIVE_MS }).not.toBe(hourAgo);
      await expect.poll(() => updatedIn('recent-plans'), { timeout: LIVE_MS }).not.toBe(hourAgo);
      expect(await updatedIn('recent-plans')).toBe(await updatedIn('plan-list'));
      y.destroy();
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
