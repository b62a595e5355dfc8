/**
 * A big plan stays cheap to edit because of how the page is built, checked by structure, not by timings: typing in
 * the prose touches no activity row, a remote change to one activity touches that row only, a table of more than 100
 * rows puts only the rows in and near its frame's view in the page (in a frame of its own height), and until the
 * plan's content first arrives the page says it is loading (and that it is connecting) instead of showing a blank
 * plan.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ACTIVITY_STATUSES, MANDATE_AREAS } from '../../shared/constants.js';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced, type YClient } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const ROWS = '[data-testid="activities-table"] [data-testid="activity-row"]';
const BADGE = '[data-testid="save-state"]';
const ROW_COUNT = 300;

/** Fills the plan with `count` activities in one transaction, as another agency's client would. */
function writeActivities(y: YClient, count: number): void {
  y.doc.transact(() => {
    for (let i = 0; i < count; i++) {
      insertActivity(y.doc, {
        id: `big-${i}`,
        title: `Actividad ${i + 1}: capacitación a fiscalías`,
        description: `Descripción de la actividad ${i + 1}`,
        mandateArea: MANDATE_AREAS[i % MANDATE_AREAS.length],
        status: ACTIVITY_STATUSES[i % ACTIVITY_STATUSES.length],
        startDate: '2027-02-01',
        endDate: '2027-06-30',
        target: `Meta ${i + 1}`,
        indicator: `Indicador ${i + 1}`,
      });
    }
  });
}

/** Starts recording every DOM mutation inside the table body, by the activity row it happened in. */
async function watchTableBody(page: Page): Promise<void> {
  await page.evaluate(() => {
    const body = document.querySelector('[data-testid="activities-table"] tbody')!;
    const w = window as unknown as { tableMutations: string[] };
    w.tableMutations = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        w.tableMutations.push(el?.closest('tr[data-activity-id]')?.getAttribute('data-activity-id') ?? 'outside a row');
      }
    }).observe(body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** Records, before the page's scripts run, which activity rows the table held when it first appeared. */
async function recordFirstTable(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { firstTable?: string[] };
    new MutationObserver((_, observer) => {
      const body = document.querySelector('[data-testid="activities-table"] tbody');
      if (!body) return;
      observer.disconnect();
      w.firstTable = [...body.querySelectorAll('[data-testid="activity-row"]')].map((r) => r.getAttribute('data-activity-id') ?? '');
    }).observe(document, { childList: true, subtree: true });
  });
}

const firstTable = (page: Page) => page.evaluate(() => (window as unknown as { firstTable?: string[] }).firstTable);

/** The ids of the activity rows in the page, in order. */
const rowIds = (page: Page) => page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-activity-id')));

/** The first `n` ids of the plan, in order. */
const firstIds = (n: number) => Array.from({ length: n }, (_, i) => `big-${i}`);

const tableMutations = (page: Page) => page.evaluate(() => (window as unknown as { tableMutations: string[] }).tableMutations);

describe('a big plan', () => {
  const h = useBrowserWorld();

  /** Ana's new plan filled with ROW_COUNT activities by her Yjs client, and a signed-in page of hers (not yet on it). */
  async function bigPlanOpen() {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const y = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(y);
    writeActivities(y, ROW_COUNT);
    const session = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    return { workspaceId, documentId, y, ...session };
  }

  it('re-renders no activity row while typing prose, and only the changed row on a remote change', async () => {
    const { workspaceId, documentId, y, page, errors, close } = await bigPlanOpen();
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.locator(EDITOR).waitFor();
      await page.locator('[data-activity-id="big-5"]').waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 20_000 }).toBe('saved');

      // Twenty characters of prose: the save badge moves, the table body does not change at all.
      await watchTableBody(page);
      await page.locator(EDITOR).click();
      await page.keyboard.press('Control+End');
      const typed = ' Revisión trimestral';
      expect(typed).toHaveLength(20);
      await page.keyboard.type(typed);
      await expect.poll(() => page.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain(typed.trim());
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      expect((await tableMutations(page)).length).toBe(0);

      // Someone else renames one activity: only that activity's row changes on this page.
      const target = getActivities(y.doc).toArray().find((row) => row.get('id') === 'big-5')!;
      expect(target).toBeInstanceOf(Y.Map);
      y.doc.transact(() => target.set('title', 'Mesa regional con fiscalías de la frontera sur'));
      const title = page.locator('[data-activity-id="big-5"] input[data-field="title"]');
      await expect.poll(() => title.inputValue(), { timeout: 10_000 }).toBe('Mesa regional con fiscalías de la frontera sur');
      const touched = await tableMutations(page);
      expect(touched.length).toBeGreaterThan(0);
      expect([...new Set(touched)]).toEqual(['big-5']);
      expect(errors).toEqual([]);
    } finally {
      await close();
      y.destroy();
    }
  });

  it('puts only the rows in and near view in the page, in order, also after a search; a linked row is there at once', async () => {
    const { workspaceId, documentId, y, page, errors, close } = await bigPlanOpen();
    try {
      await recordFirstTable(page);
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      // The first rows, in order, and spacers standing in for the rest: 300 rows mounted whole were ~17,000 elements.
      await expect.poll(async () => ((await firstTable(page)) ?? []).length, { timeout: 20_000 }).toBeGreaterThan(0);
      const first = (await firstTable(page))!;
      expect(first.length).toBeLessThan(ROW_COUNT / 2);
      expect(first).toEqual(firstIds(first.length));
      expect(await page.getByTestId('activities-gap').count()).toBeGreaterThan(0);

      // A search shows what it found; cleared, the table is a window again, from the first row.
      const search = page.getByTestId('activities-search');
      await search.fill('Meta 250');
      await expect.poll(() => rowIds(page), { timeout: 10_000 }).toEqual(['big-249']);
      await search.fill('');
      await expect.poll(async () => (await rowIds(page))[0], { timeout: 10_000 }).toBe('big-0');
      const inPage = await rowIds(page);
      expect(inPage.length).toBeLessThan(ROW_COUNT / 2);
      expect(inPage).toEqual(firstIds(inPage.length));

      // A row someone else adds at the end is there once the frame is scrolled to it.
      y.doc.transact(() => insertActivity(y.doc, { id: 'big-extra', title: 'Actividad añadida después' }));
      await expect
        .poll(
          async () => {
            await page.getByTestId('activities-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
            return page.locator('[data-activity-id="big-extra"]').count();
          },
          { timeout: 10_000 },
        )
        .toBe(1);

      // A link to activity 251 (from the matrix) has that row in the table's first render and brings it into view.
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}?activity=big-250`);
      await expect.poll(async () => (await firstTable(page)) ?? [], { timeout: 20_000 }).toContain('big-250');
      await expect.poll(() => page.locator('[data-activity-id="big-250"]').getAttribute('class'), { timeout: 10_000 }).toContain('activity-focus');
      // A table this big scrolls up and down in its own frame, with its column names kept in view: the row was reached
      // by scrolling the frame, not the page.
      const frame = () => page.getByTestId('activities-scroll').evaluate((el) => {
        const box = el.getBoundingClientRect();
        const head = el.querySelector('thead th')!.getBoundingClientRect();
        const row = el.querySelector('[data-activity-id="big-250"]')!.getBoundingClientRect();
        return { bounded: el.clientHeight < window.innerHeight, scrolled: el.scrollTop > 0, headAtTop: Math.abs(head.top - box.top) <= 2, rowInside: row.top >= box.top && row.bottom <= box.bottom };
      });
      // (The row is brought into view smoothly: wait for the scroll to end.)
      await expect.poll(frame, { timeout: 5_000 }).toEqual({ bounded: true, scrolled: true, headAtTop: true, rowInside: true });
      expect(errors).toEqual([]);
    } finally {
      await close();
      y.destroy();
    }
  });

  it('says the plan is loading and connecting until its content first arrives', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      // Hold the plan's socket until the loading state has been checked, then let it through to the server; then hold
      // what the server sends until the "loading" label has been checked.
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let held: Array<string | Buffer> | null = [];
      let deliver = (_m: string | Buffer) => {};
      await page.routeWebSocket(/\/yjs/, async (ws) => {
        await released;
        const server = ws.connectToServer();
        deliver = (m) => ws.send(m);
        server.onMessage((m) => (held ? held.push(m) : deliver(m)));
      });
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);

      const loading = page.getByRole('status').filter({ hasText: 'Cargando el contenido del plan…' });
      await loading.waitFor();
      expect(await page.getAttribute(BADGE, 'data-state')).toBe('offline');
      expect(await page.getByTestId('save-label').innerText()).toBe('Conectando…');
      // Nothing to type into yet, and no empty activities table.
      expect(await page.locator(EDITOR).count()).toBe(0);
      expect(await page.locator('[data-testid="activities-table"]').count()).toBe(0);

      release();
      // Connected, the content not here yet: "loading", not "saving" (nothing typed is pending; data-state stays exact).
      await expect.poll(() => page.getByTestId('save-label').innerText(), { timeout: 10_000 }).toBe('Cargando…');
      expect(await page.getAttribute(BADGE, 'data-state')).toBe('saving');
      const waiting = held;
      held = null;
      for (const m of waiting) deliver(m);
      await page.locator(EDITOR).waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain('Objetivos');
      expect(await loading.count()).toBe(0);
      await page.getByTestId('activities-table').waitFor();
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      await expect.poll(() => page.getByTestId('save-label').innerText(), { timeout: 5_000 }).toBe('Guardado');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
