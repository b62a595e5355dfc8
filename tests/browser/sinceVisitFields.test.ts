/**
 * "Since your last visit" says which fields of a changed activity others changed, by their column names, and marks
 * those cells in the table (a frame, and words for screen readers) besides the row; dismissing the notice takes them away.
 */
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const LIVE_MS = 15_000;

describe('since your last visit, field by field', () => {
  const h = useBrowserWorld();

  it('names «Fin» and «Meta» in the notice and marks those two cells of the changed row', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);

    const ya = connectYjs(h.server.wsUrl, docId, ana.api.token);
    const yb = connectYjs(h.server.wsUrl, docId, beto.api.token);
    try {
      await waitSynced(ya);
      insertActivity(ya.doc, { id: 'act_uno', title: 'Mesa técnica estatal' });
      insertActivity(ya.doc, { id: 'act_dos', title: 'Taller en Tijuana', endDate: '2026-06-30', target: '10 talleres' });
      await waitSynced(yb);
      await waitFor(() => getActivities(yb.doc).length === 2, LIVE_MS, 'Beto sees the activities');
      await waitFor(async () => (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body?.activities?.length === 2, LIVE_MS, 'rows stored');
      expect((await ana.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);

      // Beto moves the end and the target of the second, sets its status and back, and adds a third.
      const second = getActivities(yb.doc).toArray().find((row) => row.get('id') === 'act_dos')!;
      second.set('endDate', '2026-09-30');
      second.set('target', '25 talleres');
      second.set('status', 'done');
      second.set('status', 'planned');
      insertActivity(yb.doc, { id: 'act_tres', title: 'Foro regional' });
      await waitFor(async () => {
        const c = (await ana.api.get(`/api/documents/${docId}/changes-since-visit`)).body as { addedActivityIds: string[]; changedActivities?: Array<{ id: string; fields: string[] }> };
        return c.addedActivityIds.length === 1 && c.changedActivities?.[0]?.fields.length === 2;
      }, LIVE_MS, 'Beto’s edits reach the server');
    } finally {
      ya.destroy();
      yb.destroy();
    }

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
      const notice = a.page.getByTestId('since-last-visit');
      await notice.waitFor({ timeout: LIVE_MS });
      const fields = notice.getByTestId('since-visit-changed-fields');
      await fields.waitFor({ timeout: LIVE_MS });
      expect(await fields.innerText()).toBe('Cambió: Fin y Meta');
      expect(await notice.getByTestId('since-visit-activities').innerText()).toBe('1 actividad modificada');

      // The two cells are marked, with words for screen readers; the status set and set back is not, nor the new row's cells.
      const row = a.page.locator('[data-testid="activity-row"][data-activity-id="act_dos"]');
      await row.locator('.cell-changed').first().waitFor({ timeout: LIVE_MS });
      expect(await a.page.locator('.activities-table .cell-changed').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-cell')))).toEqual(['endDate', 'target']);
      for (const field of ['endDate', 'target']) {
        const cell = row.locator(`[data-cell="${field}"]`);
        expect(await cell.getAttribute('data-changed-since-visit')).toBe('true');
        expect(await cell.locator('.visually-hidden').innerText()).toBe('cambió desde su última visita');
        // Framed, not only tinted.
        expect(await cell.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
      }
      expect(await row.locator('[data-cell="status"]').getAttribute('data-changed-since-visit')).toBeNull();
      expect(await row.getAttribute('data-since-visit')).toBe('changed');

      // The count leads to the row, and sideways to its first changed cell, so the mark is seen.
      await notice.getByRole('button', { name: '1 actividad modificada' }).click();
      await expect.poll(() => a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.activityId), { timeout: 5000 }).toBe('act_dos');
      const end = row.locator('[data-cell="endDate"]');
      await expect.poll(() => end.evaluate((cell) => {
        const c = cell.getBoundingClientRect();
        const f = cell.closest('[data-testid="activities-scroll"]')!.getBoundingClientRect();
        return c.left >= f.left && c.right <= f.right;
      }), { timeout: 5000 }).toBe(true);

      // Dismissing the notice takes the cell marks away with the row marks.
      await notice.getByRole('button', { name: 'Ocultar aviso y marcas' }).click();
      await expect.poll(() => a.page.getByTestId('since-last-visit').count(), { timeout: 5000 }).toBe(0);
      expect(await a.page.locator('.activities-table .cell-changed').count()).toBe(0);
      expect(await a.page.locator('.activities-table [data-changed-since-visit]').count()).toBe(0);
      expect(a.errors).toEqual([]);
    } finally {
      await a.close();
    }
  });
});
