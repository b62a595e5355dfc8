/**
 * Typing a date with the keyboard in an activity's start or end cell. Chromium reports the year as it is typed
 * (0002, 0020, 0202, 2025); each partial year was written to the plan (a junk "0002-03-15" reached everyone), read
 * back as no date and the field emptied under the person's fingers, so a date could not be typed at all.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';

/**
 * The keys that type `iso` (YYYY-MM-DD) into a date field. Chromium orders the field's parts by its own interface
 * language (month first when headless), not by the page's locale, so the order is read off a scratch field.
 */
async function dateKeys(page: Page, iso: string): Promise<string> {
  await page.evaluate(() => {
    const probe = Object.assign(document.createElement('input'), { type: 'date', id: 'date-order-probe' });
    document.body.append(probe);
    probe.focus();
  });
  await page.keyboard.type('01022003');
  const probed = await page.evaluate(() => {
    const probe = document.getElementById('date-order-probe') as HTMLInputElement;
    probe.remove();
    return probe.value;
  });
  const [year, month, day] = iso.split('-');
  if (probed === '2003-01-02') return `${month}${day}${year}`;
  if (probed === '2003-02-01') return `${day}${month}${year}`;
  throw new Error(`unexpected date field order: ${probed}`);
}

describe('typing a date in the activities table', () => {
  const h = useBrowserWorld();

  it('stores exactly the date typed, never a partial year, and keeps what is being typed on screen', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    // A stock client seeds the row, then records every date value the plan ever holds.
    const reader = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await waitSynced(reader);
      insertActivity(reader.doc, { id: 'act_fechas', title: 'Fechas a mano' });
      const stored: Array<[string, unknown]> = [];
      getActivities(reader.doc).observeDeep((events) => {
        for (const event of events) {
          if (!(event instanceof Y.YMapEvent)) continue;
          for (const key of ['startDate', 'endDate']) if (event.keysChanged.has(key)) stored.push([key, (event.target as Y.Map<unknown>).get(key)]);
        }
      });
      const row = () => getActivities(reader.doc).get(0);

      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      const start = page.locator(`${ROW} input[data-field="startDate"]`);
      const end = page.locator(`${ROW} input[data-field="endDate"]`);
      // Clicked to leave a date field (Tab first steps to the field's own calendar button).
      const title = page.locator(`${ROW} input[data-field="title"]`);
      await start.waitFor();
      await expect.poll(() => page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');

      const startKeys = await dateKeys(page, '2025-03-15');
      const endKeys = await dateKeys(page, '2025-11-30');
      await start.focus();
      // One key at a time, as a person types: each partial year reaches the page before the next key.
      await page.keyboard.type(startKeys, { delay: 80 });
      expect(await start.inputValue()).toBe('2025-03-15');
      await waitFor(() => row().get('startDate') === '2025-03-15', 10_000, 'the typed start date in the plan');

      // Half a date (its year cut at "2"), then leaving the field: the plan holds no end date, the field shows none.
      await end.focus();
      await page.keyboard.type(endKeys.slice(0, 5), { delay: 80 });
      await title.click();
      await expect.poll(() => end.inputValue(), { timeout: 5_000 }).toBe('');

      // The whole end date, then leaving the field.
      await end.focus();
      await page.keyboard.type(endKeys, { delay: 80 });
      await title.click();
      await waitFor(() => row().get('endDate') === '2025-11-30', 10_000, 'the typed end date in the plan');
      expect(await end.inputValue()).toBe('2025-11-30');

      // Ctrl+Z in the field undoes the date, and the focused field shows it (its draft follows the plan when no
      // partial date is being typed).
      await end.focus();
      await page.keyboard.press('Control+z');
      await waitFor(() => row().get('endDate') === '', 10_000, 'the end date undone');
      await expect.poll(() => end.inputValue(), { timeout: 5_000 }).toBe('');

      await expect.poll(() => page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
      expect(row().get('startDate')).toBe('2025-03-15');
      // Every value the plan ever held for either date: the two dates typed, then the undo.
      expect(stored).toEqual([
        ['startDate', '2025-03-15'],
        ['endDate', '2025-11-30'],
        ['endDate', ''],
      ]);
      expect(errors).toEqual([]);
    } finally {
      await close();
      reader.destroy();
    }
  });
});
