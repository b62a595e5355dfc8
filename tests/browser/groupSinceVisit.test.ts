/**
 * The group page tells, beside each plan, what others did to it since the reader last opened it: changed by others,
 * how many new and edited comments, how many new or updated decisions; a plan never opened says so. Opening the plan and coming back clears its news. The home page
 * counts the group's plans with news.
 */
import { describe, expect, it } from 'vitest';
import { insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const LIVE_MS = 15_000;

describe('the group page since the last visit', () => {
  const h = useBrowserWorld();

  it('counts plans with news on the home page, marks each plan’s news from others on the group page, says which plan was never opened, and clears the news once opened', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const seen = await h.world.document(ana.api, ws);
    const unseen = await h.world.document(ana.api, ws);
    expect((await ana.api.patch(`/api/documents/${seen}`, { title: 'Plan de capacitación' })).status).toBe(200);
    expect((await ana.api.patch(`/api/documents/${unseen}`, { title: 'Plan de campañas' })).status).toBe(200);
    expect((await beto.api.post(`/api/documents/${seen}/visit`)).status).toBe(200);
    const visitAt = async () => (await beto.api.get(`/api/documents/${seen}/changes-since-visit`)).body.since as string;
    const firstVisit = await visitAt();

    const y = connectYjs(h.server.wsUrl, seen, ana.api.token);
    await waitSynced(y);
    insertActivity(y.doc, { id: 'taller', title: 'Taller regional en Culiacán' });
    await waitFor(async () => (await ana.api.get(`/api/documents/${seen}/export?format=json`)).body?.activities?.some((a: { id: string }) => a.id === 'taller'), LIVE_MS, 'the row stored');
    y.destroy();
    const written: string[] = [];
    for (const body of ['¿Quién convoca?', 'Propongo a la FGR.']) {
      const res = await ana.api.post(`/api/documents/${seen}/comments`, { body });
      expect(res.status).toBe(201);
      written.push(res.body.comment.id);
    }

    const session = await newSignedInPage(h.browser, h.base, { email: beto.email }, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    const row = (title: string) => page.locator('[data-testid="plan-list"] .item', { hasText: title });
    try {
      // The home page counts the plan with news under its group, and leads to the group.
      const attention = page.getByTestId('workspace-list').locator('li.item').getByTestId('workspace-attention');
      await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).toContain('1 plan con cambios desde su última visita');
      await attention.getByRole('link', { name: '1 plan con cambios desde su última visita' }).click();
      await page.waitForURL(`${h.base}/w/${ws}`);
      const news = row('Plan de capacitación').locator('[data-testid="plan-since-visit"]');
      await news.waitFor({ timeout: LIVE_MS });
      expect(await news.getAttribute('aria-label')).toBe('Desde su última visita');
      expect((await news.locator('.tag').allInnerTexts()).map((s) => s.trim())).toEqual(['Con cambios de otras personas', '2 comentarios nuevos']);
      expect(await row('Plan de capacitación').innerText()).toContain('Su última visita:');
      expect((await row('Plan de campañas').locator('[data-testid="plan-never-opened"]').innerText()).trim()).toBe('Aún no lo ha abierto');
      // The dashboard's recently changed plans, at the top of the page, say the same.
      const recent = page.locator('[data-testid="recent-plans"] .item', { hasText: 'Plan de capacitación' });
      expect((await recent.locator('[data-testid="plan-since-visit"] .tag').allInnerTexts()).map((s) => s.trim())).toEqual(['Con cambios de otras personas', '2 comentarios nuevos']);
      expect(await row('Plan de campañas').locator('[data-testid="plan-since-visit"]').count()).toBe(0);

      await row('Plan de capacitación').getByRole('link', { name: 'Plan de capacitación' }).click();
      await page.locator('[data-testid="plan-editor"] [contenteditable="true"]').waitFor({ timeout: LIVE_MS });
      // Opening the plan records the visit (after reading its news); back on the group page, nothing is new.
      await expect.poll(visitAt, { timeout: LIVE_MS }).not.toBe(firstVisit);
      const openedVisit = await visitAt();
      await page.goBack();
      await row('Plan de capacitación').getByText('Su última visita:').waitFor({ timeout: LIVE_MS });
      await expect.poll(() => row('Plan de capacitación').locator('[data-testid="plan-since-visit"]').count(), { timeout: LIVE_MS }).toBe(0);
      expect(await page.locator('[data-testid="recent-plans"] [data-testid="plan-since-visit"]').count()).toBe(0);
      // News arriving while the group page is open shows up without a reload.
      // Leaving the plan recorded the visit again: Ana's comment comes after it.
      await expect.poll(visitAt, { timeout: LIVE_MS }).not.toBe(openedVisit);
      expect((await ana.api.post(`/api/documents/${seen}/comments`, { body: 'Ya confirmé la sede.' })).status).toBe(201);
      await expect
        .poll(() => row('Plan de capacitación').locator('[data-testid="plan-since-visit"] .tag').allInnerTexts(), { timeout: LIVE_MS })
        .toEqual(['1 comentario nuevo']);
      // So do a comment Beto had seen, reworded, and a decision proposed on the plan.
      expect((await ana.api.patch(`/api/comments/${written[1]}`, { body: 'Propongo a la FGR y a la SSPC.' })).status).toBe(200);
      expect((await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Sede del taller', documentId: seen })).status).toBe(201);
      await expect
        .poll(() => row('Plan de capacitación').locator('[data-testid="plan-since-visit"] .tag').allInnerTexts(), { timeout: LIVE_MS })
        .toEqual(['1 comentario nuevo', '1 comentario editado', '1 decisión nueva o actualizada']);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
