/**
 * Where the focus goes when a row is added or its removal asked for, with the keyboard and in a busy meeting.
 * Adding focused the table's last title, not the new row's: a row someone else added at the same moment could sort
 * after it, and the person's typing went into the other row. Asking to remove put the focus on "Confirm" (a second
 * Enter removed the row) and Escape did nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';
/** The frame the page paints after a new row is held up this long (a big plan mounting rows, a slow device). */
const SLOW_FRAME_MS = 2500;

describe('focus when adding and removing activities', () => {
  const h = useBrowserWorld();

  async function openPlan() {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const other = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(other);
    insertActivity(other.doc, { id: 'act_primera', title: 'Primera' });
    const session = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await session.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    await session.page.locator(ROW).first().waitFor();
    await expect.poll(() => session.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
    return { session, page: session.page, other, documentId, token: ana.api.token };
  }

  it('types into the row just added, even when another person’s row added at the same moment sorts after it', async () => {
    const { session, page, other, documentId, token } = await openPlan();
    // Beto adds a row while Ana does: his client, which orders after hers, writes it without having seen hers.
    const betoDoc = new Y.Doc();
    betoDoc.clientID = 0xfffffff0;
    const beto = connectYjs(h.server.wsUrl, documentId, token, { doc: betoDoc });
    try {
      await waitSynced(beto);
      beto.provider.disconnect();
      await page.evaluate((delay) => {
        const paint = window.requestAnimationFrame.bind(window);
        window.requestAnimationFrame = (cb) => window.setTimeout(() => paint(cb), delay);
      }, SLOW_FRAME_MS);
      await page.getByTestId('add-activity').click();
      insertActivity(beto.doc, { id: 'act_beto', title: 'Fila de Beto' });
      beto.provider.connect();
      // Beto's row arrives, last in the table, before Ana's page paints again.
      await expect.poll(() => page.locator(ROW).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-activity-id'))), { timeout: SLOW_FRAME_MS - 500 }).toEqual(
        expect.arrayContaining(['act_primera', 'act_beto']),
      );
      const ids = await page.locator(ROW).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-activity-id')));
      expect(ids).toHaveLength(3);
      expect(ids.at(-1)).toBe('act_beto');
      const anasRow = ids[1]!;
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field ?? ''), { timeout: SLOW_FRAME_MS * 2 }).toBe('title');
      await page.keyboard.type('Mi actividad');
      const titleOf = (id: string) => getActivities(other.doc).toArray().find((r) => r.get('id') === id)?.get('title');
      await waitFor(() => titleOf(anasRow) === 'Mi actividad', 10_000, 'Ana’s typing in her row');
      expect(titleOf('act_beto')).toBe('Fila de Beto');
      expect(session.errors).toEqual([]);
    } finally {
      beto.destroy();
      other.destroy();
      await session.close();
    }
  });

  it('asks before removing with the focus on Cancel, and Escape puts it back on Remove', async () => {
    const { session, page, other } = await openPlan();
    try {
      const row = page.locator(ROW).first();
      await row.getByTestId('remove-activity').focus();
      await page.keyboard.press('Enter');
      const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
      await expect.poll(focused).toBe('Cancelar');
      expect(await row.getByTestId('confirm-remove-activity').getAttribute('aria-label')).toBe('Confirmar: eliminar la actividad 1');
      // A second Enter (on Cancel) removes nothing.
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('Eliminar');
      expect(getActivities(other.doc).length).toBe(1);
      // Escape dismisses the question, the focus back on Remove.
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('Cancelar');
      await page.keyboard.press('Escape');
      await expect.poll(focused).toBe('Eliminar');
      expect(await row.getByTestId('confirm-remove-activity').count()).toBe(0);
      // Confirming still removes it.
      await page.keyboard.press('Enter');
      await row.getByTestId('confirm-remove-activity').click();
      await waitFor(() => getActivities(other.doc).length === 0, 10_000, 'the row removed');
      expect(session.errors).toEqual([]);
    } finally {
      other.destroy();
      await session.close();
    }
  });
});
