/**
 * A plan at the server's activity limit: the row that goes past it is refused (1009), the page says so and what
 * to do instead of reconnecting in a loop, and a reload opens the plan as saved (the offline copy holding the
 * refused row is dropped, or it would be sent and refused again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld, type World } from '../helpers/api.js';
import { newSignedInPage, useBrowserHarness } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const CAP = 3;

describe('a full plan in the browser', () => {
  const h = useBrowserHarness({ limits: { maxActivitiesPerPlan: CAP } });
  let world: World;
  const clients: YClient[] = [];
  beforeAll(async () => {
    world = await createWorld(h.server.url);
  });
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('says the plan is full, stops reconnecting, and reopens as saved', async () => {
    const ana = await world.user('Ana Torres', 'SSPC');
    const workspaceId = await world.workspace(ana.api);
    const documentId = await world.document(ana.api, workspaceId, 'blank');
    const filler = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    clients.push(filler);
    await waitSynced(filler);
    for (let i = 0; i < CAP; i++) insertActivity(filler.doc, { id: `fila-${i}`, title: `Fila ${i + 1}` });

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      const sockets: string[] = [];
      page.on('websocket', (ws) => {
        if (ws.url().includes('/yjs/')) sockets.push(ws.url());
      });
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await expect.poll(() => page.getByTestId('activity-row').count(), { timeout: 15_000 }).toBe(CAP);
      // The web app's own cap is the default one, far above this server's: its button still adds a row.
      await page.getByTestId('add-activity').click();
      const alert = page.getByRole('alert').filter({ hasText: 'máximo de actividades' });
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.innerText()).toContain('Recargue la página');
      // No reconnect loop: the one socket stays the only one.
      const opened = sockets.length;
      await page.waitForTimeout(2500);
      expect(sockets.length).toBe(opened);

      // The server kept the plan as it was.
      const check = connectYjs(h.server.wsUrl, documentId, ana.api.token);
      clients.push(check);
      await waitSynced(check);
      expect(readActivities(check.doc).map((a) => a.id)).toEqual(['fila-0', 'fila-1', 'fila-2']);

      // A reload opens the saved plan, without the refused row, and edits save again.
      await page.reload();
      await expect.poll(() => page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
      await page.waitForTimeout(1000);
      expect(await page.getByTestId('activity-row').count()).toBe(CAP);
      expect(await page.getByRole('alert').filter({ hasText: 'máximo de actividades' }).count()).toBe(0);
      await page.locator('[data-testid="activity-row"] input[data-field="title"]').first().fill('Fila uno, revisada');
      await page.keyboard.press('Tab');
      await waitFor(() => readActivities(check.doc)[0]?.title === 'Fila uno, revisada', 10_000, 'edit after reload saved');
      expect(errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
    } finally {
      await close();
    }
  });
});
