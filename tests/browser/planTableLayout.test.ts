/**
 * Layout details people notice: the plan's activities table scrolls inside its own frame with the
 * activity title readable and pinned to the left, says when more columns lie sideways, and never
 * widens the page (1280 and 390 px); meeting start times name their time zone, and a viewer outside
 * Mexico City also sees the Mexico City time the minutes use.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { signIn, useBrowserWorld } from '../helpers/browserSession.js';
import { insertActivity } from '../../shared/planModel.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const TABLE = '[data-testid="activities-table"]';
const SCROLLER = '[data-testid="activities-scroll"]';
const LONG_TITLES = [
  'Capacitación en identificación de víctimas de trata para personal del Instituto Nacional de Migración',
  'Mesa regional de seguimiento a carpetas de investigación por tráfico de personas migrantes',
  'Protocolo conjunto de atención a víctimas en albergues de la frontera norte',
];

describe('activities table layout and meeting time zones', () => {
  const h = useBrowserWorld();

  /** A fresh profile signed in as `email`, in a given viewport and (optionally) time zone. */
  async function open(email: string, viewport: { width: number; height: number }, timezoneId?: string) {
    const context = await h.browser.newContext({ locale: 'es-MX', viewport, ...(timezoneId ? { timezoneId } : {}) });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, h.base, email);
    return { page, errors, close: () => context.close() };
  }

  /** Whether the page as a whole scrolls sideways (it never should: wide content scrolls in its own box). */
  const pageOverflow = (page: Page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

  const box = async (page: Page, selector: string) => {
    const b = await page.locator(selector).first().boundingBox();
    if (!b) throw new Error(`${selector} is not rendered`);
    return b;
  };

  /**
   * How dark the line under each row is as painted (the darkest pixel within 2 px of the row's lower edge, 0–255): in
   * the pinned number column and in the description column, which scrolls. Read from one shot of the table, with the
   * rows' edges measured from the table's own top (a layout shift moves the table as a whole), in a blank page.
   */
  async function rowLines(page: Page): Promise<Array<{ pinned: number; scrolling: number }>> {
    await page.locator(TABLE).scrollIntoViewIfNeeded();
    const rows = await page.locator(TABLE).evaluate((table) => {
      const top = table.getBoundingClientRect();
      return [...table.querySelectorAll('tbody tr[data-testid="activity-row"]')].map((tr) => {
        const num = tr.querySelector('td.num')!.getBoundingClientRect();
        const description = tr.querySelector('td:nth-child(3)')!.getBoundingClientRect();
        return { bottom: tr.getBoundingClientRect().bottom - top.y, numX: num.x - top.x + num.width / 2, descriptionX: description.x - top.x + description.width / 2 };
      });
    });
    const shot = (await page.locator(TABLE).screenshot()).toString('base64');
    const blank = await page.context().newPage();
    try {
      return await blank.evaluate(
        async ({ shot, rows }) => {
          const img = new Image();
          img.src = `data:image/png;base64,${shot}`;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.width;
          canvas.height = img.height;
          const g = canvas.getContext('2d')!;
          g.drawImage(img, 0, 0);
          const darkest = (x: number, y: number) => {
            let min = 255;
            for (let dy = -2; dy <= 2; dy++) {
              const at = Math.round(y) + dy;
              if (at < 0 || at >= img.height) continue;
              const [r, gr, b] = g.getImageData(Math.round(x), at, 1, 1).data;
              min = Math.min(min, Math.round((r + gr + b) / 3));
            }
            return min;
          };
          return rows.map((r) => ({ pinned: darkest(r.numX, r.bottom - 0.5), scrolling: darkest(r.descriptionX, r.bottom - 0.5) }));
        },
        { shot, rows },
      );
    } finally {
      await blank.close();
    }
  }

  /** Scrolls the table's frame to its right end and waits until the frame says nothing more lies to the right. */
  async function scrollTableToEnd(page: Page) {
    await page.locator(SCROLLER).evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    await expect.poll(() => page.locator(SCROLLER).evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1)).toBe(true);
  }

  it('keeps the activity title readable and pinned while the table scrolls in its own frame', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    // A second client writes the rows, as another agency's editor would.
    const y = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(y);
    LONG_TITLES.forEach((title, i) => insertActivity(y.doc, { id: `long-${i}`, title, status: 'in_progress', target: '300 personas servidoras públicas capacitadas', indicator: 'Porcentaje de personal capacitado' }));

    const a = await open(ana.email, { width: 1280, height: 900 });
    await a.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    await expect.poll(() => a.page.locator(`${TABLE} [data-testid="activity-row"]`).count(), { timeout: 10_000 }).toBe(3);
    y.destroy();
    const firstTitle = a.page.locator(`${TABLE} input[data-field="title"]`).first();
    await expect.poll(() => firstTitle.inputValue()).toBe(LONG_TITLES[0]);

    // The title has room to be read, and the whole of it is one hover away.
    expect((await box(a.page, `${TABLE} input[data-field="title"]`)).width).toBeGreaterThanOrEqual(240);
    expect(await firstTitle.getAttribute('title')).toBe(LONG_TITLES[0]);

    // Every row's line runs under the pinned number and title too (an opaque pinned cell painted over it).
    const lines = await rowLines(a.page);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(line.pinned).toBeLessThanOrEqual(line.scrolling + 12);

    // The table is wider than its frame: the frame scrolls, the page does not, and a cue says so.
    const frame = await a.page.locator(SCROLLER).evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, overflowX: getComputedStyle(el).overflowX }));
    expect(frame.scrollWidth).toBeGreaterThan(frame.clientWidth);
    expect(frame.overflowX).toBe('auto');
    const overflowAt1280 = await pageOverflow(a.page);
    expect(overflowAt1280.scrollWidth).toBeLessThanOrEqual(overflowAt1280.innerWidth);
    const hint = a.page.getByTestId('activities-overflow-hint');
    await hint.waitFor();
    expect(await hint.innerText()).toContain('Desplace la tabla hacia los lados para ver todas las columnas');
    expect(await a.page.getAttribute('[data-testid="activities-frame"]', 'data-overflow-end')).toBe('true');

    // Scrolled to its right end: the last columns are in view, the title and row number stay pinned
    // on top of what scrolled under them, with an opaque background.
    await a.page.locator(TABLE).scrollIntoViewIfNeeded();
    await scrollTableToEnd(a.page);
    await expect.poll(() => a.page.getAttribute('[data-testid="activities-frame"]', 'data-overflow-end')).toBe('false');
    expect(await a.page.getAttribute('[data-testid="activities-frame"]', 'data-overflow-start')).toBe('true');
    const scroller = await box(a.page, SCROLLER);
    const titleCell = await box(a.page, `${TABLE} tbody td:has(input[data-field="title"])`);
    const numberCell = await box(a.page, `${TABLE} tbody td.num`);
    expect(titleCell.x).toBeGreaterThanOrEqual(scroller.x - 1);
    expect(titleCell.x + titleCell.width).toBeLessThanOrEqual(1280);
    expect(titleCell.x).toBeGreaterThanOrEqual(numberCell.x + numberCell.width - 1);
    const indicator = await box(a.page, `${TABLE} input[data-field="indicator"]`);
    expect(indicator.x).toBeGreaterThanOrEqual(titleCell.x + titleCell.width);
    expect(indicator.x + indicator.width).toBeLessThanOrEqual(scroller.x + scroller.width);
    const titleInput = await box(a.page, `${TABLE} input[data-field="title"]`);
    const onTop = await a.page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return el instanceof HTMLElement ? (el.dataset.field ?? `${el.tagName}.${el.className}`) : null;
    }, { x: titleInput.x + titleInput.width / 2, y: titleInput.y + titleInput.height / 2 });
    expect(onTop).toBe('title');
    const background = await a.page.locator(`${TABLE} tbody td:has(input[data-field="title"])`).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toMatch(/^rgb\(/);
    expect((await pageOverflow(a.page)).scrollWidth).toBeLessThanOrEqual(1280);

    // The title is still typed into, pinned or not.
    await firstTitle.fill('Capacitación en identificación de víctimas (revisada)');
    await expect.poll(() => firstTitle.inputValue()).toBe('Capacitación en identificación de víctimas (revisada)');

    // A phone: still no page-level scroll; the pinned title leaves room for the other columns.
    await a.page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => {
      const o = await pageOverflow(a.page);
      return o.scrollWidth <= o.innerWidth;
    }).toBe(true);
    await hint.waitFor();
    const narrowScroller = await box(a.page, SCROLLER);
    expect(narrowScroller.x + narrowScroller.width).toBeLessThanOrEqual(390);
    await scrollTableToEnd(a.page);
    const narrowTitle = await box(a.page, `${TABLE} tbody td:has(input[data-field="title"])`);
    expect(narrowTitle.x).toBeGreaterThanOrEqual(narrowScroller.x - 1);
    expect(narrowTitle.x + narrowTitle.width).toBeLessThanOrEqual(narrowScroller.x + narrowScroller.width * 0.65);
    expect((await pageOverflow(a.page)).scrollWidth).toBeLessThanOrEqual(390);

    await a.page.setViewportSize({ width: 1280, height: 900 });
    expect(await seriousViolations(a.page)).toEqual([]);
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('names the time zone of a meeting’s start, and gives Mexico City time to a viewer elsewhere', async () => {
    const fac = await h.world.user('Fátima Facilitadora', 'UNODC');
    const workspaceId = await h.world.workspace(fac.api, 'Mesa de tráfico de migrantes');
    const created = await fac.api.post(`/api/workspaces/${workspaceId}/meetings`, {
      title: 'Sesión ordinaria de diciembre',
      startsAt: '2026-12-06T21:50:00Z',
      agenda: [{ title: 'Bienvenida', minutes: 5 }],
    });
    expect(created.status).toBe(201);
    const meetingUrl = `${h.base}/w/${workspaceId}/meetings/${created.body.meeting.id}`;
    const startTime = (page: Page) => page.locator('.page-head time').innerText();

    // In Tijuana (GMT-8): local time with its zone, and the Mexico City time the minutes use.
    const tijuana = await open(fac.email, { width: 1280, height: 900 }, 'America/Tijuana');
    await tijuana.page.goto(meetingUrl);
    await tijuana.page.getByTestId('meeting-agenda').waitFor();
    expect(await startTime(tijuana.page)).toMatch(/^6 dic 2026, 1:50\sp\.\s?m\.\sGMT-8$/);
    expect(await tijuana.page.getByTestId('meeting-reference-time').innerText()).toMatch(/^\(en la Ciudad de México: 3:50\sp\.\s?m\.\sGMT-6\)$/);
    // The working group's meeting list names the zone too.
    await tijuana.page.goto(`${h.base}/w/${workspaceId}`);
    const listed = tijuana.page.locator('li.item', { hasText: 'Sesión ordinaria de diciembre' }).locator('.item-meta');
    await listed.waitFor();
    expect(await listed.innerText()).toMatch(/6 dic 2026, 1:50\sp\.\s?m\.\sGMT-8/);
    expect(tijuana.errors).toEqual([]);
    await tijuana.close();

    // In Mexico City: one time, zone named, no second line repeating it.
    const cdmx = await open(fac.email, { width: 1280, height: 900 }, 'America/Mexico_City');
    await cdmx.page.goto(meetingUrl);
    await cdmx.page.getByTestId('meeting-agenda').waitFor();
    expect(await startTime(cdmx.page)).toMatch(/^6 dic 2026, 3:50\sp\.\s?m\.\sGMT-6$/);
    expect(await cdmx.page.getByTestId('meeting-reference-time').count()).toBe(0);
    // In English the zone is the same offset, not a name ("CST") the Spanish page does not use.
    await cdmx.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => startTime(cdmx.page)).toMatch(/^Dec 6, 2026, 3:50\sPM\sGMT-6$/);
    expect(cdmx.errors).toEqual([]);
    await cdmx.close();
  });
});
