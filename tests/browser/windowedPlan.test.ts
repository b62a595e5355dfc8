/**
 * A very big plan's table keeps only the rows in and near its frame's view in the page (checked by structure, not by
 * timings): scrolling brings others in, the row being typed in stays while it is scrolled away, and links, the add
 * button and a comment thread reach rows that were not in the page. The comment margin's list of activities is
 * filled in only when it is reached.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MANDATE_AREAS } from '../../shared/constants.js';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced, type YClient } from '../helpers/yjsClient.js';

const ROWS = '[data-testid="activities-table"] [data-testid="activity-row"]';
const ROW_COUNT = 3000;

function writeActivities(y: YClient, count: number): void {
  y.doc.transact(() => {
    for (let i = 0; i < count; i++) {
      insertActivity(y.doc, { id: `w-${i}`, title: `Actividad ${i + 1}`, description: `Descripción ${i + 1}`, mandateArea: MANDATE_AREAS[i % MANDATE_AREAS.length] });
    }
  });
}

/** The ids of the rows in the page, in order. */
const shownIds = (page: Page) => page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-activity-id')));

/** Scrolls the table's frame to `where`, a fraction of how far it can scroll (0: top, 1: bottom). */
async function scrollFrame(page: Page, where: number): Promise<void> {
  await page.getByTestId('activities-scroll').evaluate((el, f) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
  }, where);
}

/** Whether `id`'s row is in the page, and if so whether it shows inside the table's frame. */
const rowInFrame = (page: Page, id: string) =>
  page.getByTestId('activities-scroll').evaluate((el, wanted) => {
    const row = el.querySelector(`[data-activity-id="${wanted}"]`);
    if (!row) return 'absent';
    const box = el.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom ? 'in view' : 'in the page, out of view';
  }, id);

describe('a very big plan', () => {
  const h = useBrowserWorld();

  async function open(query = '') {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const y = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(y);
    writeActivities(y, ROW_COUNT);
    const session = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    await session.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}${query}`);
    await session.page.locator(ROWS).first().waitFor({ timeout: 20_000 });
    return { ana, workspaceId, documentId, y, ...session };
  }

  it('shows the rows in view, brings others in as the frame scrolls, and keeps the row being typed in', { timeout: 150_000 }, async () => {
    const { y, page, errors, close } = await open();
    try {
      // The count is the plan's; the page holds a window of rows from the top, and says how many rows the table has.
      expect(await page.locator('.activities .count').innerText()).toBe('3000');
      const first = await shownIds(page);
      expect(first[0]).toBe('w-0');
      expect(first.length).toBeGreaterThan(5);
      expect(first.length).toBeLessThanOrEqual(150);
      expect(first).toEqual(Array.from({ length: first.length }, (_, i) => `w-${i}`));
      expect(await page.getByTestId('activities-table').getAttribute('aria-rowcount')).toBe('3001');
      expect(await page.locator(`${ROWS}[data-activity-id="w-1"]`).getAttribute('aria-rowindex')).toBe('3');

      // To the end of the frame: the last rows come in (and the first go), in order.
      await scrollFrame(page, 1);
      await expect.poll(() => rowInFrame(page, 'w-2999'), { timeout: 10_000 }).toBe('in view');
      const last = await shownIds(page);
      expect(last).not.toContain('w-0');
      expect(last.at(-1)).toBe('w-2999');
      const from = Number(last[0]!.slice(2));
      expect(last).toEqual(Array.from({ length: last.length }, (_, i) => `w-${from + i}`));

      // Typing in the last row, then scrolling back to the top: that row stays in the page with the focus and the text.
      const title = page.locator('[data-activity-id="w-2999"] input[data-field="title"]');
      await title.click();
      await title.press('End');
      await page.keyboard.type(' revisada');
      await scrollFrame(page, 0);
      await expect.poll(() => rowInFrame(page, 'w-0'), { timeout: 10_000 }).toBe('in view');
      expect(await rowInFrame(page, 'w-2999')).toBe('in the page, out of view');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.closest('tr')?.getAttribute('data-activity-id'))).toBe('w-2999');
      await page.keyboard.type(' y aprobada');
      await page.keyboard.press('Tab');
      const lastRow = () => getActivities(y.doc).get(ROW_COUNT - 1) as Y.Map<unknown>;
      await expect.poll(() => lastRow().get('title'), { timeout: 10_000 }).toBe('Actividad 3000 revisada y aprobada');

      // A change someone makes to a row out of the page shows when it is scrolled to.
      const middle = getActivities(y.doc).get(1500) as Y.Map<unknown>;
      y.doc.transact(() => middle.set('title', 'Mesa regional, frontera sur'));
      await scrollFrame(page, 0.5);
      await expect.poll(() => page.locator('[data-activity-id="w-1500"] input[data-field="title"]').inputValue().catch(() => 'absent'), { timeout: 10_000 }).toBe('Mesa regional, frontera sur');

      // Adding a row from the top of the frame: the new (last) row is brought in with the focus on its title, though
      // another client put a value that is no row into the list (the table skips it; read as a row, it threw).
      (getActivities(y.doc) as unknown as Y.Array<unknown>).insert(10, ['no es una fila']);
      await scrollFrame(page, 0);
      await page.getByTestId('add-activity').click();
      await expect.poll(() => getActivities(y.doc).length, { timeout: 10_000 }).toBe(ROW_COUNT + 2);
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('data-field')), { timeout: 10_000 }).toBe('title');
      await page.keyboard.type('Nueva actividad al final');
      await page.keyboard.press('Tab');
      await expect.poll(() => (getActivities(y.doc).get(ROW_COUNT + 1) as Y.Map<unknown>).get('title'), { timeout: 10_000 }).toBe('Nueva actividad al final');
      expect(await rowInFrame(page, (getActivities(y.doc).get(ROW_COUNT + 1) as Y.Map<unknown>).get('id') as string)).toBe('in view');
      expect(errors).toEqual([]);
    } finally {
      await close();
      y.destroy();
    }
  });

  it('brings a linked row and a comment thread’s row into the page and into view', async () => {
    const { ana, documentId, y, page, errors, close } = await open('?activity=w-2100');
    try {
      await expect.poll(() => page.locator('[data-activity-id="w-2100"]').getAttribute('class'), { timeout: 10_000 }).toContain('activity-focus');
      await expect.poll(() => rowInFrame(page, 'w-2100'), { timeout: 10_000 }).toBe('in view');
      expect((await shownIds(page)).length).toBeLessThanOrEqual(151);

      // A thread about a row far from the view leads to it.
      const created = await ana.api.post(`/api/documents/${documentId}/comments`, { body: '¿Quién coordina esta?', anchor: { type: 'activity', activityId: 'w-400' } });
      expect(created.status).toBe(201);
      await page.reload();
      await page.locator(ROWS).first().waitFor({ timeout: 20_000 });
      expect(await rowInFrame(page, 'w-400')).toBe('absent');
      const card = page.locator('.comment-margin .comment-thread').filter({ hasText: '¿Quién coordina esta?' });
      await card.getByRole('button', { name: 'Ir a la actividad en la tabla' }).click();
      const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('data-activity-id') ?? null);
      await expect.poll(focused, { timeout: 10_000 }).toBe('w-400');
      await expect.poll(() => rowInFrame(page, 'w-400'), { timeout: 10_000 }).toBe('in view');
      expect(await page.locator('[data-activity-id="w-400"]').getAttribute('data-commented')).toBe('true');

      // A thread about a row the table's search hides: the search is cleared and the row brought into view.
      const search = page.getByTestId('activities-search');
      await search.fill('zzz');
      await expect.poll(() => page.locator(ROWS).count(), { timeout: 5_000 }).toBe(0);
      expect(await page.getByTestId('activities-search-found').innerText()).toContain('Ninguna actividad coincide con «zzz».');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await card.getByRole('button', { name: 'Ir a la actividad en la tabla' }).click();
      await expect.poll(focused, { timeout: 10_000 }).toBe('w-400');
      expect(await search.inputValue()).toBe('');
      await expect.poll(() => rowInFrame(page, 'w-400'), { timeout: 10_000 }).toBe('in view');

      // The new comment's "about" list has its 3,000 options while it is reached, not while the plan opens.
      const about = page.getByLabel('Tema del comentario');
      expect(await about.locator('option').count()).toBe(1);
      await about.focus();
      await expect.poll(() => about.locator('option').count(), { timeout: 5_000 }).toBe(ROW_COUNT + 1);
      await about.selectOption('w-2999');
      expect(await about.locator('option:checked').innerText()).toBe('Actividad: Actividad 3000');
      // Left, it keeps only the general choice and the chosen activity.
      await about.blur();
      await expect.poll(() => about.locator('option').count(), { timeout: 5_000 }).toBe(2);
      expect(await about.locator('option:checked').innerText()).toBe('Actividad: Actividad 3000');
      expect(errors).toEqual([]);
    } finally {
      await close();
      y.destroy();
    }
  });

  it('finds rows by their words across the whole plan, accents and case aside, and shows them all again', async () => {
    const { y, page, errors, close } = await open();
    try {
      const search = page.getByTestId('activities-search');
      await search.fill('ACTIVIDAD 2999');
      await expect.poll(() => shownIds(page), { timeout: 10_000 }).toEqual(['w-2998']);
      expect(await page.getByTestId('activities-search-found').innerText()).toMatch(/^1 de 3,?000 actividades coincide\./);
      // The row keeps its number in the plan, edits in it are edits of the plan, and it stays while edited out of
      // the search.
      const row = page.locator('[data-activity-id="w-2998"]');
      expect(await row.locator('td.num').innerText()).toBe('2999');
      await row.locator('input[data-field="title"]').fill('Mesa encontrada');
      await row.locator('input[data-field="title"]').press('Tab');
      await expect.poll(() => (getActivities(y.doc).get(2998) as Y.Map<unknown>).get('title'), { timeout: 10_000 }).toBe('Mesa encontrada');
      expect(await shownIds(page)).toEqual(['w-2998']);
      // Searched again, it is found by its new words only.
      await search.fill('DESCRIPCION 2999 mesa');
      await expect.poll(() => shownIds(page), { timeout: 10_000 }).toEqual(['w-2998']);
      await search.fill('actividad 2999');
      await expect.poll(() => shownIds(page), { timeout: 10_000 }).toEqual([]);

      // Several words: rows holding all of them (813 of the 3,000 numbers have a 5), a window of them in the page.
      await search.fill('descripción 5');
      await expect.poll(() => page.getByTestId('activities-search-found').innerText(), { timeout: 10_000 }).toMatch(/^813 de 3,?000 actividades coinciden\./);
      const found = await shownIds(page);
      expect(found.length).toBeGreaterThan(5);
      expect(found.every((id) => String(Number(id!.slice(2)) + 1).includes('5'))).toBe(true);

      // Escape in the field shows every row again.
      await search.press('Escape');
      await expect.poll(() => page.getByTestId('activities-search-found').count(), { timeout: 5_000 }).toBe(0);
      await expect.poll(async () => (await shownIds(page))[0], { timeout: 5_000 }).toBe('w-0');
      expect(await page.getByTestId('activities-table').getAttribute('aria-rowcount')).toBe('3001');
      expect(errors).toEqual([]);
    } finally {
      await close();
      y.destroy();
    }
  });
});
